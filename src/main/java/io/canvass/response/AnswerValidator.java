package io.canvass.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.screening.EligibilityRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a set of answers against a survey definition and reports every problem at once, each
 * naming its question. Required answers are required up to the page that screened the
 * respondent out, if any: later pages were never shown.
 */
@ApplicationScoped
public class AnswerValidator {

    private static final int ECHO_LIMIT = 40;

    private final Validator beanValidator;

    public AnswerValidator(Validator beanValidator) {
        this.beanValidator = beanValidator;
    }

    public CheckedAnswers check(SurveyDefinition definition, ObjectNode json) {
        Answers answers = Answers.of(json);
        Map<String, Question> questions = definition.questionsById();
        List<Violation> problems = new ArrayList<>();
        Set<String> malformed = new HashSet<>();

        for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!questions.containsKey(key) && !isSpecifyKey(key, questions)) {
                problems.add(Violation.ofQuestion(key, pointer(key), "unknown_question",
                        "'" + echo(key) + "' is not a question of this survey."));
            }
        }
        for (Question question : questions.values()) {
            JsonNode value = json.get(question.id());
            if (value != null && !value.isNull()) {
                int before = problems.size();
                checkShape(question, value, problems);
                if (problems.size() > before) {
                    malformed.add(question.id());
                }
            }
        }

        Optional<Question> screenedOutBy = EligibilityRule.screeningQuestion(definition, answers)
                .filter(q -> !malformed.contains(q.id()));
        int lastRequiredPage = screenedOutBy.map(q -> definition.pageIndexOf(q.id()))
                .orElse(definition.pages().size() - 1);

        for (Question question : questions.values()) {
            boolean shown = SkipLogic.isShown(question, answers, questions);
            boolean answered = isAnswered(question, json.get(question.id()));
            if (!shown && answers.has(question.id())) {
                problems.add(Violation.ofQuestion(question.id(), pointer(question.id()), "not_shown",
                        "'" + question.id() + "' is not asked with these answers, so it must not be answered."));
            } else if (shown && !answered && question.requiresAnswer()
                    && definition.pageIndexOf(question.id()) <= lastRequiredPage) {
                problems.add(Violation.ofQuestion(question.id(), pointer(question.id()), "required",
                        "'" + question.id() + "' must be answered."));
            } else if (shown && answered && question.type() == io.canvass.questionnaire.QuestionType.MATRIX
                    && question.requiresAnswer() && json.get(question.id()).isObject()) {
                checkAllRowsAnswered(question, json.get(question.id()), problems);
            }
        }
        checkSpecifyTexts(json, questions, answers, malformed, problems);

        if (!problems.isEmpty()) {
            throw new InvalidAnswersException(problems);
        }
        Map<String, String> personalData = new LinkedHashMap<>();
        for (Question question : questions.values()) {
            if (question.holdsPersonalData() && answers.has(question.id())) {
                personalData.put(question.id(), json.get(question.id()).asText());
            }
        }
        return new CheckedAnswers(answers.without(personalData.keySet()), personalData, screenedOutBy);
    }

    private void checkShape(Question q, JsonNode value, List<Violation> problems) {
        String id = q.id();
        switch (q.type()) {
            case SINGLE -> {
                if (!value.isTextual()) {
                    problems.add(wrongType(q, "an option code (a string)"));
                } else if (q.option(value.asText()).isEmpty()) {
                    problems.add(unknownCode(q, id, pointer(id), value.asText()));
                }
            }
            case MULTIPLE -> checkMultiple(q, value, problems);
            case SCALE -> {
                if (!value.isIntegralNumber()) {
                    problems.add(wrongType(q, "a whole number from " + q.min() + " to " + q.max()));
                } else if (!value.canConvertToInt() || value.asInt() < q.min() || value.asInt() > q.max()) {
                    problems.add(Violation.ofQuestion(id, pointer(id), "out_of_range",
                            "'" + id + "' takes a whole number from " + q.min() + " to " + q.max() + "."));
                }
            }
            case MATRIX -> checkMatrix(q, value, problems);
            case TEXT -> {
                if (!value.isTextual()) {
                    problems.add(wrongType(q, "a string"));
                } else if (length(value.asText()) > q.maxLength()) {
                    problems.add(Violation.ofQuestion(id, pointer(id), "too_long",
                            "'" + id + "' may be at most " + q.maxLength() + " characters."));
                }
            }
            case EMAIL -> {
                if (!value.isTextual()) {
                    problems.add(wrongType(q, "an e-mail address (a string)"));
                } else if (!value.asText().isEmpty() && !isEmail(value.asText(), q.maxLength())) {
                    problems.add(Violation.ofQuestion(id, pointer(id), "invalid_email",
                            "'" + id + "' must be an e-mail address such as name@example.com."));
                }
            }
        }
    }

    private void checkMultiple(Question q, JsonNode value, List<Violation> problems) {
        String id = q.id();
        if (!value.isArray()) {
            problems.add(wrongType(q, "an array of option codes"));
            return;
        }
        Set<String> seen = new HashSet<>();
        List<Option> exclusiveChosen = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPointer = pointer(id) + "/" + i;
            if (!item.isTextual()) {
                problems.add(Violation.ofQuestion(id, itemPointer, "wrong_type",
                        "Every answer to '" + id + "' must be an option code (a string)."));
                continue;
            }
            Optional<Option> option = q.option(item.asText());
            if (option.isEmpty()) {
                problems.add(unknownCode(q, id, itemPointer, item.asText()));
                continue;
            }
            if (!seen.add(item.asText())) {
                problems.add(Violation.ofQuestion(id, itemPointer, "duplicate_code",
                        "'" + item.asText() + "' is given more than once for '" + id + "'."));
            }
            if (option.get().excludesOthers()) {
                exclusiveChosen.add(option.get());
            }
        }
        if (!exclusiveChosen.isEmpty() && seen.size() > 1) {
            problems.add(Violation.ofQuestion(id, pointer(id), "exclusive_violation",
                    "'" + exclusiveChosen.get(0).label() + "' cannot be combined with another answer to '" + id + "'."));
        }
    }

    private void checkMatrix(Question q, JsonNode value, List<Violation> problems) {
        String id = q.id();
        if (!value.isObject()) {
            problems.add(wrongType(q, "an object mapping each row code to a column code"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> cells = value.fields(); cells.hasNext(); ) {
            Map.Entry<String, JsonNode> cell = cells.next();
            String rowField = id + "." + cell.getKey();
            String cellPointer = pointer(id) + "/" + escape(cell.getKey());
            if (q.row(cell.getKey()).isEmpty()) {
                problems.add(new Violation(rowField, id, cellPointer, "unknown_row",
                        "'" + echo(cell.getKey()) + "' is not a row of '" + id + "'."));
            } else if (!cell.getValue().isTextual()) {
                problems.add(new Violation(rowField, id, cellPointer, "wrong_type",
                        "Each row of '" + id + "' takes a column code (a string)."));
            } else if (q.column(cell.getValue().asText()).isEmpty()) {
                problems.add(new Violation(rowField, id, cellPointer, "unknown_code",
                        "'" + echo(cell.getValue().asText()) + "' is not a column of '" + id + "'."));
            }
        }
    }

    private void checkAllRowsAnswered(Question q, JsonNode value, List<Violation> problems) {
        for (Option row : q.rows()) {
            JsonNode cell = value.get(row.code());
            if (cell == null || cell.isNull()) {
                problems.add(new Violation(q.id() + "." + row.code(), q.id(), pointer(q.id()) + "/" + escape(row.code()),
                        "required", "Row '" + row.label() + "' of '" + q.id() + "' must be answered."));
            }
        }
    }

    private void checkSpecifyTexts(ObjectNode json, Map<String, Question> questions, Answers answers,
            Set<String> malformed, List<Violation> problems) {
        for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!isSpecifyKey(key, questions)) {
                continue;
            }
            JsonNode value = json.get(key);
            if (value.isNull()) {
                continue;
            }
            String questionId = key.substring(0, key.indexOf('.'));
            String code = key.substring(key.indexOf('.') + 1);
            Question question = questions.get(questionId);
            if (!value.isTextual()) {
                problems.add(new Violation(key, questionId, pointer(key), "wrong_type",
                        "'" + key + "' takes the text of the option (a string)."));
            } else if (length(value.asText()) > Question.SPECIFY_TEXT_MAX_LENGTH) {
                problems.add(new Violation(key, questionId, pointer(key), "too_long",
                        "'" + key + "' may be at most " + Question.SPECIFY_TEXT_MAX_LENGTH + " characters."));
            } else if (!value.asText().isBlank() && !malformed.contains(questionId)
                    && !answers.codes(question).contains(code)) {
                problems.add(new Violation(key, questionId, pointer(key), "option_not_chosen",
                        "'" + key + "' is only answered together with option '" + code + "' of '" + questionId + "'."));
            }
        }
    }

    private boolean isSpecifyKey(String key, Map<String, Question> questions) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return false;
        }
        Question question = questions.get(key.substring(0, dot));
        return question != null && question.option(key.substring(dot + 1)).map(Option::takesSpecifyText).orElse(false);
    }

    private static boolean isAnswered(Question question, JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        return switch (question.type()) {
            case MULTIPLE -> !value.isArray() || value.size() > 0;
            case MATRIX -> !value.isObject() || value.size() > 0;
            case TEXT, EMAIL -> !value.isTextual() || !value.asText().isBlank();
            default -> true;
        };
    }

    private boolean isEmail(String value, int maxLength) {
        return value.length() <= maxLength && beanValidator.validateValue(EmailAddress.class, "value", value).isEmpty();
    }

    private static Violation wrongType(Question q, String expected) {
        return Violation.ofQuestion(q.id(), pointer(q.id()), "wrong_type",
                "'" + q.id() + "' is a " + q.type().code() + " question and takes " + expected + ".");
    }

    private static Violation unknownCode(Question q, String id, String pointer, String code) {
        return Violation.ofQuestion(id, pointer, "unknown_code", "'" + echo(code) + "' is not an option of '" + id + "'.");
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String pointer(String key) {
        return "/answers/" + escape(key);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String echo(String value) {
        return value.length() <= ECHO_LIMIT ? value : value.substring(0, ECHO_LIMIT) + "…";
    }

    /** Hibernate Validator's e-mail rule, plus a dot in the domain: addresses must be deliverable on the Internet. */
    record EmailAddress(@Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String value) {
    }
}
