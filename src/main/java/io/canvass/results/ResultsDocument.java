package io.canvass.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The results of a survey, or of the completes matching some filters. A filtered group too small
 * to keep respondents anonymous comes back {@code suppressed} with no counts at all.
 * {@code completesAtState} says which state the numbers are of: for a researcher every complete so
 * far, for an analyst the last published state. {@code disclosureControl} is there exactly when
 * counts were perturbed (an analyst's filtered results); without it every count is exact.
 * {@code quality} counts the quality flags among the completes shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsDocument(
        String surveyId,
        String title,
        int version,
        Instant asOf,
        long completesAtState,
        int minGroupSize,
        DisclosureControl disclosureControl,
        List<FilterView> filters,
        boolean suppressed,
        FieldworkCounts counts,
        Long n,
        List<QuotaFill> quotas,
        QualityCounts quality,
        List<QuestionResult> questions) {

    /** The same results, stated as of another moment (nothing changed in between). */
    ResultsDocument asOf(Instant moment) {
        return new ResultsDocument(surveyId, title, version, moment, completesAtState, minGroupSize, disclosureControl,
                filters, suppressed, counts, n, quotas, quality, questions);
    }
}
