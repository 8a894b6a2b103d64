package io.canvass.results;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** A filter or crosstab variable that does not name something countable in the survey. */
public class InvalidResultsQueryException extends RequestProblem {

    private final List<Violation> violations;

    public InvalidResultsQueryException(String parameter, String message) {
        super(ProblemType.INVALID_RESULTS_QUERY, message);
        this.violations = List.of(Violation.ofField(parameter, null, "invalid", message));
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
