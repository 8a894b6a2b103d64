package io.canvass.interview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Condition;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A question's skip logic, compiled: the tested question resolved once, the codes in a set.
 * A test on a question that has no answer is false, whether it tests {@code in} or
 * {@code notIn}: a respondent who never saw the earlier question is not asked the follow-up.
 */
abstract class ShowCondition {

    abstract boolean holds(ObjectNode answers);

    /**
     * Compiles a definition's condition against the survey's questions. The definition rules let a
     * condition test only earlier questions, so survey order is already the order of dependency.
     */
    static ShowCondition compile(Condition condition, Map<String, QuestionPlan> questions) {
        if (!condition.all().isEmpty()) {
            return new All(compileEach(condition.all(), questions));
        }
        if (!condition.any().isEmpty()) {
            return new Any(compileEach(condition.any(), questions));
        }
        QuestionPlan tested = condition.question() == null ? null : questions.get(condition.question());
        if (tested == null) {
            return Never.INSTANCE;
        }
        return condition.in().isEmpty()
                ? new CodeTest(tested, condition.row(), Set.copyOf(condition.notIn()), false)
                : new CodeTest(tested, condition.row(), Set.copyOf(condition.in()), true);
    }

    private static ShowCondition[] compileEach(List<Condition> parts, Map<String, QuestionPlan> questions) {
        ShowCondition[] compiled = new ShowCondition[parts.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = compile(parts.get(i), questions);
        }
        return compiled;
    }

    private static final class All extends ShowCondition {
        private final ShowCondition[] parts;

        All(ShowCondition[] parts) {
            this.parts = parts;
        }

        @Override
        boolean holds(ObjectNode answers) {
            for (ShowCondition part : parts) {
                if (!part.holds(answers)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Any extends ShowCondition {
        private final ShowCondition[] parts;

        Any(ShowCondition[] parts) {
            this.parts = parts;
        }

        @Override
        boolean holds(ObjectNode answers) {
            for (ShowCondition part : parts) {
                if (part.holds(answers)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code in}: some code of the answer is listed; {@code notIn}: it has codes and none is listed. */
    private static final class CodeTest extends ShowCondition {
        private final QuestionPlan tested;
        private final String row;
        private final Set<String> codes;
        private final boolean in;

        CodeTest(QuestionPlan tested, String row, Set<String> codes, boolean in) {
            this.tested = tested;
            this.row = row;
            this.codes = codes;
            this.in = in;
        }

        @Override
        boolean holds(ObjectNode answers) {
            int result = AnswerCodes.test(tested, answers.get(tested.id()), row, codes);
            return in ? result == AnswerCodes.SOME_IN : result == AnswerCodes.NONE_IN;
        }
    }

    /** A test on a question the survey does not have: never true, as on an unanswered one. */
    private static final class Never extends ShowCondition {
        static final Never INSTANCE = new Never();

        @Override
        boolean holds(ObjectNode answers) {
            return false;
        }
    }
}
