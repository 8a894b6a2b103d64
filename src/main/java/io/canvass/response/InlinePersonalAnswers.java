package io.canvass.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Personal answers found among a response's stored answers. Before every e-mail question counted as
 * personal data, an e-mail question without {@code personalData: true} was stored with the other
 * answers; these are taken out (and moved apart, or erased).
 */
final class InlinePersonalAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answers without the personal ones taken out, and those taken out by question id. */
    record Extraction(String remainingAnswers, Map<String, String> taken) {

        boolean changed() {
            return !taken.isEmpty();
        }
    }

    private InlinePersonalAnswers() {
    }

    /** Takes out every personal answer of the version the response answered. */
    static Extraction extract(String answersJson, SurveyDefinition answered) {
        return extract(answersJson, answered, value -> true);
    }

    /** Takes out the personal answers whose value matches, as erasure by the value itself does. */
    static Extraction extract(String answersJson, SurveyDefinition answered, Predicate<String> valueMatches) {
        ObjectNode answers = parse(answersJson);
        Map<String, String> taken = new LinkedHashMap<>();
        for (Question question : answered.questions()) {
            JsonNode value = answers.get(question.id());
            if (question.holdsPersonalData() && value != null && value.isValueNode() && !value.isNull()
                    && valueMatches.test(value.asText())) {
                taken.put(question.id(), value.asText());
                answers.remove(question.id());
            }
        }
        return new Extraction(taken.isEmpty() ? answersJson : answers.toString(), taken);
    }

    private static ObjectNode parse(String answersJson) {
        try {
            return (ObjectNode) JSON.readTree(answersJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are not JSON", e);
        }
    }
}
