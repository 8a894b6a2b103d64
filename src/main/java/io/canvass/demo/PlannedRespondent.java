package io.canvass.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One respondent of a demo plan: the answers to submit, the Idempotency-Key that makes a re-run
 * replay instead of storing again, and the outcome the server should report.
 *
 * @param afterQuotasFill submitted only once everyone before it is stored (a quota-full attempt)
 */
public record PlannedRespondent(int index, String idempotencyKey, ObjectNode answers, PlannedOutcome expected,
        boolean afterQuotasFill) {

    /** The request body, {@code {"answers": {...}}}. */
    public ObjectNode body() {
        ObjectNode body = answers.objectNode();
        body.set("answers", answers);
        return body;
    }
}
