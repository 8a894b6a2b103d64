package io.canvass.respondent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Page;
import io.canvass.questionnaire.Question;
import java.util.List;
import java.util.Map;

/**
 * Reads a page's HTML form into answers of the API's shape. Fields are named after the definition:
 * {@code revenue}; {@code genai_blockers} repeated, with {@code genai_blockers.other} for the
 * other-text; {@code ai_use_today.marketing} for a matrix row. Empty fields are no answer.
 */
final class FormAnswers {

    private FormAnswers() {
    }

    static ObjectNode read(Page page, Map<String, List<String>> form) {
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        for (Question q : page.questions()) {
            switch (q.type()) {
                case SINGLE, TEXT, EMAIL -> first(form, q.id()).ifPresent(v -> answers.put(q.id(), v));
                case SCALE -> first(form, q.id()).ifPresent(v -> {
                    try {
                        answers.put(q.id(), Integer.parseInt(v));
                    } catch (NumberFormatException notANumber) {
                        answers.put(q.id(), v);
                    }
                });
                case MULTIPLE -> {
                    List<String> codes = form.getOrDefault(q.id(), List.of()).stream()
                            .filter(v -> v != null && !v.isBlank()).toList();
                    if (!codes.isEmpty()) {
                        ArrayNode array = answers.putArray(q.id());
                        codes.forEach(array::add);
                    }
                }
                case MATRIX -> {
                    ObjectNode cells = JsonNodeFactory.instance.objectNode();
                    for (Option row : q.rows()) {
                        first(form, q.id() + "." + row.code()).ifPresent(v -> cells.put(row.code(), v));
                    }
                    if (!cells.isEmpty()) {
                        answers.set(q.id(), cells);
                    }
                }
            }
            if (q.options() != null) {
                for (Option option : q.options()) {
                    if (option.takesSpecifyText()) {
                        String key = q.id() + "." + option.code();
                        first(form, key).ifPresent(v -> answers.put(key, v));
                    }
                }
            }
        }
        return answers;
    }

    private static java.util.Optional<String> first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null) {
            return java.util.Optional.empty();
        }
        String value = values.get(0).replace("\r\n", "\n");
        return value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value);
    }
}
