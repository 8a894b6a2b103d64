package io.canvass.response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a submission became: {@code complete}; {@code screened_out} with the question as reason;
 * or {@code quota_full} with the quota and the answer code whose cell was full.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionReceipt(String id, ResponseStatus status, String reason, String quota, String cell) {

    static SubmissionReceipt of(SurveyResponse response) {
        return switch (response.status) {
            case SCREENED_OUT -> new SubmissionReceipt(response.id, response.status, response.reason, null, null);
            case QUOTA_FULL -> {
                int colon = response.reason.indexOf(':');
                yield new SubmissionReceipt(response.id, response.status, null, response.reason.substring(0, colon),
                        response.reason.substring(colon + 1));
            }
            default -> new SubmissionReceipt(response.id, response.status, null, null, null);
        };
    }
}
