package io.canvass.results;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who holds live results streams open, within limits: so many per subject and so many in all, and
 * each for no longer than its token is valid or the configured maximum age, whichever ends first.
 * A stream outliving its token would keep serving someone whose access may have ended.
 */
@ApplicationScoped
public class ResultsStreams {

    private final StreamConfig config;
    private final Map<String, AtomicInteger> bySubject = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    public ResultsStreams(StreamConfig config) {
        this.config = config;
    }

    /**
     * A place for one more stream of {@code subject}, whose token expires at {@code tokenExpiry}
     * (null: none stated); {@link TooManyStreamsException} when a limit is reached.
     */
    public Lease open(String subject, Instant tokenExpiry, Instant now) {
        if (open.incrementAndGet() > config.maxOpen()) {
            open.decrementAndGet();
            throw new TooManyStreamsException(false, config.maxOpen());
        }
        AtomicInteger mine = bySubject.compute(subject, (s, count) -> {
            AtomicInteger held = count == null ? new AtomicInteger() : count;
            held.incrementAndGet();
            return held;
        });
        if (mine.get() > config.perSubject()) {
            release(subject);
            throw new TooManyStreamsException(true, config.perSubject());
        }
        return new Lease(subject, endOf(tokenExpiry, now, config.maxAge()));
    }

    /** When a stream opened {@code now} must end: at the token's expiry or after the maximum age, whichever is first. */
    static Instant endOf(Instant tokenExpiry, Instant now, Duration maxAge) {
        Instant oldest = now.plus(maxAge);
        return tokenExpiry != null && tokenExpiry.isBefore(oldest) ? tokenExpiry : oldest;
    }

    /** Streams open on this instance. */
    public int open() {
        return open.get();
    }

    private void release(String subject) {
        open.decrementAndGet();
        // Removed at zero, so that subjects who come and go leave nothing behind.
        bySubject.computeIfPresent(subject, (s, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** One open stream's place: {@link #close} it when the stream ends, however it ends (once is enough). */
    public final class Lease implements AutoCloseable {

        private final String subject;
        private final Instant ends;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(String subject, Instant ends) {
            this.subject = subject;
            this.ends = ends;
        }

        /** When the stream must end. */
        public Instant ends() {
            return ends;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(subject);
            }
        }
    }
}
