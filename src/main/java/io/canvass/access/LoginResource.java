package io.canvass.access;

import io.canvass.protection.RateLimit;
import io.canvass.protection.RateLimited;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Staff sign-in for the dashboard: a staff JWT pasted into a form (with the CSRF token of
 * quarkus-rest-csrf) becomes an HttpOnly, SameSite=Strict cookie the pages and the API accept.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@Tag(name = "Staff sign-in", description = "Browser sign-in for the dashboard (HTML)")
public class LoginResource {

    private final StaffSignIn signIn;
    private final SignInConfig config;

    public LoginResource(StaffSignIn signIn, SignInConfig config) {
        this.signIn = signIn;
        this.config = config;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String next, String error, boolean signedOut);
    }

    @GET
    @Path("login")
    @Operation(summary = "Sign-in form", description = "Paste a staff token; ?next= is a dashboard page to return to.")
    public TemplateInstance form(@QueryParam("next") String next, @QueryParam("signed-out") boolean signedOut) {
        return Templates.login(SignInTarget.of(next), null, signedOut);
    }

    @POST
    @RateLimited(RateLimit.SIGN_IN)
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign in", description = "Verifies the token (signature, issuer, audience, expiry, role) and "
            + "sets the canvass_token cookie; 303 to the dashboard. 400 for a token that is not valid, 403 without a "
            + "results role: the form again, with the reason.")
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next,
            @Context HttpServerRequest request) {
        String target = SignInTarget.of(next);
        try {
            StaffSession session = signIn.verify(token);
            return Response.seeOther(URI.create(target))
                    .cookie(SessionCookie.issue(session, Instant.now(), secure(request)))
                    .build();
        } catch (SignInRefusedException refused) {
            return Response.status(refused.kind().status()).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.login(target, refused.getMessage(), false)).build();
        }
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign out", description = "Clears the canvass_token cookie; 303 to the sign-in form.")
    public Response signOut(@Context HttpServerRequest request) {
        return Response.seeOther(URI.create("/login?signed-out=true"))
                .cookie(SessionCookie.cleared(secure(request)))
                .build();
    }

    private boolean secure(HttpServerRequest request) {
        return config.secureCookie() || "https".equalsIgnoreCase(request.scheme());
    }
}
