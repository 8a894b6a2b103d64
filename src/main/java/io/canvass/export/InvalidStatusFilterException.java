package io.canvass.export;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** A {@code ?status=} value that is not a response status. */
public class InvalidStatusFilterException extends RequestProblem {

    private final List<Violation> violations;

    public InvalidStatusFilterException(String value) {
        super(ProblemKind.MALFORMED, "invalid-status-filter", "Unknown response status",
                "'status' takes complete, screened_out, quota_full or in_progress (repeated or comma-separated).");
        this.violations = List.of(new Violation("status", null, null, "unknown_status",
                "'" + value + "' is not one of complete, screened_out, quota_full, in_progress."));
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
