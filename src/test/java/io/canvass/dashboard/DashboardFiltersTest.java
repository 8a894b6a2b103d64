package io.canvass.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the dashboard's filter parameters: the API's form and a plain HTML form's, nothing else. */
class DashboardFiltersTest {

    /** As canvass.results.filters.max. */
    private static final int MAX_FILTERS = 10;

    private static SurveyDefinition survey() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/questionnaire/test-dashboard.yaml"));
        return DefinitionParser.parse(yaml, DefinitionFormat.YAML, "test-dashboard.yaml");
    }

    @Test
    void ticksOfOneQuestionJoinAndComeOutInSurveyOrder() throws Exception {
        List<DashboardFilter> filters = DashboardFilters.parse(
                List.of("priority:5", "industry:retail", "industry:it", "industry:it,finance", ""), survey(), MAX_FILTERS);
        assertEquals(List.of(new DashboardFilter("industry", List.of("it", "finance", "retail")),
                new DashboardFilter("priority", List.of("5"))), filters);
        assertEquals("filter=industry%3Ait%2Cfinance%2Cretail&filter=priority%3A5", DashboardFilters.query(filters));
    }

    @Test
    void noFiltersIsNoQuery() throws Exception {
        assertEquals(List.of(), DashboardFilters.parse(null, survey(), MAX_FILTERS));
        assertEquals("", DashboardFilters.query(List.of()));
    }

    @Test
    void refusesWhatTheSurveyCannotFilterOn() throws Exception {
        SurveyDefinition survey = survey();
        for (String bad : List.of("industry", ":it", "nosuch:x", "industry:nosuch", "comments:x", "use:limited",
                "priority:6", "industry:it;drop table")) {
            assertThrows(InvalidFilterException.class, () -> DashboardFilters.parse(List.of(bad), survey, MAX_FILTERS), bad);
        }
    }

    @Test
    void refusesMoreQuestionsThanTheResultsApiTakesFilters() throws Exception {
        SurveyDefinition survey = survey();
        List<String> twoQuestions = List.of("priority:5", "industry:retail", "industry:it");
        assertEquals(2, DashboardFilters.parse(twoQuestions, survey, 2).size());
        InvalidFilterException refused = assertThrows(InvalidFilterException.class,
                () -> DashboardFilters.parse(twoQuestions, survey, 1));
        assertEquals("Filter on at most 1 questions at once", refused.getMessage());
    }
}
