package io.canvass.response;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** The answers break the survey's rules; every problem is listed, each naming its question. */
public class InvalidAnswersException extends RequestProblem {

    private final List<Violation> violations;

    public InvalidAnswersException(List<Violation> violations) {
        super(ProblemType.INVALID_ANSWERS, violations.size() == 1 ? "1 answer needs attention." : violations.size() + " answers need attention.");
        this.violations = List.copyOf(violations);
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
