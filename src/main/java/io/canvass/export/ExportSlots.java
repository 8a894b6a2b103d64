package io.canvass.export;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how many exports run at once on this instance, per staff member and in all: each holds a
 * database connection and a transaction for as long as its reader takes, so a few slow readers
 * must not starve the submissions of the connection pool.
 */
@ApplicationScoped
public class ExportSlots {

    private final ExportConfig config;
    private final Map<String, Integer> runningBySubject = new HashMap<>();
    private int running;

    public ExportSlots(ExportConfig config) {
        this.config = config;
    }

    /** A slot for one export by the subject, or {@link ExportsBusyException} (429) when none is free. */
    public synchronized Slot take(String subject) {
        if (runningBySubject.getOrDefault(subject, 0) >= config.maxConcurrentPerSubject()) {
            throw new ExportsBusyException("You are running " + config.maxConcurrentPerSubject() + " export(s) already, "
                    + "the most one person may run at once. Try again when one has finished.", retryAfter());
        }
        if (running >= config.maxConcurrent()) {
            throw new ExportsBusyException("The service is running " + config.maxConcurrent() + " exports, the most it "
                    + "runs at once. Try again shortly.", retryAfter());
        }
        running++;
        runningBySubject.merge(subject, 1, Integer::sum);
        return new Slot(subject);
    }

    /** Exports running now, by everyone. */
    public synchronized int running() {
        return running;
    }

    private synchronized void release(String subject) {
        running--;
        runningBySubject.computeIfPresent(subject, (who, count) -> count == 1 ? null : count - 1);
    }

    private long retryAfter() {
        return Math.max(1, config.retryAfter().toSeconds());
    }

    /** One running export's slot; closing it more than once frees it once. */
    public final class Slot implements AutoCloseable {
        private final String subject;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String subject) {
            this.subject = subject;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(subject);
            }
        }
    }

    /** Every export slot is taken: try again later. */
    static class ExportsBusyException extends RequestProblem {
        private final long retryAfterSeconds;

        ExportsBusyException(String detail, long retryAfterSeconds) {
            super(ProblemType.EXPORTS_BUSY, detail);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
