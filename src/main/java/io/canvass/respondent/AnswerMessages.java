package io.canvass.respondent;

import io.canvass.problem.Violation;
import io.canvass.questionnaire.Question;

/** Error messages in the respondent's words, after the GOV.UK style: say what to do, not what went wrong. */
final class AnswerMessages {

    private AnswerMessages() {
    }

    static String of(Question question, Violation violation, String rowLabel) {
        return switch (violation.code()) {
            case "required" -> switch (question.type()) {
                case MATRIX -> rowLabel == null ? "Answer every row" : "Choose an answer for " + rowLabel;
                case MULTIPLE -> "Select at least one answer";
                case TEXT, EMAIL -> "Enter your answer";
                default -> "Select an answer";
            };
            case "too_long" -> violation.field().contains(".")
                    ? "Use " + Question.SPECIFY_TEXT_MAX_LENGTH + " characters or fewer"
                    : "Use " + question.maxLength() + " characters or fewer";
            case "invalid_email" -> "Enter an e-mail address in the correct format, like name@example.com";
            case "exclusive_violation" -> "Choose either “None” or other answers, not both";
            case "out_of_range", "wrong_type" -> question.type() == io.canvass.questionnaire.QuestionType.SCALE
                    ? "Choose a number from " + question.min() + " to " + question.max()
                    : "Choose one of the answers shown";
            case "option_not_chosen" -> "Tick “Other” to add your own answer, or clear the text";
            default -> "Choose one of the answers shown";
        };
    }
}
