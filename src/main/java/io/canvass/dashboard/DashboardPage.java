package io.canvass.dashboard;

import java.util.List;

/**
 * What the dashboard page shows before any result arrives: the survey, its filter controls with
 * what is ticked, and where the script reads the live results from.
 *
 * @param exactResults whether the viewer is one of the survey's researchers (exact, live numbers) rather than
 *     an analyst (published states, perturbed filtered counts)
 * @param maxAdjustment the most an analyst's filtered count is moved by the cell-key method
 * @param filterQuery the results API's query for the active filters (empty when none)
 * @param filterError why the requested filters were not applied, or null
 */
public record DashboardPage(
        String surveyId,
        String title,
        int minGroupSize,
        boolean exactResults,
        int maxAdjustment,
        List<FilterQuestion> filterQuestions,
        List<ActiveFilter> activeFilters,
        String filterQuery,
        String filterError,
        String signedInAs) {

    public String streamUrl() {
        return "/api/surveys/" + surveyId + "/results/stream";
    }

    public String resultsUrl() {
        return "/api/surveys/" + surveyId + "/results";
    }

    public boolean filtered() {
        return !activeFilters.isEmpty();
    }

    /** One question the results can be filtered on, as a group of check boxes. */
    public record FilterQuestion(String id, String text, List<FilterChoice> choices) {
        public long selectedCount() {
            return choices.stream().filter(FilterChoice::checked).count();
        }
    }

    /** One check box: {@code value} is the API's {@code question:code}. */
    public record FilterChoice(String inputId, String value, String label, boolean checked) {
    }

    /** An applied filter in words: the question and the answers it keeps. */
    public record ActiveFilter(String question, String answers) {
    }
}
