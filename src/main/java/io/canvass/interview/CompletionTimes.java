package io.canvass.interview;

/**
 * What the speeder rule compares a duration with: how many of the survey's completes have a recorded
 * duration, and the median of those durations in seconds (0 when there are none).
 */
public record CompletionTimes(long completes, double medianSeconds) {

    public static final CompletionTimes NONE = new CompletionTimes(0, 0);
}
