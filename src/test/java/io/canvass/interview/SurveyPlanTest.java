package io.canvass.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.questionnaire.SurveyDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a compiled plan knows about a survey version, and that it is compiled once per definition. */
class SurveyPlanTest {

    private static final SurveyDefinition RULES = TestSurveys.rules();
    private static final SurveyPlan PLAN = SurveyPlan.compile(RULES);

    @Test
    void knowsEveryQuestionByIdWithItsPlaceAndPage() {
        assertEquals(List.of("size", "region", "tools", "tools_reason", "rating", "usage", "sales_detail", "us_state",
                "comments", "email", "name"), PLAN.questions().stream().map(QuestionPlan::id).toList());
        QuestionPlan rating = PLAN.question("rating").orElseThrow();
        assertEquals(4, rating.index());
        assertEquals(1, rating.pageIndex());
        assertEquals(3, PLAN.pageIndexOf("us_state"));
        assertEquals(-1, PLAN.pageIndexOf("nope"));
        assertTrue(PLAN.question("nope").isEmpty());
        assertEquals(5, PLAN.pageCount());
        assertEquals(List.of("usage", "sales_detail"), PLAN.page(2).questions().stream().map(QuestionPlan::id).toList());
    }

    @Test
    void looksUpCodesOfOptionsRowsColumnsAndScalePoints() {
        QuestionPlan tools = PLAN.question("tools").orElseThrow();
        assertEquals("Chat assistants", tools.option("chat").label().defaultText());
        assertNull(tools.option("fax"));
        assertNull(tools.option(null));
        assertEquals(4, tools.answerCodeIndex("none"));
        assertTrue(tools.takesSpecifyText("other"));
        assertFalse(tools.takesSpecifyText("chat"));
        QuestionPlan usage = PLAN.question("usage").orElseThrow();
        assertEquals("HR", usage.row("hr").label().defaultText());
        assertEquals("High", usage.column("high").label().defaultText());
        assertNull(usage.row("high"));
        assertEquals(1, usage.answerCodeIndex("high"));
        QuestionPlan rating = PLAN.question("rating").orElseThrow();
        assertEquals(List.of("1", "2", "3", "4", "5"), rating.answerCodes());
        assertEquals(3, rating.answerCodeIndex("4"));
        assertEquals(-1, rating.answerCodeIndex("6"));
    }

    @Test
    void knowsWhoScreensOutWhatIsPersonalAndTheQuotaCells() {
        assertTrue(PLAN.question("size").orElseThrow().screensOut("small"));
        assertFalse(PLAN.question("size").orElseThrow().screensOut("large"));
        assertTrue(PLAN.question("tools").orElseThrow().screens());
        assertFalse(PLAN.question("region").orElseThrow().screens());
        assertEquals(List.of("email", "name"), PLAN.personalData().stream().map(QuestionPlan::id).toList());
        SurveyPlan.QuotaRule region = PLAN.quotas().get(0);
        assertEquals("region", region.id());
        assertEquals(Map.of("eu", 2, "us", 3), region.caps());
        assertEquals(List.of("eu", "us"), List.copyOf(region.caps().keySet()), "in option order");
        assertEquals(List.of(region), PLAN.page(0).quotasAsked());
        assertEquals(List.of(), PLAN.page(1).quotasAsked());
    }

    @Test
    void knowsTheKeysOfSpecifyTexts() {
        assertEquals("tools", PLAN.specifyKey("tools.other").question().id());
        assertEquals("other", PLAN.specifyKey("tools.other").code());
        assertNull(PLAN.specifyKey("tools.chat"));
        assertNull(PLAN.specifyKey("nope.other"));
    }

    @Test
    void compilesADefinitionOnceWhileItIsInUse() {
        SurveyPlan first = SurveyPlan.of(RULES);
        assertSame(first, SurveyPlan.of(RULES));
        assertSame(RULES, first.definition());
        SurveyDefinition equalButAnotherObject = TestSurveys.rules();
        assertNotSame(first, SurveyPlan.of(equalButAnotherObject), "keyed by the object, not by its (deep) value");
        assertNotSame(PLAN, SurveyPlan.compile(RULES), "compile never caches: drafts and previews");
    }
}
