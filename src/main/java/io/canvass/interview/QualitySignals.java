package io.canvass.interview;

/**
 * What is known about how a complete was given, beside its answers: how long it took in seconds (null
 * when not known: an API submission without {@code durationSeconds}), the durations of the survey's
 * earlier completes, and whether the browser form's honeypot field was filled in.
 */
public record QualitySignals(Integer durationSeconds, CompletionTimes earlier, boolean honeypotFilled) {

    /**
     * The longest duration anyone is recorded with: 30 days. The API refuses a longer {@code durationSeconds};
     * a browser response resumed after longer counts as this long (it is no speeder either way).
     */
    public static final int MAX_DURATION_SECONDS = 30 * 24 * 3600;

    /** A complete that says nothing about how it was given. */
    public static QualitySignals none() {
        return new QualitySignals(null, CompletionTimes.NONE, false);
    }
}
