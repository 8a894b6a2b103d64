package io.canvass.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The live results of a survey, or of the completes matching some filters. A filtered group too
 * small to keep respondents anonymous comes back {@code suppressed} with no counts at all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsDocument(
        String surveyId,
        String title,
        int version,
        Instant asOf,
        int minGroupSize,
        List<FilterView> filters,
        boolean suppressed,
        FieldworkCounts counts,
        Long n,
        List<QuotaFill> quotas,
        List<QuestionResult> questions) {

    /** The same results, stated as of another moment (nothing changed in between). */
    ResultsDocument asOf(Instant moment) {
        return new ResultsDocument(surveyId, title, version, moment, minGroupSize, filters, suppressed, counts, n, quotas,
                questions);
    }
}
