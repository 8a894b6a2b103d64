package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of the questionnaire: what a respondent sees at once. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page(String id, LocalizedText title, LocalizedText description, List<Question> questions) {

    public Page {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** This page with every text's default language first. */
    Page withDefaultFirst(String language) {
        return new Page(id, LocalizedText.first(title, language), LocalizedText.first(description, language),
                questions.stream().map(q -> q.withDefaultFirst(language)).toList());
    }
}
