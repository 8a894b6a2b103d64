package io.canvass.respondent;

import io.canvass.interview.ViolationCode;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;

/**
 * Error messages in the respondent's words and language, after the GOV.UK style: say what to do, not
 * what went wrong. One message per violation code; a new code does not compile until it has its words
 * here and in the message bundle ({@link RespondentMessages}).
 */
final class AnswerMessages {

    private AnswerMessages() {
    }

    static String of(Question question, Violation violation, String rowLabel, RespondentMessages texts) {
        ViolationCode code = ViolationCode.of(violation.code()).orElse(null);
        if (code == null) {
            return texts.choose_shown();
        }
        return switch (code) {
            case REQUIRED -> switch (question.type()) {
                case MATRIX -> rowLabel == null ? texts.answer_every_row() : texts.answer_row(rowLabel);
                case MULTIPLE -> texts.select_at_least_one();
                case TEXT, EMAIL -> texts.enter_answer();
                default -> texts.select_answer();
            };
            case TOO_LONG -> texts.too_long(violation.field().contains(".")
                    ? Question.SPECIFY_TEXT_MAX_LENGTH : question.maxLength());
            case INVALID_EMAIL -> texts.invalid_email();
            case EXCLUSIVE_VIOLATION -> texts.exclusive_combined();
            case OUT_OF_RANGE, WRONG_TYPE -> question.type() == QuestionType.SCALE
                    ? texts.scale_range(question.min(), question.max())
                    : texts.choose_shown();
            case OPTION_NOT_CHOSEN -> texts.specify_without_option();
            case UNKNOWN_CODE, UNKNOWN_ROW, DUPLICATE_CODE, NOT_SHOWN, UNKNOWN_QUESTION -> texts.choose_shown();
        };
    }
}
