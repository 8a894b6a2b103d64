package io.canvass.interview;

import static io.canvass.interview.TestSurveys.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.problem.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checking one page: its own questions only, with the answers of other pages as context. */
class PageCheckTest {

    private static final SurveyPlan PLAN = SurveyPlan.compile(TestSurveys.rules());

    @Test
    void reportsOnlyThePagesQuestionsNotLaterRequiredOnes() {
        ObjectNode answers = json("{\"size\": \"large\", \"region\": \"eu\"}");
        assertEquals(List.of(), Interview.checkPage(PLAN, 0, answers).violations());
        assertEquals(List.of("tools:required", "rating:required"), codes(Interview.checkPage(PLAN, 1, answers).violations()));
    }

    @Test
    void earlierAnswersDecideWhatThePageShows() {
        ObjectNode answers = json("{\"size\": \"large\", \"region\": \"eu\", \"us_state\": \"east\"}");
        assertEquals(List.of("us_state:not_shown"), codes(Interview.checkPage(PLAN, 3, answers).violations()));
        answers.put("region", "us");
        assertEquals(List.of(), Interview.checkPage(PLAN, 3, answers).violations());
        answers.remove("us_state");
        assertEquals(List.of("us_state:required"), codes(Interview.checkPage(PLAN, 3, answers).violations()));
    }

    @Test
    void aScreenOutOnAnEarlierPageLeavesLaterPagesUnrequired() {
        ObjectNode answers = json("{\"size\": \"large\", \"region\": \"eu\", \"rating\": 3}");
        answers.putArray("tools").add("banned");
        assertEquals(List.of(), Interview.checkPage(PLAN, 2, answers).violations());
        answers.putArray("tools").add("banned").add(1);
        assertEquals(List.of("usage:required"), codes(Interview.checkPage(PLAN, 2, answers).violations()),
                "a malformed screen-out answer screens nobody out");
    }

    @Test
    void checksThePagesSpecifyTextsAndNoUnknownKeys() {
        ObjectNode answers = json("{\"size\": \"large\", \"size.other\": \"Mid\", \"region\": \"eu\", \"junk\": 1}");
        List<Violation> violations = Interview.checkPage(PLAN, 0, answers).violations();
        assertEquals(List.of(new Violation("size.other", "size", "/answers/size.other", "option_not_chosen",
                "'size.other' is only answered together with option 'other' of 'size'.")), violations);
        assertEquals(List.of(), Interview.checkPage(PLAN, 1, json("{\"size.other\": \"Mid\", \"rating\": 1, \"tools\": [\"code\"]}"))
                .violations());
    }

    @Test
    void isTheWholeChecksReportFilteredToThePage() {
        ObjectNode answers = json("""
                {"size": "other", "size.other": 4, "region": "mars", "tools": ["chat", "none", "chat"],
                 "rating": 0, "usage": {"sales": "high", "it": "low"}, "sales_detail": 3, "us_state": "west",
                 "comments": "far too long", "email": "nope", "extra": true}
                """);
        List<Violation> all = Interview.checkAll(PLAN, answers).violations();
        for (int page = 0; page < PLAN.pageCount(); page++) {
            int p = page;
            List<Violation> expected = all.stream().filter(v -> PLAN.pageIndexOf(v.question()) == p).toList();
            assertEquals(expected, Interview.checkPage(PLAN, page, answers).violations(), "page " + page);
        }
    }

    private static List<String> codes(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ":" + v.code()).toList();
    }
}
