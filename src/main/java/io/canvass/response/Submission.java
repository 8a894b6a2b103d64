package io.canvass.response;

/** The receipt of a submission, and whether it repeats an earlier one with the same Idempotency-Key. */
public record Submission(SubmissionReceipt receipt, boolean replayed) {
}
