package io.canvass.respondent;

import io.canvass.interview.ViolationCode;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;

/**
 * Error messages in the respondent's words, after the GOV.UK style: say what to do, not what went
 * wrong. One message per violation code; a new code does not compile until it has its words here.
 */
final class AnswerMessages {

    private static final String CHOOSE_SHOWN = "Choose one of the answers shown";

    private AnswerMessages() {
    }

    static String of(Question question, Violation violation, String rowLabel) {
        ViolationCode code = ViolationCode.of(violation.code()).orElse(null);
        if (code == null) {
            return CHOOSE_SHOWN;
        }
        return switch (code) {
            case REQUIRED -> switch (question.type()) {
                case MATRIX -> rowLabel == null ? "Answer every row" : "Choose an answer for " + rowLabel;
                case MULTIPLE -> "Select at least one answer";
                case TEXT, EMAIL -> "Enter your answer";
                default -> "Select an answer";
            };
            case TOO_LONG -> violation.field().contains(".")
                    ? "Use " + Question.SPECIFY_TEXT_MAX_LENGTH + " characters or fewer"
                    : "Use " + question.maxLength() + " characters or fewer";
            case INVALID_EMAIL -> "Enter an e-mail address in the correct format, like name@example.com";
            case EXCLUSIVE_VIOLATION -> "Choose either “None” or other answers, not both";
            case OUT_OF_RANGE, WRONG_TYPE -> question.type() == QuestionType.SCALE
                    ? "Choose a number from " + question.min() + " to " + question.max()
                    : CHOOSE_SHOWN;
            case OPTION_NOT_CHOSEN -> "Tick “Other” to add your own answer, or clear the text";
            case UNKNOWN_CODE, UNKNOWN_ROW, DUPLICATE_CODE, NOT_SHOWN, UNKNOWN_QUESTION -> CHOOSE_SHOWN;
        };
    }
}
