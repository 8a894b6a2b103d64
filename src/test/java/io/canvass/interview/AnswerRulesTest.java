package io.canvass.interview;

import static io.canvass.interview.TestSurveys.json;
import static io.canvass.interview.TestSurveys.validRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.problem.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every answer rule on the engine itself, with the exact violations a problem document carries. */
class AnswerRulesTest {

    private static final SurveyPlan PLAN = SurveyPlan.compile(TestSurveys.rules());

    @Test
    void acceptsACompleteValidSet() {
        AnswerCheck check = Interview.checkAll(PLAN, validRules());
        assertEquals(List.of(), check.violations());
        assertTrue(check.valid());
        assertTrue(check.screenedOutBy().isEmpty());
    }

    @Test
    void namesKeysThatAreNotQuestionsAndCutsLongOnesShort() {
        ObjectNode answers = validRules();
        answers.put("colour", "red");
        answers.put("a/b~c", "x");
        answers.put("size.large", "not a specify option");
        answers.put("x".repeat(45), 1);
        assertEquals(List.of(
                question("colour", "/answers/colour", "unknown_question", "'colour' is not a question of this survey."),
                question("a/b~c", "/answers/a~1b~0c", "unknown_question", "'a/b~c' is not a question of this survey."),
                question("size.large", "/answers/size.large", "unknown_question",
                        "'size.large' is not a question of this survey."),
                question("x".repeat(45), "/answers/" + "x".repeat(45), "unknown_question",
                        "'" + "x".repeat(40) + "…' is not a question of this survey.")),
                violations(answers));
    }

    @Test
    void singleChoiceTakesOneKnownCode() {
        assertEquals(List.of(question("region", "/answers/region", "wrong_type",
                        "'region' is a single question and takes an option code (a string).")),
                violations(validRules().put("region", 3)));
        assertEquals(List.of(question("region", "/answers/region", "unknown_code", "'mars' is not an option of 'region'.")),
                violations(validRules().put("region", "mars")));
    }

    @Test
    void multipleChoiceTakesDistinctKnownCodesAndAnExclusiveOneAlone() {
        ObjectNode answers = validRules();
        answers.putArray("tools").add("chat").add(7).add("fax").add("chat").add("none");
        assertEquals(List.of(
                question("tools", "/answers/tools/1", "wrong_type", "Every answer to 'tools' must be an option code (a string)."),
                question("tools", "/answers/tools/2", "unknown_code", "'fax' is not an option of 'tools'."),
                question("tools", "/answers/tools/3", "duplicate_code", "'chat' is given more than once for 'tools'."),
                question("tools", "/answers/tools", "exclusive_violation",
                        "'None of these' cannot be combined with another answer to 'tools'.")),
                violations(answers));
        assertEquals(List.of(question("tools", "/answers/tools", "wrong_type",
                        "'tools' is a multiple question and takes an array of option codes.")),
                violations(validRules().put("tools", "chat").put("tools_reason", (String) null)));
    }

    @Test
    void anExclusiveOptionGivenTwiceIsADuplicateNotACombination() {
        ObjectNode answers = validRules();
        answers.remove("tools_reason");
        answers.putArray("tools").add("none").add("none");
        assertEquals(List.of(question("tools", "/answers/tools/1", "duplicate_code",
                "'none' is given more than once for 'tools'.")), violations(answers));
    }

    @Test
    void scaleTakesAWholeNumberOnTheScale() {
        assertEquals(List.of(question("rating", "/answers/rating", "wrong_type",
                        "'rating' is a scale question and takes a whole number from 1 to 5.")),
                violations(validRules().put("rating", 4.5)));
        assertEquals(List.of(question("rating", "/answers/rating", "out_of_range",
                        "'rating' takes a whole number from 1 to 5.")),
                violations(validRules().put("rating", 6)));
        assertEquals(List.of(question("rating", "/answers/rating", "out_of_range",
                        "'rating' takes a whole number from 1 to 5.")),
                violations(validRules().put("rating", 1L << 40)));
    }

    @Test
    void matrixTakesAKnownColumnForEachKnownRowAndEveryRowWhenRequired() {
        ObjectNode answers = validRules();
        answers.set("usage", json("{\"sales\": \"huge\", \"legal\": \"low\", \"hr\": 2}"));
        assertEquals(List.of(
                cell("usage.sales", "usage", "/answers/usage/sales", "unknown_code", "'huge' is not a column of 'usage'."),
                cell("usage.legal", "usage", "/answers/usage/legal", "unknown_row", "'legal' is not a row of 'usage'."),
                cell("usage.hr", "usage", "/answers/usage/hr", "wrong_type", "Each row of 'usage' takes a column code (a string).")),
                violations(answers));
        answers.set("usage", json("{\"sales\": \"low\"}"));
        assertEquals(List.of(cell("usage.hr", "usage", "/answers/usage/hr", "required", "Row 'HR' of 'usage' must be answered.")),
                violations(answers));
        assertEquals(List.of(question("usage", "/answers/usage", "wrong_type",
                        "'usage' is a matrix question and takes an object mapping each row code to a column code.")),
                violations(validRules().put("usage", "low")));
    }

    @Test
    void textHasALengthLimitCountedInCharactersNotUnits() {
        assertEquals(List.of(), violations(validRules().put("comments", "😀".repeat(10))));
        assertEquals(List.of(question("comments", "/answers/comments", "too_long", "'comments' may be at most 10 characters.")),
                violations(validRules().put("comments", "x".repeat(11))));
        assertEquals(List.of(question("comments", "/answers/comments", "wrong_type",
                        "'comments' is a text question and takes a string.")),
                violations(validRules().put("comments", true)));
    }

    @Test
    void emailMustBeADeliverableAddressWhenGiven() {
        assertEquals(List.of(), violations(validRules().put("email", "")));
        for (String bad : List.of("cio", "cio@localhost", "cio@@example.com", "c io@example.com", "cio@example..com")) {
            assertEquals(List.of(question("email", "/answers/email", "invalid_email",
                    "'email' must be an e-mail address such as name@example.com.")), violations(validRules().put("email", bad)), bad);
        }
        assertEquals(List.of(), violations(validRules().put("email", "a".repeat(64) + "@example.com")));
        for (String tooLong : List.of("a".repeat(65) + "@example.com", "a@" + "b".repeat(64) + ".com",
                "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com")) {
            assertEquals(List.of(question("email", "/answers/email", "invalid_email",
                    "'email' must be an e-mail address such as name@example.com.")),
                    violations(validRules().put("email", tooLong)), tooLong);
        }
        assertEquals(List.of(question("email", "/answers/email", "wrong_type",
                        "'email' is a email question and takes an e-mail address (a string).")),
                violations(validRules().put("email", 1)));
    }

    @Test
    void requiredQuestionsShownMustBeAnswered() {
        ObjectNode answers = validRules();
        answers.remove("region");
        answers.putArray("tools");
        answers.put("usage", (String) null);
        answers.remove("tools_reason");
        assertEquals(List.of(
                question("region", "/answers/region", "required", "'region' must be answered."),
                question("tools", "/answers/tools", "required", "'tools' must be answered."),
                question("usage", "/answers/usage", "required", "'usage' must be answered.")),
                violations(answers));
    }

    @Test
    void blankTextIsNoAnswer() {
        ObjectNode answers = validRules();
        answers.remove("region");
        answers.put("comments", "   ");
        assertEquals(List.of(question("region", "/answers/region", "required", "'region' must be answered.")),
                violations(answers));
    }

    @Test
    void questionsNotShownMustNotBeAnswered() {
        ObjectNode answers = validRules();
        answers.putArray("tools").add("code");
        answers.put("us_state", "east");
        assertEquals(List.of(
                question("tools_reason", "/answers/tools_reason", "not_shown",
                        "'tools_reason' is not asked with these answers, so it must not be answered."),
                question("us_state", "/answers/us_state", "not_shown",
                        "'us_state' is not asked with these answers, so it must not be answered.")),
                violations(answers));
    }

    @Test
    void answersAreRequiredOnlyUpToThePageThatScreenedOut() {
        ObjectNode answers = json("{\"size\": \"small\", \"region\": \"eu\"}");
        AnswerCheck check = Interview.checkAll(PLAN, answers);
        assertEquals(List.of(), check.violations());
        assertEquals("size", check.screenedOutBy().orElseThrow().id());

        answers.remove("region");
        assertEquals(List.of(question("region", "/answers/region", "required", "'region' must be answered.")),
                violations(answers));
    }

    @Test
    void aScreenOutInAMultipleChoiceEndsTheRequiredPagesAfterItsOwn() {
        ObjectNode answers = json("{\"size\": \"large\", \"region\": \"eu\"}");
        answers.putArray("tools").add("code").add("banned");
        AnswerCheck check = Interview.checkAll(PLAN, answers);
        assertEquals("tools", check.screenedOutBy().orElseThrow().id());
        assertEquals(List.of(question("rating", "/answers/rating", "required", "'rating' must be answered.")),
                check.violations(), "its own page is still required");
        answers.put("rating", 2);
        assertEquals(List.of(), violations(answers));
    }

    @Test
    void aMalformedScreeningAnswerScreensNobodyOut() {
        ObjectNode answers = json("{\"size\": \"large\", \"region\": \"eu\"}");
        answers.putArray("tools").add("banned").add(3);
        AnswerCheck check = Interview.checkAll(PLAN, answers);
        assertTrue(check.screenedOutBy().isEmpty());
        assertEquals(List.of("tools:wrong_type", "rating:required", "usage:required"),
                check.violations().stream().map(v -> v.field() + ":" + v.code()).toList());
    }

    @Test
    void aPartlyAnsweredRequiredMatrixNeedsEveryRowEvenAfterTheScreenOutPage() {
        ObjectNode answers = json("{\"size\": \"small\", \"region\": \"eu\", \"usage\": {\"sales\": \"low\"}}");
        assertEquals(List.of(cell("usage.hr", "usage", "/answers/usage/hr", "required", "Row 'HR' of 'usage' must be answered.")),
                violations(answers));
    }

    @Test
    void specifyTextGoesWithItsOptionAndHasALimit() {
        ObjectNode answers = validRules();
        answers.put("tools.other", "A wiki");
        answers.put("size.other", 5);
        assertEquals(List.of(
                cell("tools.other", "tools", "/answers/tools.other", "option_not_chosen",
                        "'tools.other' is only answered together with option 'other' of 'tools'."),
                cell("size.other", "size", "/answers/size.other", "wrong_type",
                        "'size.other' takes the text of the option (a string).")),
                violations(answers));
        answers.remove("size.other");
        answers.put("tools.other", "x".repeat(501));
        assertEquals(List.of(cell("tools.other", "tools", "/answers/tools.other", "too_long",
                "'tools.other' may be at most 500 characters.")), violations(answers));
        answers.put("tools.other", "   ");
        assertEquals(List.of(), violations(answers), "a blank specify text is no answer");
        answers.putArray("tools").add("chat").add("other");
        answers.put("tools.other", "A wiki");
        assertEquals(List.of(), violations(answers));
    }

    @Test
    void aSpecifyTextOfAMalformedAnswerIsNotReportedTwice() {
        ObjectNode answers = validRules();
        answers.put("tools", 3);
        answers.remove("tools_reason");
        answers.put("tools.other", "A wiki");
        assertEquals(List.of("wrong_type"), violations(answers).stream().map(Violation::code).toList());
    }

    @Test
    void reportsEveryProblemAtOnceInAFixedOrder() {
        ObjectNode answers = json("""
                {"tools.other": "x", "zzz": 1, "rating": 9, "size": "mars", "us_state": "east"}
                """);
        assertEquals(List.of(
                "zzz:unknown_question",
                "size:unknown_code", "rating:out_of_range",
                "region:required", "tools:required", "usage:required", "us_state:not_shown",
                "tools.other:option_not_chosen"),
                violations(answers).stream().map(v -> v.field() + ":" + v.code()).toList());
    }

    @Test
    void jsonNullIsNoAnswer() {
        ObjectNode answers = validRules();
        answers.putNull("comments");
        answers.putNull("us_state");
        answers.putNull("tools.other");
        assertEquals(List.of(), violations(answers));
    }

    private static List<Violation> violations(ObjectNode answers) {
        return Interview.checkAll(PLAN, answers).violations();
    }

    private static Violation question(String id, String pointer, String code, String message) {
        return Violation.ofQuestion(id, pointer, code, message);
    }

    private static Violation cell(String field, String question, String pointer, String code, String message) {
        return new Violation(field, question, pointer, code, message);
    }
}
