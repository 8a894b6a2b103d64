package io.canvass.interview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Condition;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Page;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.Quota;
import io.canvass.questionnaire.SurveyDefinition;
import jakarta.validation.Validation;
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
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The interview's rules stated again, as plainly as possible and sharing no code with the engine:
 * lists and sets rebuilt on every call, the definition's own lookups, and e-mail addresses judged
 * by Bean Validation as they were before the engine. Slow on purpose; only the tests use it.
 */
final class InterviewOracle {

    /** A violation without its message: field, question, JSON pointer and code. */
    record Problem(String field, String question, String pointer, String code) {
    }

    record Verdict(List<Problem> problems, Optional<String> screenedOutBy) {
    }

    private static final Validator BEAN_VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    record FormerEmail(@Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String value) {
    }

    private final SurveyDefinition definition;

    InterviewOracle(SurveyDefinition definition) {
        this.definition = definition;
    }

    // ---- skip logic and screening

    boolean shown(Question question, ObjectNode answers) {
        return question.condition() == null || holds(question.condition(), answers);
    }

    private boolean holds(Condition condition, ObjectNode answers) {
        if (!condition.all().isEmpty()) {
            return condition.all().stream().allMatch(part -> holds(part, answers));
        }
        if (!condition.any().isEmpty()) {
            return condition.any().stream().anyMatch(part -> holds(part, answers));
        }
        Optional<Question> tested = definition.question(condition.question());
        if (tested.isEmpty()) {
            return false;
        }
        List<String> codes = codes(tested.get(), answers, condition.row());
        if (codes.isEmpty()) {
            return false;
        }
        if (!condition.in().isEmpty()) {
            return codes.stream().anyMatch(condition.in()::contains);
        }
        return codes.stream().noneMatch(condition.notIn()::contains);
    }

    /** The codes an answer holds: a choice's code(s), a scale point as text, a matrix row's column. */
    private static List<String> codes(Question question, ObjectNode answers, String row) {
        JsonNode value = answers.get(question.id());
        List<String> codes = new ArrayList<>();
        if (value == null || value.isNull()) {
            return codes;
        }
        switch (question.type()) {
            case SINGLE -> {
                if (value.isTextual()) {
                    codes.add(value.asText());
                }
            }
            case MULTIPLE -> {
                if (value.isArray()) {
                    value.forEach(item -> {
                        if (item.isTextual()) {
                            codes.add(item.asText());
                        }
                    });
                }
            }
            case SCALE -> {
                if (value.isIntegralNumber()) {
                    codes.add(String.valueOf(value.asLong()));
                }
            }
            case MATRIX -> {
                if (row != null && value.get(row) != null && value.get(row).isTextual()) {
                    codes.add(value.get(row).asText());
                }
            }
            default -> {
            }
        }
        return codes;
    }

    /** The first shown choice question, in survey order, answered with a screen-out option. */
    Optional<Question> firstScreenOut(ObjectNode answers) {
        for (Question question : definition.questions()) {
            if (question.options() == null || !shown(question, answers)) {
                continue;
            }
            for (String code : codes(question, answers, null)) {
                if (question.option(code).map(Option::screensOut).orElse(false)) {
                    return Optional.of(question);
                }
            }
        }
        return Optional.empty();
    }

    // ---- checking

    Verdict checkAll(ObjectNode answers) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Question> questions = definition.questionsById();
        for (String key : keys(answers)) {
            if (!questions.containsKey(key) && specifyTarget(key).isEmpty()) {
                problems.add(new Problem(key, key, pointer(key), "unknown_question"));
            }
        }
        Set<String> malformed = new HashSet<>();
        for (Question question : questions.values()) {
            JsonNode value = answers.get(question.id());
            if (value != null && !value.isNull()) {
                List<Problem> shape = shapeProblems(question, value);
                if (!shape.isEmpty()) {
                    malformed.add(question.id());
                    problems.addAll(shape);
                }
            }
        }
        Optional<Question> screenedOut = firstScreenOut(answers).filter(q -> !malformed.contains(q.id()));
        int lastRequiredPage = screenedOut.map(q -> definition.pageIndexOf(q.id())).orElse(definition.pages().size() - 1);
        for (Question question : questions.values()) {
            JsonNode value = answers.get(question.id());
            boolean present = value != null && !value.isNull();
            boolean shown = shown(question, answers);
            boolean answered = present && answered(question, value);
            String id = question.id();
            if (!shown && present) {
                problems.add(new Problem(id, id, pointer(id), "not_shown"));
            } else if (shown && !answered && question.requiresAnswer() && definition.pageIndexOf(id) <= lastRequiredPage) {
                problems.add(new Problem(id, id, pointer(id), "required"));
            } else if (shown && answered && question.type() == QuestionType.MATRIX && question.requiresAnswer()
                    && value.isObject()) {
                for (Option row : question.rows()) {
                    if (!value.hasNonNull(row.code())) {
                        problems.add(new Problem(id + "." + row.code(), id, pointer(id) + "/" + escape(row.code()), "required"));
                    }
                }
            }
        }
        for (String key : keys(answers)) {
            Optional<Question> question = specifyTarget(key);
            JsonNode value = answers.get(key);
            if (question.isEmpty() || value.isNull()) {
                continue;
            }
            String id = question.get().id();
            String code = key.substring(key.indexOf('.') + 1);
            if (!value.isTextual()) {
                problems.add(new Problem(key, id, pointer(key), "wrong_type"));
            } else if (value.asText().codePoints().count() > Question.SPECIFY_TEXT_MAX_LENGTH) {
                problems.add(new Problem(key, id, pointer(key), "too_long"));
            } else if (!value.asText().isBlank() && !malformed.contains(id)
                    && !codes(question.get(), answers, null).contains(code)) {
                problems.add(new Problem(key, id, pointer(key), "option_not_chosen"));
            }
        }
        return new Verdict(problems, screenedOut.map(Question::id));
    }

    private List<Problem> shapeProblems(Question q, JsonNode value) {
        List<Problem> problems = new ArrayList<>();
        String id = q.id();
        String at = pointer(id);
        switch (q.type()) {
            case SINGLE -> {
                if (!value.isTextual()) {
                    problems.add(new Problem(id, id, at, "wrong_type"));
                } else if (q.option(value.asText()).isEmpty()) {
                    problems.add(new Problem(id, id, at, "unknown_code"));
                }
            }
            case MULTIPLE -> {
                if (!value.isArray()) {
                    problems.add(new Problem(id, id, at, "wrong_type"));
                    break;
                }
                Set<String> seen = new HashSet<>();
                boolean exclusive = false;
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (!item.isTextual()) {
                        problems.add(new Problem(id, id, at + "/" + i, "wrong_type"));
                    } else if (q.option(item.asText()).isEmpty()) {
                        problems.add(new Problem(id, id, at + "/" + i, "unknown_code"));
                    } else {
                        if (!seen.add(item.asText())) {
                            problems.add(new Problem(id, id, at + "/" + i, "duplicate_code"));
                        }
                        exclusive |= q.option(item.asText()).get().excludesOthers();
                    }
                }
                if (exclusive && seen.size() > 1) {
                    problems.add(new Problem(id, id, at, "exclusive_violation"));
                }
            }
            case SCALE -> {
                if (!value.isIntegralNumber()) {
                    problems.add(new Problem(id, id, at, "wrong_type"));
                } else if (!value.canConvertToInt() || value.intValue() < q.min() || value.intValue() > q.max()) {
                    problems.add(new Problem(id, id, at, "out_of_range"));
                }
            }
            case MATRIX -> {
                if (!value.isObject()) {
                    problems.add(new Problem(id, id, at, "wrong_type"));
                    break;
                }
                for (String row : keys((ObjectNode) value)) {
                    String field = id + "." + row;
                    String cellAt = at + "/" + escape(row);
                    JsonNode cell = value.get(row);
                    if (q.row(row).isEmpty()) {
                        problems.add(new Problem(field, id, cellAt, "unknown_row"));
                    } else if (!cell.isTextual()) {
                        problems.add(new Problem(field, id, cellAt, "wrong_type"));
                    } else if (q.column(cell.asText()).isEmpty()) {
                        problems.add(new Problem(field, id, cellAt, "unknown_code"));
                    }
                }
            }
            case TEXT -> {
                if (!value.isTextual()) {
                    problems.add(new Problem(id, id, at, "wrong_type"));
                } else if (value.asText().codePoints().count() > q.maxLength()) {
                    problems.add(new Problem(id, id, at, "too_long"));
                }
            }
            case EMAIL -> {
                if (!value.isTextual()) {
                    problems.add(new Problem(id, id, at, "wrong_type"));
                } else if (!value.asText().isEmpty() && (value.asText().length() > q.maxLength()
                        || !BEAN_VALIDATOR.validateValue(FormerEmail.class, "value", value.asText()).isEmpty())) {
                    problems.add(new Problem(id, id, at, "invalid_email"));
                }
            }
        }
        return problems;
    }

    private static boolean answered(Question question, JsonNode value) {
        return switch (question.type()) {
            case MULTIPLE -> !value.isArray() || !value.isEmpty();
            case MATRIX -> !value.isObject() || !value.isEmpty();
            case TEXT, EMAIL -> !value.isTextual() || !value.asText().isBlank();
            default -> true;
        };
    }

    /** The question whose "other, please specify" option this key names, e.g. {@code tools.other}. */
    private Optional<Question> specifyTarget(String key) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return definition.question(key.substring(0, dot))
                .filter(q -> q.option(key.substring(dot + 1)).map(Option::takesSpecifyText).orElse(false));
    }

    /** What checking one page reports: the whole check's problems of that page's questions. */
    List<Problem> checkPage(int pageIndex, ObjectNode answers) {
        return checkAll(answers).problems().stream()
                .filter(p -> definition.pageIndexOf(p.question()) == pageIndex).toList();
    }

    // ---- routing

    /** Where the interview goes after a page, written as text: screened:q, next:n:cells or complete:cells. */
    String route(int pageIndex, ObjectNode answers) {
        Optional<Question> screenedOut = firstScreenOut(answers);
        if (screenedOut.isPresent()) {
            return "screened:" + screenedOut.get().id();
        }
        List<String> cells = new ArrayList<>();
        for (Quota quota : definition.quotas()) {
            Question question = definition.question(quota.question()).orElseThrow();
            JsonNode value = answers.get(question.id());
            if (definition.pageIndexOf(question.id()) != pageIndex || value == null || !value.isTextual()) {
                continue;
            }
            String code = value.asText();
            if (question.option(code).isPresent() && quota.capFor(code).isPresent()) {
                cells.add(quota.id() + ":" + code + ":" + quota.capFor(code).getAsInt());
            }
        }
        for (int p = pageIndex + 1; p < definition.pages().size(); p++) {
            if (!shownOnPage(p, answers).isEmpty()) {
                return "next:" + p + ":" + cells;
            }
        }
        return "complete:" + cells;
    }

    /** A page's questions that are shown, or revealed by an earlier question of the same page. */
    List<String> shownOnPage(int pageIndex, ObjectNode answers) {
        Page page = definition.pages().get(pageIndex);
        List<String> earlierOnPage = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Question question : page.questions()) {
            boolean revealed = question.condition() != null && question.condition().question() != null
                    && earlierOnPage.contains(question.condition().question());
            if (revealed || shown(question, answers)) {
                shown.add(question.id());
            }
            earlierOnPage.add(question.id());
        }
        return shown;
    }

    // ---- personal data

    /** The answers without personal questions' keys, and the personal answers given. */
    Map.Entry<List<String>, Map<String, String>> split(ObjectNode answers) {
        Set<String> personal = new HashSet<>();
        definition.questions().stream().filter(Question::holdsPersonalData).forEach(q -> personal.add(q.id()));
        List<String> kept = keys(answers).stream().filter(key -> !personal.contains(key)).toList();
        Map<String, String> personalData = new LinkedHashMap<>();
        for (Question question : definition.questions()) {
            JsonNode value = answers.get(question.id());
            if (question.holdsPersonalData() && value != null && !value.isNull()) {
                personalData.put(question.id(), value.asText());
            }
        }
        return Map.entry(kept, personalData);
    }

    // ---- helpers

    static List<String> keys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    private static String pointer(String key) {
        return "/answers/" + escape(key);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
