package io.canvass.interview;

import static io.canvass.interview.TestSurveys.json;
import static io.canvass.interview.TestSurveys.validRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.Question;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the interview goes after a page, which questions a page shows, and the way back. */
class RoutingTest {

    private static final SurveyPlan PLAN = SurveyPlan.compile(TestSurveys.rules());

    @Test
    void screensOutAtTheFirstShownQuestionWithAScreenOutAnswer() {
        ObjectNode answers = json("{\"size\": \"small\", \"region\": \"eu\"}");
        assertEquals(new Route.ScreenedOut(question("size")), Interview.route(PLAN, 0, answers));
        answers.put("size", "large");
        answers.putArray("tools").add("banned");
        assertEquals(new Route.ScreenedOut(question("tools")), Interview.route(PLAN, 1, answers));
        assertEquals("tools", Interview.screenedOutBy(PLAN, answers).orElseThrow().id());
    }

    @Test
    void aScreenOutAnswerToAQuestionNotShownScreensNobodyOut() {
        SurveyPlan plan = SurveyPlan.compile(DefinitionParser.parse("""
                id: hidden-screen
                title: Hidden screen
                pages:
                  - id: only
                    title: Only
                    questions:
                      - id: owner
                        type: single
                        text: Do you own the budget?
                        options: [{ code: "yes", label: "Yes" }, { code: "no", label: "No" }]
                      - id: size
                        type: single
                        text: How large is it?
                        condition: { question: owner, in: ["yes"] }
                        options: [{ code: "tiny", label: "Tiny", screenOut: true }, { code: "big", label: "Big" }]
                """, DefinitionFormat.YAML, "hidden-screen"));
        assertTrue(Interview.screenedOutBy(plan, json("{\"owner\": \"no\", \"size\": \"tiny\"}")).isEmpty());
        assertEquals("size", Interview.screenedOutBy(plan, json("{\"owner\": \"yes\", \"size\": \"tiny\"}"))
                .orElseThrow().id());
    }

    @Test
    void goesOnToTheNextPageThatShowsAnythingWithThePagesQuotaCells() {
        ObjectNode answers = json("{\"size\": \"large\", \"region\": \"eu\"}");
        assertEquals(new Route.NextPage(1, List.of(new QuotaCell("region", "eu", 2))), Interview.route(PLAN, 0, answers));
        answers.put("region", "asia");
        assertEquals(new Route.NextPage(1, List.of()), Interview.route(PLAN, 0, answers), "asia is not capped");
        // The Americas page shows only its one conditional question: skipped for Europe.
        answers.put("region", "eu");
        assertEquals(new Route.NextPage(4, List.of()), Interview.route(PLAN, 2, answers));
        answers.put("region", "us");
        assertEquals(new Route.NextPage(3, List.of()), Interview.route(PLAN, 2, answers));
    }

    @Test
    void completesAfterTheLastPageThatShowsAnything() {
        assertEquals(new Route.Complete(List.of()), Interview.route(PLAN, 4, validRules()));
        assertEquals(-1, Interview.nextPage(PLAN, 4, validRules()));
    }

    @Test
    void goesBackToTheNearestEarlierPageThatShowsAnything() {
        ObjectNode answers = validRules();
        assertEquals(2, Interview.previousPage(PLAN, 4, answers), "the Americas page is skipped");
        answers.put("region", "us");
        assertEquals(3, Interview.previousPage(PLAN, 4, answers));
        assertEquals(0, Interview.previousPage(PLAN, 0, answers), "the first page stays");
    }

    @Test
    void aPageShowsQuestionsWhoseConditionHoldsAndThoseRevealedOnTheSamePage() {
        ObjectNode answers = json("{\"size\": \"large\", \"region\": \"eu\"}");
        assertEquals(List.of("tools", "tools_reason", "rating"), ids(Interview.shownOnPage(PLAN, 1, answers)),
                "tools_reason depends on tools on the same page: on the page, revealed as the respondent answers");
        assertEquals(List.of(), ids(Interview.shownOnPage(PLAN, 3, answers)), "us_state depends on an earlier page");
        answers.put("region", "us");
        assertEquals(List.of("us_state"), ids(Interview.shownOnPage(PLAN, 3, answers)));
    }

    @Test
    void quotaCellsAreThoseOfCappedCodesAnswered() {
        assertEquals(List.of(new QuotaCell("region", "us", 3)), Interview.quotaCells(PLAN, json("{\"region\": \"us\"}")));
        assertEquals(List.of(), Interview.quotaCells(PLAN, json("{\"region\": \"asia\"}")));
        assertEquals(List.of(), Interview.quotaCells(PLAN, json("{}")));
        assertEquals("region:us", new QuotaCell("region", "us", 3).reason());
    }

    private static Question question(String id) {
        return PLAN.question(id).orElseThrow().question();
    }

    private static List<String> ids(List<Question> questions) {
        return questions.stream().map(Question::id).toList();
    }
}
