package io.canvass.protection;

import io.canvass.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses requests to {@link RateLimited} endpoints once the client has spent its budget: 429
 * problem+json with Retry-After. Runs before authentication and CSRF checks, so that failed
 * attempts count too.
 */
public class RateLimitFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);
    // An address as a proxy writes it (IPv4, IPv6, optionally bracketed with a port); anything else is not trusted.
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]]{1,64}");

    private final ClientRateLimiter limiter;
    private final RateLimitConfig config;

    public RateLimitFilter(ClientRateLimiter limiter, RateLimitConfig config) {
        this.limiter = limiter;
        this.config = config;
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
        Problem problem = new Problem(Problem.TYPE_PREFIX + "rate-limited", "Too many requests", 429,
                "Too many requests from your address. Try again in " + retryAfter + " second"
                        + (retryAfter == 1 ? "" : "s") + ".",
                uri.getPath(), List.of());
        return Response.status(429).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, retryAfter)
                .entity(problem).build();
    }

    /** The connection's address, or behind one trusted proxy the address that proxy appended last. */
    String client(HttpServerRequest request) {
        if (config.trustForwardedFor()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null) {
                String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
                if (ADDRESS.matcher(last).matches()) {
                    return last;
                }
            }
        }
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
