package io.canvass.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A definition as anyone may read it: what a respondent's client needs to show and answer the
 * questions, without what would let a professional survey-taker game the screener (which answers
 * screen out, the quotas) or tell how results are protected and who works on the survey.
 */
public final class RespondentView {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Survey-level fields that are for staff only. */
    private static final List<String> STAFF_ONLY = List.of("quotas", "minGroupSize", "grants", "target");

    private RespondentView() {
    }

    /** The public JSON of {@code definition}. */
    public static String json(SurveyDefinition definition) {
        try {
            ObjectNode view = (ObjectNode) JSON.readTree(DefinitionParser.toJson(definition));
            view.remove(STAFF_ONLY);
            for (JsonNode page : view.path("pages")) {
                for (JsonNode question : page.path("questions")) {
                    for (JsonNode option : question.path("options")) {
                        ((ObjectNode) option).remove("screenOut");
                    }
                }
            }
            return JSON.writeValueAsString(view);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
