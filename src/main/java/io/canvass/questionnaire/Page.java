package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of the questionnaire: what a respondent sees at once. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page(String id, String title, String description, List<Question> questions) {

    public Page {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
