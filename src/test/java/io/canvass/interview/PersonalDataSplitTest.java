package io.canvass.interview;

import static io.canvass.interview.TestSurveys.json;
import static io.canvass.interview.TestSurveys.validRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Personal data (e-mail questions, and questions flagged personalData) is taken out of the answers. */
class PersonalDataSplitTest {

    private static final SurveyPlan PLAN = SurveyPlan.compile(TestSurveys.rules());

    @Test
    void takesPersonalAnswersOutAndKeepsTheRestInOrder() {
        ObjectNode answers = validRules();
        answers.put("name", "Ada");
        SplitAnswers split = Interview.split(PLAN, answers);
        assertEquals(Map.of("email", "cio@example.com", "name", "Ada"), split.personalData());
        assertEquals(List.of("email", "name"), List.copyOf(split.personalData().keySet()));
        assertEquals(List.of("size", "region", "tools", "tools_reason", "rating", "usage", "comments"),
                iterable(split.answers()));
        assertEquals("cio@example.com", answers.get("email").asText(), "the given answers are left as they were");
    }

    @Test
    void copiesNothingWhenThereIsNoPersonalData() {
        ObjectNode answers = json("{\"size\": \"large\"}");
        SplitAnswers split = Interview.split(PLAN, answers);
        assertSame(answers, split.answers());
        assertEquals(Map.of(), split.personalData());
    }

    @Test
    void anExplicitNullForAPersonalQuestionIsDroppedAndStoredNowhere() {
        ObjectNode answers = json("{\"size\": \"large\", \"email\": null}");
        SplitAnswers split = Interview.split(PLAN, answers);
        assertEquals(List.of("size"), iterable(split.answers()));
        assertEquals(Map.of(), split.personalData());
    }

    private static List<String> iterable(ObjectNode node) {
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(node.fieldNames(), 0), false)
                .toList();
    }
}
