package io.canvass.problem;

import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * The id a server fault quotes: the current request's id (put in the logging context by the
 * request-id filter), so that the client's X-Request-Id, the problem document and the log line
 * match; a new one outside a request.
 */
public final class Incidents {

    /** The key of the request id in the logging MDC (a field of every JSON log line). */
    public static final String MDC_KEY = "requestId";

    private Incidents() {
    }

    public static String currentId() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? UUID.randomUUID().toString() : id.toString();
    }
}
