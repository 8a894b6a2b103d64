package io.canvass.interview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules answers must keep, over a compiled plan. Problems are reported in a fixed order so a
 * problem document is the same for the same answers: unknown keys (in the order given), answer
 * shapes (survey order), questions shown or not and required (survey order), then the texts of
 * "other, please specify" options (in the order given).
 */
final class AnswerRules {

    /** Every page: {@link #check} applies the rules to the whole survey. */
    private static final int ALL_PAGES = -1;

    private AnswerRules() {
    }

    /**
     * Every problem with the answers at once. With a page index, only the problems of that page's
     * questions, exactly as the whole check reports them: the answers of other pages are context
     * (conditions, screening), not checked.
     */
    static AnswerCheck check(SurveyPlan plan, ObjectNode answers, int onlyPage) {
        AnswerProblems problems = new AnswerProblems();
        if (onlyPage == ALL_PAGES) {
            for (Iterator<String> keys = answers.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (plan.questionOrNull(key) == null && plan.specifyKey(key) == null) {
                    problems.unknownQuestion(key);
                }
            }
        }
        List<QuestionPlan> questions = onlyPage == ALL_PAGES ? plan.questions() : plan.page(onlyPage).questions();
        JsonNode[] values = new JsonNode[questions.size()];
        boolean[] malformed = null;
        for (int i = 0; i < values.length; i++) {
            QuestionPlan question = questions.get(i);
            JsonNode value = answers.get(question.id());
            values[i] = value;
            if (!AnswerCodes.absent(value)) {
                int before = problems.size();
                checkShape(question, value, problems);
                if (problems.size() > before) {
                    malformed = malformed == null ? new boolean[plan.questions().size()] : malformed;
                    malformed[question.index()] = true;
                }
            }
        }
        boolean[] shapeFaults = malformed;
        // A malformed screening answer decides nothing: the respondent must correct it first.
        Optional<QuestionPlan> screenedOutBy = plan.screenedOutBy(answers)
                .filter(q -> !isMalformed(q, answers, shapeFaults, onlyPage));
        int lastRequiredPage = screenedOutBy.map(QuestionPlan::pageIndex).orElse(plan.pageCount() - 1);
        for (int i = 0; i < values.length; i++) {
            checkPresence(plan, questions.get(i), values[i], answers, lastRequiredPage, problems);
        }
        checkSpecifyTexts(plan, answers, malformed, onlyPage, problems);
        return new AnswerCheck(problems.list(), screenedOutBy.map(QuestionPlan::question));
    }

    static AnswerCheck checkAll(SurveyPlan plan, ObjectNode answers) {
        return check(plan, answers, ALL_PAGES);
    }

    private static boolean isMalformed(QuestionPlan question, ObjectNode answers, boolean[] malformed, int onlyPage) {
        if (onlyPage == ALL_PAGES || question.pageIndex() == onlyPage) {
            return malformed != null && malformed[question.index()];
        }
        JsonNode value = answers.get(question.id());
        if (AnswerCodes.absent(value)) {
            return false;
        }
        AnswerProblems scratch = new AnswerProblems();
        checkShape(question, value, scratch);
        return !scratch.isEmpty();
    }

    private static void checkShape(QuestionPlan plan, JsonNode value, AnswerProblems problems) {
        Question q = plan.question();
        switch (q.type()) {
            case SINGLE -> {
                if (!value.isTextual()) {
                    problems.wrongType(q, "an option code (a string)");
                } else if (plan.option(value.asText()) == null) {
                    problems.unknownOption(q, value.asText());
                }
            }
            case MULTIPLE -> checkMultiple(plan, value, problems);
            case SCALE -> {
                if (!value.isIntegralNumber()) {
                    problems.wrongType(q, "a whole number from " + q.min() + " to " + q.max());
                } else if (!value.canConvertToInt() || value.asInt() < q.min() || value.asInt() > q.max()) {
                    problems.outOfRange(q);
                }
            }
            case MATRIX -> checkMatrix(plan, value, problems);
            case TEXT -> {
                if (!value.isTextual()) {
                    problems.wrongType(q, "a string");
                } else if (length(value.asText()) > q.maxLength()) {
                    problems.tooLong(q);
                } else if (q.holdsPersonalData() && value.asText().length() > Question.PERSONAL_DATA_MAX_UTF16) {
                    problems.tooLongToStore(q);
                }
            }
            case EMAIL -> {
                if (!value.isTextual()) {
                    problems.wrongType(q, "an e-mail address (a string)");
                } else {
                    String text = value.asText();
                    if (!text.isEmpty() && (text.length() > q.maxLength() || !EmailAddress.isValid(text))) {
                        problems.invalidEmail(q);
                    }
                }
            }
        }
    }

    private static void checkMultiple(QuestionPlan plan, JsonNode value, AnswerProblems problems) {
        Question q = plan.question();
        if (!value.isArray()) {
            problems.wrongType(q, "an array of option codes");
            return;
        }
        int distinct = 0;
        Option firstExclusive = null;
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                problems.itemWrongType(q, i);
                continue;
            }
            String code = item.asText();
            Option option = plan.option(code);
            if (option == null) {
                problems.itemUnknownOption(q, i, code);
                continue;
            }
            if (givenBefore(value, i, code)) {
                problems.itemDuplicate(q, i, code);
            } else {
                distinct++;
            }
            if (option.excludesOthers() && firstExclusive == null) {
                firstExclusive = option;
            }
        }
        if (firstExclusive != null && distinct > 1) {
            problems.exclusiveCombined(q, firstExclusive.label().defaultText());
        }
    }

    /** A scan rather than a set: a multiple-choice answer holds a handful of codes. */
    private static boolean givenBefore(JsonNode items, int index, String code) {
        for (int j = 0; j < index; j++) {
            JsonNode earlier = items.get(j);
            if (earlier.isTextual() && earlier.asText().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static void checkMatrix(QuestionPlan plan, JsonNode value, AnswerProblems problems) {
        Question q = plan.question();
        if (!value.isObject()) {
            problems.wrongType(q, "an object mapping each row code to a column code");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> cells = value.fields(); cells.hasNext(); ) {
            Map.Entry<String, JsonNode> cell = cells.next();
            String row = cell.getKey();
            if (plan.row(row) == null) {
                problems.unknownRow(q, row);
            } else if (!cell.getValue().isTextual()) {
                problems.cellWrongType(q, row);
            } else if (plan.column(cell.getValue().asText()) == null) {
                problems.cellUnknownColumn(q, row, cell.getValue().asText());
            }
        }
    }

    /**
     * A question not shown must not be answered; one shown must be, if required and on a page up
     * to the one that screened the respondent out (later pages were never shown); a required
     * matrix that is answered needs every row.
     */
    private static void checkPresence(SurveyPlan plan, QuestionPlan question, JsonNode value, ObjectNode answers,
            int lastRequiredPage, AnswerProblems problems) {
        Question q = question.question();
        boolean present = !AnswerCodes.absent(value);
        boolean shown = plan.isShown(question, answers);
        boolean answered = present && isAnswered(q.type(), value);
        if (!shown && present) {
            problems.notShown(q);
        } else if (shown && !answered && q.requiresAnswer() && question.pageIndex() <= lastRequiredPage) {
            problems.required(q);
        } else if (shown && answered && q.type() == QuestionType.MATRIX && q.requiresAnswer() && value.isObject()) {
            for (Option row : q.rows()) {
                JsonNode cell = value.get(row.code());
                if (AnswerCodes.absent(cell)) {
                    problems.rowRequired(q, row.code(), row.label().defaultText());
                }
            }
        }
    }

    /** Whether a present answer counts as answered: an empty list, object or blank text does not. */
    private static boolean isAnswered(QuestionType type, JsonNode value) {
        return switch (type) {
            case MULTIPLE -> !value.isArray() || value.size() > 0;
            case MATRIX -> !value.isObject() || value.size() > 0;
            case TEXT, EMAIL -> !value.isTextual() || !value.asText().isBlank();
            default -> true;
        };
    }

    private static void checkSpecifyTexts(SurveyPlan plan, ObjectNode answers, boolean[] malformed, int onlyPage,
            AnswerProblems problems) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = answers.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            SurveyPlan.SpecifyKey key = plan.specifyKey(field.getKey());
            if (key == null || (onlyPage != ALL_PAGES && key.question().pageIndex() != onlyPage)) {
                continue;
            }
            JsonNode value = field.getValue();
            String questionId = key.question().id();
            if (AnswerCodes.absent(value)) {
                continue;
            }
            if (!value.isTextual()) {
                problems.specifyWrongType(key.key(), questionId);
            } else if (length(value.asText()) > Question.SPECIFY_TEXT_MAX_LENGTH) {
                problems.specifyTooLong(key.key(), questionId);
            } else if (!value.asText().isBlank() && !(malformed != null && malformed[key.question().index()])
                    && !AnswerCodes.chose(key.question(), answers.get(questionId), key.code())) {
                problems.specifyWithoutOption(key.key(), questionId, key.code());
            }
        }
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
