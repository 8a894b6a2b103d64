package io.canvass.protection;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes an unreadable CSRF cookie away before the CSRF filter sees it. That filter answers 400 to
 * every request, GET included, whose {@code csrf-token} cookie does not decode to a token, so one
 * bad cookie (a truncated value, or one tossed by a sibling site) would lock a respondent out of
 * every page for the cookie's 30 days. Without it, a page is served with a fresh cookie instead,
 * and a form posted with it is refused as any form without a token is.
 */
@ApplicationScoped
public class CsrfCookieRepair {

    private final String cookieName;
    private final int tokenSize;
    private final boolean signed;

    public CsrfCookieRepair(@ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token") String cookieName,
            @ConfigProperty(name = "quarkus.rest-csrf.token-size", defaultValue = "16") int tokenSize,
            @ConfigProperty(name = "quarkus.rest-csrf.token-signature-key") Optional<String> signatureKey) {
        this.cookieName = cookieName;
        this.tokenSize = tokenSize;
        this.signed = signatureKey.isPresent();
    }

    void register(@Observes Filters filters) {
        filters.register(this::repair, 200);
    }

    void repair(RoutingContext context) {
        HttpServerRequest request = context.request();
        String cookies = request.getHeader(HttpHeaders.COOKIE);
        // Almost every request carries a good cookie or none: the header is rewritten only to take one away.
        if (CookieHeader.any(cookies, this::unreadable)) {
            String kept = CookieHeader.without(cookies, this::unreadable);
            if (kept == null) {
                request.headers().remove(HttpHeaders.COOKIE);
            } else {
                request.headers().set(HttpHeaders.COOKIE, kept);
            }
        }
        context.next();
    }

    private boolean unreadable(String name, String value) {
        return name.equals(cookieName) && !readable(value);
    }

    /** What the CSRF filter accepts as a cookie: base64url, and of the token's size unless it is signed. */
    boolean readable(String value) {
        try {
            int size = Base64.getUrlDecoder().decode(value).length;
            return signed ? size > 0 : size == tokenSize;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
