package io.canvass.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.problem.Problem;
import io.canvass.problem.ProblemType;
import io.canvass.protection.CookieHeader;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;

/**
 * The API takes the dashboard's sign-in cookie as a credential for reading only. A browser sends
 * cookies with whatever a page makes it send, so a request that changes something must prove it
 * was written by a client that holds the token: it carries the token in the Authorization header,
 * which no other site can make a browser add. Hence, on {@code /api}:
 * <ul>
 * <li>GET, HEAD and OPTIONS (results, the live stream, exports) accept the cookie;</li>
 * <li>any other method carrying the cookie without a bearer header is refused with 403;</li>
 * <li>with a bearer header the cookie is ignored, so the header's token is the one that counts.</li>
 * </ul>
 * Runs before authentication (a Vert.x filter), so the cookie never reaches the token check.
 */
@ApplicationScoped
public class CookieCredentials {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final byte[] refusal;

    public CookieCredentials(ObjectMapper json) throws JsonProcessingException {
        this.refusal = json.writeValueAsBytes(Problem.of(ProblemType.COOKIE_NOT_ACCEPTED,
                "The dashboard's sign-in cookie is accepted for reading only. Send the token in the Authorization "
                        + "header (Authorization: Bearer <JWT>) to change data.",
                null, List.of()));
    }

    void register(@Observes Filters filters) {
        filters.register(this::apply, 200);
    }

    void apply(RoutingContext context) {
        HttpServerRequest request = context.request();
        String cookies = request.getHeader(HttpHeaders.COOKIE);
        if (!context.normalizedPath().startsWith("/api/") || !CookieHeader.has(cookies, SessionCookie.NAME)) {
            context.next();
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String kept = CookieHeader.without(cookies, (name, value) -> name.equals(SessionCookie.NAME));
            if (kept == null) {
                request.headers().remove(HttpHeaders.COOKIE);
            } else {
                request.headers().set(HttpHeaders.COOKIE, kept);
            }
            context.next();
            return;
        }
        if (READS.contains(request.method())) {
            context.next();
            return;
        }
        context.response().setStatusCode(ProblemType.COOKIE_NOT_ACCEPTED.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(io.vertx.core.buffer.Buffer.buffer(refusal));
    }
}
