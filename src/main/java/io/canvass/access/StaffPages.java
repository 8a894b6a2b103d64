package io.canvass.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What the staff pages (dashboard, studio) answer a visitor who is not signed in: the sign-in form, back here after. */
public final class StaffPages {

    private StaffPages() {
    }

    /**
     * Empty when the visitor is signed in. Not signed in, or with a cookie that no longer verifies
     * (expired, key rotated): to sign-in, the cookie cleared in the second case.
     */
    public static Optional<Response> signInFirst(SecurityIdentity identity, UriInfo uri) {
        try {
            return identity.isAnonymous() ? Optional.of(toSignIn(uri).build()) : Optional.empty();
        } catch (AuthenticationFailedException notValid) {
            return Optional.of(toSignIn(uri).cookie(SessionCookie.cleared(false)).build());
        }
    }

    private static Response.ResponseBuilder toSignIn(UriInfo uri) {
        URI here = uri.getRequestUri();
        String next = here.getRawPath() + (here.getRawQuery() == null ? "" : "?" + here.getRawQuery());
        return Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }
}
