package io.canvass.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Anonymity;
import io.canvass.questionnaire.LanguageNames;
import io.canvass.questionnaire.LocalizedText;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a survey's response export, from its current published definition: the CSV
 * writer and the codebook both read this one list, so the two cannot drift apart. Knows how to
 * fill each column from a response of any version (answers map by question id and code).
 */
public final class ExportColumns {

    static final String NOT_CHOSEN = "0";
    static final String CHOSEN = "1";

    private final List<ExportColumn> columns;

    private ExportColumns(List<ExportColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * The columns for a definition: the response's own fields, then per question in survey order
     * one column (single, scale, text), one 0/1 column per option and a text column per "please
     * specify" option (multiple), or one per row (matrix). Personal data has no column at all.
     *
     * @param versionTitles the title of each published version, for the labels of {@code version}
     * @param anonymity     anonymous: pseudonymous ids and submission days, rows of a day in pseudonym order
     */
    public static ExportColumns of(SurveyDefinition definition, Map<Integer, String> versionTitles, Anonymity anonymity) {
        boolean anonymous = anonymity == Anonymity.ANONYMOUS;
        Texts texts = new Texts(definition.respondentLanguages());
        List<ExportColumn> columns = new ArrayList<>();
        columns.add(metadata("response_id", anonymous
                        ? "Pseudonymous response id: a keyed hash (HMAC-SHA-256, 128 bits) of the stored id, the same in "
                                + "every export of this survey; it cannot be turned back into the stored id. Within a "
                                + "day, rows are ordered by it, not by time."
                        : "Response id (random; not linked to the respondent)", List.of(),
                ExportColumn.Source.RESPONSE_ID));
        columns.add(metadata("status", "What became of the response", List.of(
                new ValueLabel("complete", "Complete"), new ValueLabel("screened_out", "Screened out"),
                new ValueLabel("quota_full", "Quota full"), new ValueLabel("in_progress", "In progress"),
                new ValueLabel("rejected", "Rejected on review (a complete taken out of every result)")),
                ExportColumn.Source.STATUS));
        columns.add(metadata("version", "The version of the questionnaire the respondent answered",
                versionTitles.entrySet().stream()
                        .map(v -> new ValueLabel(Integer.toString(v.getKey()), "Version " + v.getKey() + ": " + v.getValue()))
                        .toList(),
                ExportColumn.Source.VERSION));
        columns.add(metadata("submitted_at", anonymous
                        ? "The day the response was submitted (YYYY-MM-DD, UTC): an anonymous survey exports no time of "
                                + "day; empty while in progress"
                        : "When the response was submitted (ISO 8601, UTC); empty while in progress",
                List.of(), ExportColumn.Source.SUBMITTED_AT));
        columns.add(metadata("flags", "The data-quality flags the complete raised, comma-separated; empty for none. A flag "
                        + "is a suggestion for review: a flagged complete counts like any other until it is rejected",
                List.of(new ValueLabel("straightliner", "Every row of a matrix of 5 rows or more in the same column"),
                        new ValueLabel("speeder", "Completed in under a third of the median duration of the completes"),
                        new ValueLabel("duplicate", "The same coded answers as an earlier complete"),
                        new ValueLabel("bot", "Filled in the form field no person sees")),
                ExportColumn.Source.FLAGS));
        columns.add(metadata("review_reason", "Why a researcher rejected the complete; empty unless it is rejected",
                List.of(), ExportColumn.Source.REVIEW_REASON));
        columns.add(metadata("language", "The language the respondent answered in (the survey's default for responses "
                        + "stored before it had languages)",
                definition.respondentLanguages().stream().map(code -> new ValueLabel(code, LanguageNames.of(code))).toList(),
                ExportColumn.Source.LANGUAGE));
        for (Question q : definition.questions()) {
            if (AnsweredVersion.isPersonal(q)) {
                continue;
            }
            switch (q.type()) {
                case SINGLE -> {
                    columns.add(texts.question(q, q.id(), null, null, null, texts.labels(q.options()), ExportColumn.Source.ANSWER));
                    texts.specifyColumns(q, columns);
                }
                case SCALE -> columns.add(texts.question(q, q.id(), null, null, null, texts.scaleLabels(q),
                        ExportColumn.Source.ANSWER));
                case TEXT -> columns.add(texts.question(q, q.id(), null, null, null, List.of(), ExportColumn.Source.ANSWER));
                case MULTIPLE -> {
                    for (Option option : q.options()) {
                        columns.add(texts.question(q, q.id() + "." + option.code(), option.code(), null, option.label(),
                                List.of(new ValueLabel(NOT_CHOSEN, "Not chosen"), new ValueLabel(CHOSEN, "Chosen")),
                                ExportColumn.Source.OPTION));
                    }
                    texts.specifyColumns(q, columns);
                }
                case MATRIX -> {
                    for (Option row : q.rows()) {
                        columns.add(texts.question(q, q.id() + "." + row.code(), null, row.code(), row.label(),
                                texts.labels(q.columns()), ExportColumn.Source.MATRIX_ROW));
                    }
                }
                case EMAIL -> {
                    // Never exported (see AnsweredVersion#isPersonal).
                }
            }
        }
        return new ExportColumns(columns);
    }

    public List<ExportColumn> columns() {
        return columns;
    }

    /** The column of the response's language. */
    ExportColumn language() {
        return columns.stream().filter(c -> c.source() == ExportColumn.Source.LANGUAGE).findFirst().orElseThrow();
    }

    public List<String> header() {
        return columns.stream().map(ExportColumn::column).toList();
    }

    /** The cell of one column for one response. Empty: not shown, not reached, not answered, or not in that version. */
    static String cell(ExportColumn column, ExportedRow row) {
        StoredResponse stored = row.stored();
        return switch (column.source()) {
            case RESPONSE_ID -> row.exportedId();
            case STATUS -> stored.status().code();
            case VERSION -> Integer.toString(stored.version());
            case SUBMITTED_AT -> row.exportedSubmittedAt() == null ? "" : row.exportedSubmittedAt();
            case FLAGS -> stored.flags() == null ? "" : stored.flags();
            case REVIEW_REASON -> stored.reviewReason() == null ? "" : stored.reviewReason();
            case LANGUAGE -> stored.language() != null ? stored.language() : column.values().get(0).code();
            case ANSWER -> scalar(row.answers().get(column.questionId()));
            case SPECIFY_TEXT -> scalar(row.answers().get(column.questionId() + "." + column.option()));
            case MATRIX_ROW -> {
                JsonNode cells = row.answers().get(column.questionId());
                yield cells != null && cells.isObject() ? scalar(cells.get(column.row())) : "";
            }
            case OPTION -> optionCell(column, row);
        };
    }

    /** 0/1 only where the respondent saw the option; empty where not (see {@link ExportedRow#multipleChoice}). */
    private static String optionCell(ExportColumn column, ExportedRow row) {
        ExportedRow.MultipleChoice choice = row.multipleChoice(column.questionId());
        if (!choice.offered().contains(column.option())) {
            return "";
        }
        return choice.chosen().contains(column.option()) ? CHOSEN : NOT_CHOSEN;
    }

    /** The furthest page on which the response has any answer: how far a partial or screened-out respondent got. */
    static int furthestPage(ObjectNode answers, AnsweredVersion version) {
        int furthest = -1;
        for (Iterator<String> keys = answers.fieldNames(); keys.hasNext(); ) {
            furthest = Math.max(furthest, version.pageOf(keys.next()));
        }
        return furthest;
    }

    private static String scalar(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private static ExportColumn metadata(String name, String text, List<ValueLabel> values, ExportColumn.Source source) {
        return new ExportColumn(name, null, "metadata", text, null, null, null, null, null, values, source);
    }

    /**
     * The questionnaire's texts as the codebook gives them: in the default language, and for a survey
     * in several languages also in each of them, so an analyst can read a Japanese answer's label in
     * English and a translator can check one language against another.
     */
    private record Texts(List<String> languages) {

        /** {@code text} in each language, default first; null for a one-language survey or a missing text. */
        Map<String, String> all(LocalizedText text) {
            if (text == null || languages.size() < 2) {
                return null;
            }
            Map<String, String> all = new LinkedHashMap<>();
            languages.forEach(language -> all.put(language, text.in(language)));
            return all;
        }

        ExportColumn question(Question q, String name, String option, String row, LocalizedText label,
                List<ValueLabel> values, ExportColumn.Source source) {
            return new ExportColumn(name, q.id(), q.type().code(), q.text().defaultText(), all(q.text()), option, row,
                    LocalizedText.defaultText(label), all(label), values, source);
        }

        void specifyColumns(Question q, List<ExportColumn> columns) {
            for (Option option : q.options()) {
                if (option.takesSpecifyText()) {
                    columns.add(new ExportColumn(q.id() + "." + option.code() + ".text", q.id(), "specify",
                            q.text().defaultText(), all(q.text()), option.code(), null, option.label().defaultText(),
                            all(option.label()), List.of(), ExportColumn.Source.SPECIFY_TEXT));
                }
            }
        }

        List<ValueLabel> labels(List<Option> options) {
            return options.stream().map(o -> new ValueLabel(o.code(), o.label().defaultText(), all(o.label()))).toList();
        }

        List<ValueLabel> scaleLabels(Question q) {
            List<ValueLabel> labels = new ArrayList<>();
            for (int point = q.min(); point <= q.max(); point++) {
                LocalizedText label = point == q.min() && q.minLabel() != null ? q.minLabel() : point == q.max() ? q.maxLabel() : null;
                String code = Integer.toString(point);
                labels.add(label == null ? new ValueLabel(code, code) : new ValueLabel(code, label.defaultText(), all(label)));
            }
            return labels;
        }
    }
}
