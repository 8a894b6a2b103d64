package io.canvass.response;

import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Question;
import java.util.Map;
import java.util.Optional;

/**
 * Answers that passed every rule: what to store as answers, the personal data to store apart,
 * and the question that screened the respondent out, if one did.
 */
public record CheckedAnswers(Answers answers, Map<String, String> personalData, Optional<Question> screenedOutBy) {
}
