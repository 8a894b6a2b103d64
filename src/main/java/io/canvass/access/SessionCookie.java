package io.canvass.access;

import jakarta.ws.rs.core.NewCookie;
import java.time.Instant;

/**
 * The cookie the dashboard keeps a staff token in. HttpOnly so page script never sees it;
 * SameSite=Strict so that no other site can make the browser send it, which is what protects the
 * API (that now accepts it) from cross-site request forgery; as long-lived as the token.
 */
public final class SessionCookie {

    /** Also {@code mp.jwt.token.cookie} in application.properties. */
    public static final String NAME = "canvass_token";

    private SessionCookie() {
    }

    public static NewCookie issue(StaffSession session, Instant now, boolean secure) {
        long maxAge = Math.max(1, session.remaining(now).getSeconds());
        return build(session.token(), (int) Math.min(Integer.MAX_VALUE, maxAge), secure);
    }

    /** Tells the browser to forget the cookie. */
    public static NewCookie cleared(boolean secure) {
        return build("", 0, secure);
    }

    private static NewCookie build(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(NAME)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
