package io.canvass.protection;

import io.canvass.problem.Problem;
import io.canvass.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses requests to {@link RateLimited} endpoints once the client has spent its budget: 429
 * problem+json with Retry-After. Runs before authentication and CSRF checks, so that failed
 * attempts count too.
 */
public class RateLimitFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);

    private final ClientRateLimiter limiter;

    public RateLimitFilter(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Response limit(ResourceInfo resource, HttpServerRequest request, UriInfo uri) {
        RateLimited rateLimited = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (rateLimited == null) {
            return null;
        }
        TokenBucket.Outcome outcome = limiter.take(rateLimited.value(), client(request));
        if (outcome.allowed()) {
            return null;
        }
        if (outcome.firstRefusal()) {
            // No address: it is personal data. The request id in the log context finds the request.
            LOG.infof("Rate limit %s reached by a client; refusing until its budget refills", rateLimited.value());
        }
        long retryAfter = outcome.retryAfterSeconds();
        Problem problem = Problem.of(ProblemType.RATE_LIMITED,
                "Too many requests from your address. Try again in " + retryAfter + " second"
                        + (retryAfter == 1 ? "" : "s") + ".",
                uri.getPath(), List.of());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, retryAfter)
                .entity(problem).build();
    }

    /**
     * The client's address as Quarkus reports it: the connection's, unless quarkus.http.proxy.* names the
     * connection's peer as a trusted proxy, in which case the address that proxy forwarded. Forwarded
     * headers from anyone else are ignored, so a client cannot pick its own bucket.
     */
    String client(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
