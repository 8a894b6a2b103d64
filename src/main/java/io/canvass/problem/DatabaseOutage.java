package io.canvass.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells a failure caused by the database being out of reach (down, restarting, unreachable, or the
 * pool unable to hand out a connection) from a fault in the request or the code: the first is worth
 * a 503 and a retry, the second is a 500 and a bug.
 */
public final class DatabaseOutage {

    /** What an answer during an outage tells clients to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** SQLSTATE classes of a lost or refused connection, and PostgreSQL's "shutting down" / "starting up". */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    /**
     * Looks through causes and suppressed exceptions: a commit that fails on a dropped connection
     * surfaces as the transaction manager's RollbackException with the driver's error suppressed in it.
     */
    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable cause = pending.poll();
            if (seen.put(cause, Boolean.TRUE) != null) {
                continue;
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && isOutage(sql)) {
                return true;
            }
            if (cause.getCause() != null) {
                pending.add(cause.getCause());
            }
            pending.addAll(Arrays.asList(cause.getSuppressed()));
        }
        return false;
    }

    private static boolean isOutage(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null) {
            return state.startsWith("08") || OUTAGE_STATES.contains(state);
        }
        // Agroal reports an exhausted wait for a connection without a SQLSTATE.
        String message = failure.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
