package io.canvass.export;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** A {@code ?status=} value that is not a response status. */
public class InvalidStatusFilterException extends RequestProblem {

    private final List<Violation> violations;

    public InvalidStatusFilterException(String value) {
        super(ProblemType.INVALID_STATUS_FILTER,
                "'status' takes complete, screened_out, quota_full, in_progress or rejected (repeated or comma-separated).");
        this.violations = List.of(new Violation("status", null, null, "unknown_status",
                "'" + value + "' is not one of complete, screened_out, quota_full, in_progress, rejected."));
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
