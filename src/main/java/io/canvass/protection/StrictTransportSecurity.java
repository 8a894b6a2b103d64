package io.canvass.protection;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.config.ConfigMapping;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Sends {@code Strict-Transport-Security} on every response that goes out over HTTPS: TLS to this
 * service, or TLS that ended at a trusted proxy which says so in {@code X-Forwarded-Proto} (Quarkus
 * reports the forwarded scheme only for quarkus.http.proxy.trusted-proxies). Never over plain HTTP: a
 * host must not send it there (RFC 6797 §7.2), and browsers ignore it there anyway.
 */
@ApplicationScoped
public class StrictTransportSecurity {

    static final String HEADER = "Strict-Transport-Security";

    private final Optional<String> policy;

    public StrictTransportSecurity(HttpsConfig config) {
        this.policy = config.strictTransportSecurity().map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The header's value, from {@code application.properties} (canvass.http.*). */
    @ConfigMapping(prefix = "canvass.http")
    public interface HttpsConfig {

        /** The Strict-Transport-Security policy sent over HTTPS; none when unset or empty. */
        Optional<String> strictTransportSecurity();
    }

    void register(@Observes Filters filters) {
        if (policy.isPresent()) {
            filters.register(this::add, 300);
        }
    }

    void add(RoutingContext context) {
        if ("https".equalsIgnoreCase(context.request().scheme())) {
            context.response().putHeader(HEADER, policy.get());
        }
        context.next();
    }
}
