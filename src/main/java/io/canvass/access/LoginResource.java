package io.canvass.access;

import io.canvass.protection.RateLimit;
import io.canvass.protection.RateLimited;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Staff sign-in for the dashboard: a staff JWT pasted into a form (with the CSRF token of
 * quarkus-rest-csrf) becomes an HttpOnly, SameSite=Strict cookie the pages and the API accept.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class LoginResource {

    private final StaffSignIn signIn;
    private final SignInConfig config;
    private final SignInAudit audit;
    private final SecurityIdentity identity;

    public LoginResource(StaffSignIn signIn, SignInConfig config, SignInAudit audit, SecurityIdentity identity) {
        this.signIn = signIn;
        this.config = config;
        this.audit = audit;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String next, String error, boolean signedOut);
    }

    @GET
    @Path("login")
    @Operation(hidden = true,
            summary = "Sign-in form", description = "Paste a staff token; ?next= is a dashboard page to return to.")
    public TemplateInstance form(@QueryParam("next") String next, @QueryParam("signed-out") boolean signedOut) {
        return Templates.login(SignInTarget.of(next), null, signedOut);
    }

    @POST
    @RateLimited(RateLimit.SIGN_IN)
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true,
            summary = "Sign in", description = "Verifies the token (signature, issuer, audience, expiry, role) and "
            + "sets the canvass_token cookie; 303 to the dashboard. 400 for a token that is not valid, 403 without a "
            + "results role: the form again, with the reason.")
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next,
            @Context HttpServerRequest request) {
        String target = SignInTarget.of(next);
        try {
            StaffSession session = signIn.verify(token);
            audit.signedIn(session.subject());
            return Response.seeOther(URI.create(target))
                    .cookie(SessionCookie.issue(session, Instant.now(), secure(request)))
                    .build();
        } catch (SignInRefusedException refused) {
            return Response.status(refused.status()).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.login(target, refused.detail(), false)).build();
        }
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true,
            summary = "Sign out", description = "Clears the canvass_token cookie; 303 to the sign-in form.")
    public Response signOut(@Context HttpServerRequest request) {
        signedInSubject().ifPresent(audit::signedOut);
        return Response.seeOther(URI.create("/login?signed-out=true"))
                .cookie(SessionCookie.cleared(secure(request)))
                .build();
    }

    /** Who the cookie being cleared belongs to; nobody when it no longer verifies (expired, key rotated). */
    private Optional<String> signedInSubject() {
        try {
            return identity.isAnonymous() ? Optional.empty()
                    : Optional.of(identity.getPrincipal().getName());
        } catch (AuthenticationFailedException notValid) {
            return Optional.empty();
        }
    }

    private boolean secure(HttpServerRequest request) {
        return config.secureCookie() || "https".equalsIgnoreCase(request.scheme());
    }
}
