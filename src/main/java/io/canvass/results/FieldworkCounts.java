package io.canvass.results;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The fieldwork funnel: every response started, and what became of it (rejected: completes a researcher took out on review). */
public record FieldworkCounts(
        long started,
        @JsonProperty("in_progress") long inProgress,
        long complete,
        @JsonProperty("screened_out") long screenedOut,
        @JsonProperty("quota_full") long quotaFull,
        long rejected) {
}
