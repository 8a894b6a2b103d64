package io.canvass.questionnaire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a definition that its JSON Schema cannot express: unique ids and codes, fields
 * that only fit some question types, skip logic that only looks back, quotas on real codes.
 */
final class DefinitionRules {

    /** How deep all/any may nest: deeper logic is unreadable to its author, and each level costs stack when evaluated. */
    static final int MAX_CONDITION_DEPTH = 8;
    /** Questions in a whole definition (the schema bounds them per page only). */
    static final int MAX_QUESTIONS = 500;
    /** Points on a scale: every point is a radio button, a results bucket and an export code. */
    static final int MAX_SCALE_POINTS = 11;

    private final SurveyDefinition definition;
    private final List<DefinitionProblem> problems = new ArrayList<>();
    /** Questions seen so far in survey order: a condition may only refer to these. */
    private final Map<String, Question> earlier = new HashMap<>();
    private final Set<String> allQuestionIds = new HashSet<>();

    private DefinitionRules(SurveyDefinition definition) {
        this.definition = definition;
    }

    static List<DefinitionProblem> check(SurveyDefinition definition) {
        DefinitionRules rules = new DefinitionRules(definition);
        rules.checkPages();
        rules.checkQuotas();
        rules.checkLanguages();
        return List.copyOf(rules.problems);
    }

    private void checkPages() {
        definition.questions().forEach(q -> allQuestionIds.add(q.id()));
        if (definition.questions().size() > MAX_QUESTIONS) {
            problem("/pages", "a definition has at most " + MAX_QUESTIONS + " questions; this one has " + definition.questions().size());
        }
        Set<String> pageIds = new HashSet<>();
        for (int p = 0; p < definition.pages().size(); p++) {
            Page page = definition.pages().get(p);
            String pagePointer = "/pages/" + p;
            if (!pageIds.add(page.id())) {
                problem(pagePointer + "/id", "duplicate page id '" + page.id() + "'");
            }
            for (int i = 0; i < page.questions().size(); i++) {
                Question question = page.questions().get(i);
                String pointer = pagePointer + "/questions/" + i;
                checkQuestion(question, pointer);
                if (question.condition() != null) {
                    checkCondition(question.condition(), pointer + "/condition", 1);
                }
                if (earlier.putIfAbsent(question.id(), question) != null) {
                    problem(pointer + "/id", "duplicate question id '" + question.id() + "'");
                }
            }
        }
    }

    private void checkQuestion(Question q, String pointer) {
        QuestionType type = q.type();
        onlyFor(q.options() != null, !type.hasOptions(), pointer + "/options", "options", "single and multiple");
        onlyFor(q.rows() != null, type != QuestionType.MATRIX, pointer + "/rows", "rows", "matrix");
        onlyFor(q.columns() != null, type != QuestionType.MATRIX, pointer + "/columns", "columns", "matrix");
        boolean scaleFields = q.min() != null || q.max() != null || q.minLabel() != null || q.maxLabel() != null;
        onlyFor(scaleFields, type != QuestionType.SCALE, pointer + "/min", "min, max and their labels", "scale");
        boolean lengthLimited = type == QuestionType.TEXT || type == QuestionType.EMAIL;
        onlyFor(q.maxLength() != null, !lengthLimited, pointer + "/maxLength", "maxLength", "text and email");
        onlyFor(q.holdsPersonalData(), !lengthLimited, pointer + "/personalData", "personalData", "text and email");
        uniqueCodes(q.options(), pointer + "/options");
        uniqueCodes(q.rows(), pointer + "/rows");
        uniqueCodes(q.columns(), pointer + "/columns");
        if (q.options() != null) {
            for (int i = 0; i < q.options().size(); i++) {
                Option option = q.options().get(i);
                if (option.excludesOthers() && type != QuestionType.MULTIPLE) {
                    problem(pointer + "/options/" + i + "/exclusive", "exclusive only applies to multiple-choice questions");
                }
            }
        }
        if (type == QuestionType.SCALE && q.min() != null && q.max() != null) {
            if (q.min() >= q.max()) {
                problem(pointer + "/max", "a scale's max must be greater than its min");
            } else if ((long) q.max() - q.min() + 1 > MAX_SCALE_POINTS) {
                // long: max - min of two ints overflows (-2e9..2e9 would pass as a negative difference)
                problem(pointer + "/max", "a scale may have at most " + MAX_SCALE_POINTS + " points");
            }
        }
        if (type == QuestionType.EMAIL && q.maxLength() != null && q.maxLength() > Question.EMAIL_MAX_LENGTH) {
            problem(pointer + "/maxLength", "an e-mail address is at most " + Question.EMAIL_MAX_LENGTH + " characters");
        }
    }

    private void checkCondition(Condition c, String pointer, int depth) {
        if (depth > MAX_CONDITION_DEPTH) {
            problem(pointer, "conditions nest at most " + MAX_CONDITION_DEPTH + " levels deep ('all' and 'any' inside each other)");
            return;
        }
        int shapes = (c.in().isEmpty() ? 0 : 1) + (c.notIn().isEmpty() ? 0 : 1)
                + (c.all().isEmpty() ? 0 : 1) + (c.any().isEmpty() ? 0 : 1);
        if (shapes != 1) {
            problem(pointer, "a condition needs exactly one of 'in', 'notIn', 'all' or 'any'");
            return;
        }
        if (!c.all().isEmpty() || !c.any().isEmpty()) {
            if (c.question() != null || c.row() != null) {
                problem(pointer, "'all' and 'any' combine conditions and take no 'question' or 'row'");
            }
            String key = c.all().isEmpty() ? "any" : "all";
            List<Condition> parts = c.all().isEmpty() ? c.any() : c.all();
            for (int i = 0; i < parts.size(); i++) {
                checkCondition(parts.get(i), pointer + "/" + key + "/" + i, depth + 1);
            }
            return;
        }
        if (c.question() == null) {
            problem(pointer, "'in' and 'notIn' need the 'question' they test");
            return;
        }
        Question target = earlier.get(c.question());
        if (target == null) {
            problem(pointer + "/question", allQuestionIds.contains(c.question())
                    ? "condition refers to '" + c.question() + "', which comes later in the survey; a condition may only depend on earlier questions"
                    : "condition refers to unknown question '" + c.question() + "'");
            return;
        }
        if (target.type() == QuestionType.TEXT || target.type() == QuestionType.EMAIL) {
            problem(pointer + "/question", "a condition cannot test the free-text question '" + target.id() + "'");
            return;
        }
        if (target.type() == QuestionType.MATRIX) {
            if (c.row() == null) {
                problem(pointer + "/row", "a condition on matrix '" + target.id() + "' must name the row it tests");
            } else if (target.row(c.row()).isEmpty()) {
                problem(pointer + "/row", "'" + c.row() + "' is not a row of '" + target.id() + "'");
            }
        } else if (c.row() != null) {
            problem(pointer + "/row", "'row' only applies to conditions on a matrix");
        }
        List<String> codes = target.answerCodes();
        String key = c.in().isEmpty() ? "notIn" : "in";
        List<String> tested = c.in().isEmpty() ? c.notIn() : c.in();
        for (int i = 0; i < tested.size(); i++) {
            if (!codes.contains(tested.get(i))) {
                problem(pointer + "/" + key + "/" + i, "'" + tested.get(i) + "' is not an answer code of '" + target.id()
                        + "' (codes: " + String.join(", ", codes) + ")");
            }
        }
    }

    private void checkQuotas() {
        Set<String> quotaIds = new HashSet<>();
        Map<String, Question> questions = definition.questionsById();
        for (int i = 0; i < definition.quotas().size(); i++) {
            Quota quota = definition.quotas().get(i);
            String pointer = "/quotas/" + i;
            if (!quotaIds.add(quota.id())) {
                problem(pointer + "/id", "duplicate quota id '" + quota.id() + "'");
            }
            if (quota.limit() == null && quota.limits().isEmpty()) {
                problem(pointer, "a quota needs 'limit' (per answer code) or 'limits' (for named codes)");
            }
            Question question = questions.get(quota.question());
            if (question == null) {
                problem(pointer + "/question", "quota on unknown question '" + quota.question() + "'");
                continue;
            }
            if (question.type() != QuestionType.SINGLE) {
                problem(pointer + "/question", "a quota needs a single-choice question; '" + question.id() + "' is "
                        + question.type().code());
                continue;
            }
            for (String code : quota.limits().keySet()) {
                if (question.option(code).isEmpty()) {
                    problem(pointer + "/limits/" + code, "quota on unknown code '" + code + "' of '" + question.id() + "'");
                }
            }
        }
    }

    /**
     * Every declared language has every text: a respondent who chose Japanese never meets an English
     * question. Each language needs the pages' fixed texts too ({@link PageLanguages}).
     */
    private void checkLanguages() {
        List<String> languages = definition.respondentLanguages();
        Set<String> declared = new HashSet<>();
        for (int i = 0; i < languages.size(); i++) {
            String language = languages.get(i);
            if (!declared.add(language)) {
                problem("/languages/" + i, "language '" + language + "' is listed twice");
            } else if (!PageLanguages.available(language)) {
                problem("/languages/" + i, "Canvass has no page texts (buttons, messages) in '" + language
                        + "'; it has " + String.join(", ", PageLanguages.all()) + " (docs/languages.md says how to add one)");
            }
        }
        texts("", "the survey", "title", definition.title());
        texts("", "the survey", "description", definition.description());
        texts("", "the survey", "privacyNotice", definition.privacyNotice());
        for (int p = 0; p < definition.pages().size(); p++) {
            Page page = definition.pages().get(p);
            String pagePointer = "/pages/" + p;
            texts(pagePointer, "page '" + page.id() + "'", "title", page.title());
            texts(pagePointer, "page '" + page.id() + "'", "description", page.description());
            for (int i = 0; i < page.questions().size(); i++) {
                Question q = page.questions().get(i);
                String pointer = pagePointer + "/questions/" + i;
                String question = "question '" + q.id() + "'";
                texts(pointer, question, "text", q.text());
                texts(pointer, question, "help", q.help());
                texts(pointer, question, "minLabel", q.minLabel());
                texts(pointer, question, "maxLabel", q.maxLabel());
                labels(pointer + "/options", question, "option", q.options());
                labels(pointer + "/rows", question, "row", q.rows());
                labels(pointer + "/columns", question, "column", q.columns());
            }
        }
    }

    private void labels(String pointer, String question, String kind, List<Option> options) {
        if (options == null) {
            return;
        }
        for (int i = 0; i < options.size(); i++) {
            texts(pointer + "/" + i, kind + " '" + options.get(i).code() + "' of " + question, "label",
                    options.get(i).label());
        }
    }

    private void texts(String parentPointer, String owner, String field, LocalizedText text) {
        if (text == null) {
            return;
        }
        String pointer = parentPointer + "/" + field;
        List<String> languages = definition.respondentLanguages();
        if (text.isPlain()) {
            // A plain string is the default language's text; every other declared language lacks it.
            for (String language : languages.subList(1, languages.size())) {
                problem(pointer, owner + " has no " + field + " in '" + language + "'");
            }
            return;
        }
        for (String language : languages) {
            if (!text.languages().contains(language)) {
                problem(pointer + "/" + language, owner + " has no " + field + " in '" + language + "'");
            }
        }
        for (String language : text.languages()) {
            if (!languages.contains(language)) {
                problem(pointer + "/" + language, owner + " has a " + field + " in '" + language
                        + "', which is not one of the survey's languages (" + String.join(", ", languages) + ")");
            }
        }
    }

    private void onlyFor(boolean present, boolean wrongType, String pointer, String what, String types) {
        if (present && wrongType) {
            problem(pointer, what + " only apply to " + types + " questions");
        }
    }

    private void uniqueCodes(List<Option> options, String pointer) {
        if (options == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            if (!seen.add(options.get(i).code())) {
                problem(pointer + "/" + i + "/code", "duplicate code '" + options.get(i).code() + "'");
            }
        }
    }

    private void problem(String pointer, String message) {
        problems.add(new DefinitionProblem(pointer, message));
    }
}
