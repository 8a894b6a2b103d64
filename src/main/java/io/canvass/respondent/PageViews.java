package io.canvass.respondent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.SurveyPlan;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.LocalizedText;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Page;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/** Builds the view of one page from the definition, the answers so far and the page's problems. */
final class PageViews {

    private PageViews() {
    }

    static PageView build(SurveyPlan plan, String token, int pageNumber, List<Question> shown,
            ObjectNode answers, List<Violation> problems, boolean last, String language) {
        RespondentMessages texts = RespondentLanguage.texts(language);
        SurveyDefinition survey = plan.definition();
        Page page = plan.page(pageNumber - 1).page();
        Set<String> earlierOnPage = new HashSet<>();
        List<PageView.QuestionView> questions = new ArrayList<>();
        List<PageView.ErrorLink> errors = new ArrayList<>();
        for (Question q : shown) {
            List<Violation> own = problems.stream().filter(v -> q.id().equals(v.question())).toList();
            String revealedBy = q.condition() != null && q.condition().question() != null
                    && earlierOnPage.contains(q.condition().question())
                    ? revealHint(plan, q, language, texts) : null;
            PageView.QuestionView view = question(q, answers, own, revealedBy, language, texts);
            questions.add(view);
            earlierOnPage.add(q.id());
            for (Violation v : own) {
                String anchor = anchorFor(view, v);
                // The summary names the question; the message beside the field does not need to.
                String message = AnswerMessages.of(q, v, rowLabel(q, v, language), texts) + " – " + q.text().in(language);
                if (errors.stream().noneMatch(e -> e.href().equals("#" + anchor) && e.message().equals(message))) {
                    errors.add(new PageView.ErrorLink("#" + anchor, message, v.field(), v.code()));
                }
            }
        }
        return new PageView(survey.id(), survey.title().in(language), token, pageNumber, plan.pageCount(),
                page.title().in(language), LocalizedText.in(page.description(), language), questions, errors, pageNumber == 1,
                last, language, RespondentLanguage.switcher(survey, language));
    }

    /**
     * An option's label inside the "If other, please specify" sentence: "Other" reads "other" in English or
     * French, but a German noun keeps its capital ("Sonstiges"), as does an acronym ("AI tools"), and
     * Japanese and Korean have no case.
     */
    static String inSentence(String label, String language) {
        if (language.equals("de") || label.length() < 2 || Character.isUpperCase(label.charAt(1))) {
            return label;
        }
        return label.substring(0, 1).toLowerCase(Locale.forLanguageTag(language)) + label.substring(1);
    }

    private static PageView.QuestionView question(Question q, ObjectNode answers, List<Violation> problems,
            String revealedBy, String language, RespondentMessages texts) {
        JsonNode value = answers.get(q.id());
        String error = problems.stream().filter(v -> v.field().equals(q.id()) || !v.field().startsWith(q.id() + "."))
                .findFirst().map(v -> AnswerMessages.of(q, v, null, texts)).orElse(null);
        List<PageView.Choice> choices = null;
        List<PageView.Row> rows = null;
        List<PageView.Choice> columns = null;
        String text = null;
        String anchor = "f-" + q.id();
        switch (q.type()) {
            case SINGLE, MULTIPLE -> {
                choices = q.options().stream().map(o -> {
                    String specifyName = o.takesSpecifyText() ? q.id() + "." + o.code() : null;
                    String specifyError = specifyName == null ? null : problems.stream()
                            .filter(v -> v.field().equals(specifyName)).findFirst()
                            .map(v -> AnswerMessages.of(q, v, null, texts)).orElse(null);
                    return new PageView.Choice(inputId(q.id(), o.code()), q.id(), o.code(), o.label().in(language),
                            isChosen(value, o.code()), o.excludesOthers(), specifyName,
                            specifyName == null ? null : "f-" + specifyName.replace('.', '-') + "-text",
                            specifyName == null ? null : texts.specify_label(inSentence(o.label().in(language), language)),
                            specifyName == null ? null : textOf(answers.get(specifyName)), specifyError);
                }).toList();
                anchor = choices.get(0).inputId();
            }
            case SCALE -> {
                String current = scalePoint(value);
                choices = IntStream.rangeClosed(q.min(), q.max()).mapToObj(Integer::toString)
                        .map(point -> new PageView.Choice(inputId(q.id(), point), q.id(), point, point,
                                point.equals(current), false, null, null, null, null, null))
                        .toList();
                anchor = choices.get(0).inputId();
            }
            case MATRIX -> {
                columns = q.columns().stream()
                        .map(c -> new PageView.Choice(null, null, c.code(), c.label().in(language), false, false, null, null,
                                null, null, null))
                        .toList();
                rows = new ArrayList<>();
                for (Option row : q.rows()) {
                    String name = q.id() + "." + row.code();
                    String selected = matrixColumn(value, row.code());
                    List<PageView.Choice> cells = q.columns().stream()
                            .map(c -> new PageView.Choice(inputId(name, c.code()), name, c.code(), c.label().in(language),
                                    c.code().equals(selected), false, null, null, null, null, null))
                            .toList();
                    String rowError = problems.stream().filter(v -> v.field().equals(name)).findFirst()
                            .map(v -> AnswerMessages.of(q, v, row.label().in(language), texts)).orElse(null);
                    rows.add(new PageView.Row(row.code(), row.label().in(language), name, cells, rowError, "error-" + name.replace('.', '-')));
                }
                anchor = rows.get(0).cells().get(0).inputId();
                if (error != null && problems.stream().allMatch(v -> v.field().startsWith(q.id() + "."))) {
                    error = null;
                }
            }
            case TEXT, EMAIL -> text = textOf(value);
        }
        return new PageView.QuestionView(q.id(), q.type().code(), q.text().in(language), LocalizedText.in(q.help(), language),
                q.requiresAnswer(), error, anchor, choices, rows, columns, text, q.maxLength(),
                LocalizedText.in(q.minLabel(), language), LocalizedText.in(q.maxLabel(), language), revealedBy);
    }

    private static String anchorFor(PageView.QuestionView view, Violation v) {
        if (view.rows() != null) {
            for (PageView.Row row : view.rows()) {
                if (v.field().equals(row.name())) {
                    return row.cells().get(0).inputId();
                }
            }
        }
        if (view.choices() != null) {
            for (PageView.Choice choice : view.choices()) {
                if (v.field().equals(choice.specifyName())) {
                    return choice.specifyId();
                }
            }
        }
        return view.anchorId();
    }

    private static String rowLabel(Question q, Violation v, String language) {
        if (q.rows() == null) {
            return null;
        }
        return q.rows().stream().filter(r -> v.field().equals(q.id() + "." + r.code())).map(r -> r.label().in(language))
                .findFirst().orElse(null);
    }

    private static String revealHint(SurveyPlan plan, Question q, String language, RespondentMessages texts) {
        Question controlling = plan.question(q.condition().question()).orElseThrow().question();
        List<String> labels = q.condition().in().stream()
                .map(code -> controlling.option(code).map(o -> o.label().in(language)).orElse(code)).toList();
        return labels.isEmpty() ? null : texts.revealed_by(String.join(texts.revealed_by_separator(), labels));
    }

    /*
     * What an answer shows as ticked or typed. The page stencils (PageStencil) read answers through
     * these same methods, so a stencilled page and a Qute render can never disagree on them.
     */

    /** Whether a single or multiple choice answer ticks {@code code} (a list ticks each of its items). */
    static boolean isChosen(JsonNode value, String code) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.asText().equals(code)) {
                    return true;
                }
            }
            return false;
        }
        return value.asText().equals(code);
    }

    /** The scale point an answer selects, as its code, or null. */
    static String scalePoint(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The column a matrix answer selects in {@code row}, or null. */
    static String matrixColumn(JsonNode value, String row) {
        return value != null && value.isObject() && value.hasNonNull(row) ? value.get(row).asText() : null;
    }

    /** The text of a text, e-mail or "please specify" answer, or null. */
    static String textOf(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    static String inputId(String name, String code) {
        return "f-" + name.replace('.', '-') + "-" + code;
    }

}
