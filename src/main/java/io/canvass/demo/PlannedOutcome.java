package io.canvass.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What the server should answer a planned respondent, in the receipt's own terms: {@code complete};
 * {@code screened_out} with the screening question as reason; {@code quota_full} with quota and cell.
 */
public record PlannedOutcome(String status, String reason, String quota, String cell) {

    public static final String COMPLETE = "complete";
    public static final String SCREENED_OUT = "screened_out";
    public static final String QUOTA_FULL = "quota_full";

    public static PlannedOutcome complete() {
        return new PlannedOutcome(COMPLETE, null, null, null);
    }

    public static PlannedOutcome screenedOut(String question) {
        return new PlannedOutcome(SCREENED_OUT, question, null, null);
    }

    public static PlannedOutcome quotaFull(String quota, String cell) {
        return new PlannedOutcome(QUOTA_FULL, null, quota, cell);
    }

    /** The outcome a receipt ({@code {"id","status","reason"?,"quota"?,"cell"?}}) reports. */
    public static PlannedOutcome ofReceipt(JsonNode receipt) {
        return new PlannedOutcome(text(receipt, "status"), text(receipt, "reason"), text(receipt, "quota"),
                text(receipt, "cell"));
    }

    /** How the summary names it: {@code complete}, {@code screened_out revenue}, {@code quota_full industry:it}. */
    public String label() {
        return switch (Objects.toString(status)) {
            case SCREENED_OUT -> status + " " + reason;
            case QUOTA_FULL -> status + " " + quota + ":" + cell;
            default -> Objects.toString(status);
        };
    }

    private static String text(JsonNode receipt, String field) {
        JsonNode value = receipt.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
