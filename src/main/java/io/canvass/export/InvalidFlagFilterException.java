package io.canvass.export;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** A {@code ?flag=} value that is not a quality flag. */
public class InvalidFlagFilterException extends RequestProblem {

    private final List<Violation> violations;

    public InvalidFlagFilterException(String value) {
        super(ProblemType.INVALID_FLAG_FILTER,
                "'flag' takes straightliner, speeder, duplicate or bot (repeated or comma-separated).");
        this.violations = List.of(new Violation("flag", null, null, "unknown_flag",
                "'" + value + "' is not one of straightliner, speeder, duplicate, bot."));
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
