package io.canvass.interview;

import static io.canvass.interview.TestSurveys.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import org.junit.jupiter.api.Test;

/** Conditions, compiled: {@code in}, {@code notIn}, matrix rows, {@code all} and {@code any}, and unanswered questions. */
class SkipLogicTest {

    private static final SurveyPlan PLAN = SurveyPlan.compile(DefinitionParser.parse("""
            id: skip-logic
            title: Skip logic
            pages:
              - id: first
                title: First
                questions:
                  - id: role
                    type: single
                    text: Role?
                    options: [{ code: "ceo", label: "CEO" }, { code: "cio", label: "CIO" }, { code: "cfo", label: "CFO" }]
                  - id: areas
                    type: multiple
                    text: Areas?
                    required: false
                    options: [{ code: "it", label: "IT" }, { code: "hr", label: "HR" }]
                  - id: score
                    type: scale
                    text: Score?
                    min: 0
                    max: 10
                  - id: grid
                    type: matrix
                    text: Grid?
                    rows: [{ code: "r1", label: "Row 1" }, { code: "r2", label: "Row 2" }]
                    columns: [{ code: "yes", label: "Yes" }, { code: "no", label: "No" }]
              - id: second
                title: Second
                questions:
                  - id: if_not_ceo
                    type: text
                    text: Not CEO
                    condition: { question: role, notIn: ["ceo"] }
                  - id: if_it
                    type: text
                    text: IT
                    condition: { question: areas, in: ["it"] }
                  - id: if_areas_not_hr
                    type: text
                    text: Not HR
                    condition: { question: areas, notIn: ["hr"] }
                  - id: if_high_score
                    type: text
                    text: High
                    condition: { question: score, in: ["9", "10"] }
                  - id: if_row2_yes
                    type: text
                    text: Row 2 yes
                    condition: { question: grid, row: r2, in: ["yes"] }
                  - id: if_both
                    type: text
                    text: Both
                    condition: { all: [{ question: role, in: ["cio"] }, { question: areas, in: ["it"] }] }
                  - id: if_either
                    type: text
                    text: Either
                    condition: { any: [{ question: role, in: ["cfo"] }, { question: score, in: ["0"] }] }
            """, DefinitionFormat.YAML, "skip-logic"));

    @Test
    void notInIsFalseForAnUnansweredQuestion() {
        assertFalse(shown("if_not_ceo", "{}"));
        assertFalse(shown("if_not_ceo", "{\"role\": null}"));
        assertFalse(shown("if_not_ceo", "{\"role\": \"ceo\"}"));
        assertTrue(shown("if_not_ceo", "{\"role\": \"cio\"}"));
        assertTrue(shown("if_not_ceo", "{\"role\": \"unknown\"}"), "a code, even unknown, is an answer");
        assertFalse(shown("if_not_ceo", "{\"role\": 5}"), "a malformed answer holds no code");
    }

    @Test
    void multipleChoiceMatchesAnyChosenCode() {
        assertTrue(shown("if_it", "{\"areas\": [\"hr\", \"it\"]}"));
        assertFalse(shown("if_it", "{\"areas\": [\"hr\"]}"));
        assertFalse(shown("if_areas_not_hr", "{\"areas\": []}"), "an empty choice holds no code");
        assertFalse(shown("if_areas_not_hr", "{\"areas\": [\"it\", \"hr\"]}"));
        assertTrue(shown("if_areas_not_hr", "{\"areas\": [\"it\", 4]}"));
        assertFalse(shown("if_areas_not_hr", "{\"areas\": [4]}"));
    }

    @Test
    void scalePointsAreCodesAsText() {
        assertTrue(shown("if_high_score", "{\"score\": 10}"));
        assertFalse(shown("if_high_score", "{\"score\": 8}"));
        assertFalse(shown("if_high_score", "{\"score\": 9.0}"), "not a whole number");
        assertFalse(shown("if_high_score", "{\"score\": \"9\"}"), "text is not a scale answer");
    }

    @Test
    void matrixConditionsTestOneRow() {
        assertTrue(shown("if_row2_yes", "{\"grid\": {\"r1\": \"no\", \"r2\": \"yes\"}}"));
        assertFalse(shown("if_row2_yes", "{\"grid\": {\"r1\": \"yes\"}}"));
        assertFalse(shown("if_row2_yes", "{\"grid\": \"yes\"}"));
    }

    @Test
    void allAndAnyCombineConditions() {
        assertTrue(shown("if_both", "{\"role\": \"cio\", \"areas\": [\"it\"]}"));
        assertFalse(shown("if_both", "{\"role\": \"cio\", \"areas\": [\"hr\"]}"));
        assertTrue(shown("if_either", "{\"role\": \"cfo\"}"));
        assertTrue(shown("if_either", "{\"role\": \"ceo\", \"score\": 0}"));
        assertFalse(shown("if_either", "{\"role\": \"ceo\", \"score\": 1}"));
    }

    @Test
    void aQuestionWithoutConditionIsAlwaysShown() {
        assertTrue(shown("role", "{}"));
        assertFalse(PLAN.question("role").orElseThrow().conditional());
        assertTrue(PLAN.question("if_it").orElseThrow().conditional());
    }

    @Test
    void agreesWithTheUncompiledRuleOfTheDefinitionModel() {
        String[] answers = {"{}", "{\"role\": \"cio\", \"areas\": [\"it\"], \"score\": 0, \"grid\": {\"r2\": \"yes\"}}",
                "{\"role\": \"ceo\", \"areas\": [\"hr\"], \"score\": 9}", "{\"role\": 1, \"areas\": \"it\", \"grid\": []}"};
        for (String text : answers) {
            ObjectNode json = json(text);
            for (QuestionPlan question : PLAN.questions()) {
                boolean legacy = io.canvass.questionnaire.SkipLogic.isShown(question.question(),
                        io.canvass.questionnaire.Answers.of(json), PLAN.definition().questionsById());
                assertEquals(legacy, PLAN.isShown(question, json), question.id() + " with " + text);
            }
        }
    }

    private static boolean shown(String question, String answers) {
        return PLAN.isShown(PLAN.question(question).orElseThrow(), json(answers));
    }
}
