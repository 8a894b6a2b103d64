package io.canvass.response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a submission became: {@code complete}; {@code screened_out} with the question as reason;
 * or {@code quota_full} with the quota and the answer code whose cell was full.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionReceipt(String id, ResponseStatus status, String reason, String quota, String cell) {

    static SubmissionReceipt of(SurveyResponse response) {
        return of(response.id, response.status, response.reason);
    }

    static SubmissionReceipt of(String id, ResponseStatus status, String reason) {
        return switch (status) {
            case SCREENED_OUT -> new SubmissionReceipt(id, status, reason, null, null);
            case QUOTA_FULL -> {
                int colon = reason.indexOf(':');
                yield new SubmissionReceipt(id, status, null, reason.substring(0, colon), reason.substring(colon + 1));
            }
            // A retry of a submission a researcher has since rejected: the respondent's receipt never tells of a review.
            case REJECTED -> new SubmissionReceipt(id, ResponseStatus.COMPLETE, null, null, null);
            default -> new SubmissionReceipt(id, status, null, null, null);
        };
    }
}
