package io.canvass.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the browser sign-in for staff (the dashboard). */
@ConfigMapping(prefix = "canvass.sign-in")
public interface SignInConfig {

    /**
     * Mark the sign-in cookie Secure on plain-HTTP requests too: for TLS that ends at a proxy in
     * front of the service. Over https it is always Secure.
     */
    @WithDefault("false")
    boolean secureCookie();
}
