package io.canvass.observability;

import io.canvass.problem.Incidents;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id: the caller's X-Request-Id when it is a sane token (a proxy's or a
 * client's, so one id follows the request across services), otherwise a new random UUID. It is in
 * the log context of everything logged for the request and returned as X-Request-Id.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The key of the id in the logging MDC (a field of every JSON log line). */
    public static final String MDC_KEY = Incidents.MDC_KEY;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // Before every other route, /q/ included, so that even a refused request carries its id.
    private static final int ORDER = Integer.MIN_VALUE + 1000;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            String id = accept(context.request().getHeader(HEADER));
            // Quarkus keeps the MDC on the request's own (duplicated) Vert.x context, so it follows the
            // request to worker threads and never leaks into another request's log lines.
            MDC.put(MDC_KEY, id);
            context.response().putHeader(HEADER, id);
            context.next();
        });
    }

    /** The id to use for a request that came with {@code offered} (may be null). */
    static String accept(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : newId();
    }

    /**
     * A version 4 UUID from the thread's own generator. A request id only has to be unique, not
     * unguessable (it is sent back to the client and written in every log line), so it need not come
     * from SecureRandom as UUID.randomUUID's does: that takes a lock shared by every thread and reads
     * /dev/urandom, on every request, the health checks' included.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~0xC000_0000_0000_0000L | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
