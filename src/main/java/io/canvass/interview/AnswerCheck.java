package io.canvass.interview;

import io.canvass.problem.Violation;
import io.canvass.questionnaire.Question;
import java.util.List;
import java.util.Optional;

/**
 * What checking answers found: every violation, each naming its question, and the question that
 * screens the respondent out, if one does (answers are required only up to its page).
 */
public record AnswerCheck(List<Violation> violations, Optional<Question> screenedOutBy) {

    public boolean valid() {
        return violations.isEmpty();
    }
}
