package io.canvass.results;

/**
 * A live results stream refused because its subject, or the instance, holds as many as allowed:
 * {@code 429} for the one, {@code 503} for the other, with a time to try again.
 */
public class TooManyStreamsException extends RuntimeException {

    private final boolean forSubject;
    private final int limit;

    TooManyStreamsException(boolean forSubject, int limit) {
        super(null, null, false, false);
        this.forSubject = forSubject;
        this.limit = limit;
    }

    /** Whether the caller's own streams reached the limit (else the instance's did). */
    public boolean forSubject() {
        return forSubject;
    }

    public int limit() {
        return limit;
    }
}
