package io.canvass.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The results API's numbers worked out again, the slow and obvious way, from raw answers (as the
 * NDJSON export gives them): one pass over every complete per number. Independent of the index.
 */
final class ResultsRecomputation {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Where a complete's answers carry the respondent's language for this recomputation (the export gives it
     * beside them): a key no question id can be, so no question's numbers see it.
     */
    static final String LANGUAGE_KEY = "meta:language";

    private final SurveyDefinition definition;
    private final Map<String, Question> byId;

    /** A complete's answers from an NDJSON export row, with its language beside them (see {@link #LANGUAGE_KEY}). */
    static ObjectNode answersOf(JsonNode exportRow) {
        return ((ObjectNode) exportRow.get("answers").deepCopy()).put(LANGUAGE_KEY, exportRow.path("language").asText());
    }

    ResultsRecomputation(SurveyDefinition definition) {
        this.definition = definition;
        this.byId = definition.questionsById();
    }

    /** A filter {@code question[.row]:code,code} as a test on one complete's answers. */
    Predicate<ObjectNode> filter(String parameter) {
        String name = parameter.substring(0, parameter.indexOf(':'));
        List<String> codes = List.of(parameter.substring(parameter.indexOf(':') + 1).split(","));
        return answers -> codesOf(answers, name).stream().anyMatch(codes::contains);
    }

    /** The answer codes a complete holds for a question or matrix row (several for a multiple choice). */
    List<String> codesOf(ObjectNode answers, String name) {
        if (name.equals("language") && !byId.containsKey("language")) {
            return List.of(answers.path(LANGUAGE_KEY).asText());
        }
        int dot = name.indexOf('.');
        Question question = byId.get(dot < 0 ? name : name.substring(0, dot));
        return Answers.of(answers).codes(question, dot < 0 ? null : name.substring(dot + 1));
    }

    /** The {@code n} and {@code questions} of a results document over these completes. */
    ObjectNode results(List<ObjectNode> completes) {
        ObjectNode document = NODES.objectNode();
        document.put("n", completes.size());
        ArrayNode questions = document.putArray("questions");
        for (Question q : definition.questions()) {
            ObjectNode result = questions.addObject();
            result.put("id", q.id()).put("type", q.type().code()).put("text", q.text().defaultText());
            List<ObjectNode> shown = completes.stream().filter(a -> SkipLogic.isShown(q, Answers.of(a), byId)).toList();
            switch (q.type()) {
                case SINGLE -> choice(result, shown, q.id(), q.options());
                case MULTIPLE -> choice(result, shown, q.id(), q.options());
                case SCALE -> scale(result, shown, q);
                case MATRIX -> {
                    ArrayNode rows = result.putArray("rows");
                    for (Option row : q.rows()) {
                        ObjectNode rowResult = rows.addObject().put("code", row.code()).put("label", row.label().defaultText());
                        choice(rowResult, shown, q.id() + "." + row.code(), q.columns());
                    }
                }
                case TEXT -> result.put("n", shown.size()).put("answered",
                        shown.stream().filter(a -> a.hasNonNull(q.id()) && !a.get(q.id()).asText().isBlank()).count());
                case EMAIL -> result.put("n", shown.size());
            }
        }
        return document;
    }

    private void choice(ObjectNode result, List<ObjectNode> shown, String name, List<Option> options) {
        result.put("n", shown.size());
        result.put("answered", shown.stream().filter(a -> !codesOf(a, name).isEmpty()).count());
        ArrayNode list = result.putArray("options");
        for (Option option : options) {
            long count = shown.stream().filter(a -> codesOf(a, name).contains(option.code())).count();
            list.addObject().put("code", option.code()).put("label", option.label().defaultText()).put("count", count)
                    .put("percent", percent(count, shown.size()));
        }
    }

    private void scale(ObjectNode result, List<ObjectNode> shown, Question q) {
        List<Integer> values = shown.stream().filter(a -> a.hasNonNull(q.id())).map(a -> a.get(q.id()).asInt()).sorted().toList();
        result.put("n", shown.size()).put("answered", values.size());
        ArrayNode list = result.putArray("options");
        for (int point = q.min(); point <= q.max(); point++) {
            int p = point;
            long count = values.stream().filter(v -> v == p).count();
            list.addObject().put("code", Integer.toString(point)).put("label", Integer.toString(point)).put("count", count)
                    .put("percent", percent(count, shown.size()));
        }
        if (!values.isEmpty()) {
            int k = values.size();
            BigDecimal sum = BigDecimal.valueOf(values.stream().mapToLong(Integer::longValue).sum());
            BigDecimal mean = sum.divide(BigDecimal.valueOf(k), MathContext.DECIMAL128);
            result.put("mean", sum.divide(BigDecimal.valueOf(k), 2, RoundingMode.HALF_UP));
            result.put("median", BigDecimal.valueOf(values.get((k - 1) / 2) + values.get(k / 2))
                    .divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP));
            BigDecimal squares = BigDecimal.ZERO;
            for (int v : values) {
                squares = squares.add(BigDecimal.valueOf(v).subtract(mean).pow(2));
            }
            result.put("stdDev", k < 2 ? BigDecimal.ZERO.setScale(2) : squares
                    .divide(BigDecimal.valueOf(k - 1), MathContext.DECIMAL128).sqrt(MathContext.DECIMAL128)
                    .setScale(2, RoundingMode.HALF_UP));
        }
        long topTwo = values.stream().filter(v -> v >= q.max() - 1).count();
        result.put("topTwoBox", percent(topTwo, shown.size()));
        if (q.minLabel() != null) {
            result.put("minLabel", q.minLabel().defaultText());
        }
        if (q.maxLabel() != null) {
            result.put("maxLabel", q.maxLabel().defaultText());
        }
    }

    /** Rows × columns over the completes that answered both: counts, column and row sizes. */
    Crosstab crosstab(List<ObjectNode> completes, String rows, String columns, List<String> rowCodes, List<String> columnCodes) {
        List<ObjectNode> base = completes.stream()
                .filter(a -> !codesOf(a, rows).isEmpty() && !codesOf(a, columns).isEmpty()).toList();
        long[][] cells = new long[rowCodes.size()][columnCodes.size()];
        long[] rowSizes = new long[rowCodes.size()];
        long[] columnSizes = new long[columnCodes.size()];
        for (ObjectNode answers : base) {
            List<String> inRows = codesOf(answers, rows);
            List<String> inColumns = codesOf(answers, columns);
            for (int r = 0; r < rowCodes.size(); r++) {
                if (inRows.contains(rowCodes.get(r))) {
                    rowSizes[r]++;
                }
            }
            for (int c = 0; c < columnCodes.size(); c++) {
                if (inColumns.contains(columnCodes.get(c))) {
                    columnSizes[c]++;
                    for (int r = 0; r < rowCodes.size(); r++) {
                        if (inRows.contains(rowCodes.get(r))) {
                            cells[r][c]++;
                        }
                    }
                }
            }
        }
        return new Crosstab(base.size(), rowSizes, columnSizes, cells);
    }

    record Crosstab(long n, long[] rowSizes, long[] columnSizes, long[][] cells) {
    }

    static JsonNode percent(long count, long base) {
        if (base == 0) {
            return NODES.nullNode();
        }
        return NODES.numberNode(BigDecimal.valueOf(count * 100).divide(BigDecimal.valueOf(base), 1, RoundingMode.HALF_UP));
    }

    static List<String> list(Iterable<JsonNode> nodes, String field) {
        List<String> values = new ArrayList<>();
        nodes.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }
}
