package io.canvass.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A respondent's answers keyed by question id, in the shape the API takes them: a code for a
 * single choice, an array of codes for a multiple choice, an integer for a scale, an object row →
 * column for a matrix, a string for text and e-mail, and {@code "question.option"} for the text of
 * an "other, please specify" option. Read through the typed accessors; the JSON is kept as sent.
 */
public final class Answers {

    private final ObjectNode json;

    private Answers(ObjectNode json) {
        this.json = json;
    }

    public static Answers of(ObjectNode json) {
        return new Answers(json);
    }

    public static Answers empty() {
        return new Answers(JsonNodeFactory.instance.objectNode());
    }

    /** The answers exactly as given. */
    public ObjectNode json() {
        return json;
    }

    /** Whether the question has an answer at all (JSON null counts as no answer). */
    public boolean has(String key) {
        JsonNode value = json.get(key);
        return value != null && !value.isNull();
    }

    public JsonNode raw(String key) {
        return json.get(key);
    }

    /**
     * The codes an answer holds for skip logic, screening and quotas: the chosen code(s), the
     * scale point as text, or one matrix row's column. Empty when unanswered or not of that shape.
     */
    public List<String> codes(Question question, String row) {
        JsonNode value = json.get(question.id());
        if (value == null || value.isNull()) {
            return List.of();
        }
        return switch (question.type()) {
            case SINGLE -> value.isTextual() ? List.of(value.asText()) : List.of();
            case MULTIPLE -> {
                List<String> codes = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(v -> {
                        if (v.isTextual()) {
                            codes.add(v.asText());
                        }
                    });
                }
                yield codes;
            }
            case SCALE -> value.isIntegralNumber() ? List.of(Long.toString(value.asLong())) : List.of();
            case MATRIX -> {
                JsonNode cell = row == null ? null : value.get(row);
                yield cell != null && cell.isTextual() ? List.of(cell.asText()) : List.of();
            }
            case TEXT, EMAIL -> List.of();
        };
    }

    public List<String> codes(Question question) {
        return codes(question, null);
    }

    /** A copy without the given keys: how personal data is kept out of the stored answers. */
    public Answers without(java.util.Collection<String> keys) {
        ObjectNode copy = json.deepCopy();
        copy.remove(keys);
        return new Answers(copy);
    }
}
