package io.canvass.review;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** A review request that breaks a rule: each problem names its field ({@code decision}, {@code reason}). */
public class InvalidReviewException extends RequestProblem {

    private final List<Violation> violations;

    InvalidReviewException(List<Violation> violations) {
        super(ProblemType.INVALID_REQUEST, violations.size() + " problem(s) in the request");
        this.violations = List.copyOf(violations);
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
