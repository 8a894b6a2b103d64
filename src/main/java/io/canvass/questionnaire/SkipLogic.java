package io.canvass.questionnaire;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a question is shown, from its condition and the earlier answers. A condition
 * on a question that has no answer is false, whether it tests {@code in} or {@code notIn}: a
 * respondent who never saw the earlier question is not asked the follow-up.
 *
 * <p>The interview engine compiles the same rule once per version ({@code SurveyPlan.isShown}
 * in the interview package), and validation, screening and routing use that. This uncompiled
 * form stays for the callers not moved yet (the results tally, the export, the browser journey);
 * it cannot delegate, as the definition model sits below the engine. A property test keeps the
 * two in agreement until the last caller moves and this class goes.
 */
public final class SkipLogic {

    private SkipLogic() {
    }

    public static boolean isShown(Question question, Answers answers, Map<String, Question> questionsById) {
        return question.condition() == null || holds(question.condition(), answers, questionsById);
    }

    public static boolean holds(Condition condition, Answers answers, Map<String, Question> questionsById) {
        if (!condition.all().isEmpty()) {
            return condition.all().stream().allMatch(c -> holds(c, answers, questionsById));
        }
        if (!condition.any().isEmpty()) {
            return condition.any().stream().anyMatch(c -> holds(c, answers, questionsById));
        }
        Question tested = questionsById.get(condition.question());
        if (tested == null) {
            return false;
        }
        List<String> codes = answers.codes(tested, condition.row());
        if (codes.isEmpty()) {
            return false;
        }
        if (!condition.in().isEmpty()) {
            return codes.stream().anyMatch(condition.in()::contains);
        }
        return codes.stream().noneMatch(condition.notIn()::contains);
    }
}
