package io.canvass.screening;

import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.Map;
import java.util.Optional;

/**
 * Who may take part: a respondent is screened out by the first shown question, in survey order,
 * whose answer includes an option marked {@code screenOut} in the definition.
 */
public final class EligibilityRule {

    private EligibilityRule() {
    }

    /** The question that screens the respondent out, if any. */
    public static Optional<Question> screeningQuestion(SurveyDefinition definition, Answers answers) {
        Map<String, Question> byId = definition.questionsById();
        for (Question question : byId.values()) {
            if (!question.type().hasOptions() || !SkipLogic.isShown(question, answers, byId)) {
                continue;
            }
            boolean screensOut = answers.codes(question).stream()
                    .map(question::option)
                    .anyMatch(option -> option.isPresent() && option.get().screensOut());
            if (screensOut) {
                return Optional.of(question);
            }
        }
        return Optional.empty();
    }
}
