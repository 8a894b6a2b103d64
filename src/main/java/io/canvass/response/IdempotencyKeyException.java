package io.canvass.response;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** An Idempotency-Key that is malformed, or was already used for a different request. */
public class IdempotencyKeyException extends RequestProblem {

    private final Violation violation;

    private IdempotencyKeyException(ProblemType type, String detail, String code) {
        super(type, detail);
        this.violation = Violation.ofField("Idempotency-Key", null, code, detail);
    }

    public static IdempotencyKeyException malformed() {
        return new IdempotencyKeyException(ProblemType.INVALID_IDEMPOTENCY_KEY,
                "An Idempotency-Key is 1 to 200 visible ASCII characters.", "malformed");
    }

    public static IdempotencyKeyException reused() {
        return new IdempotencyKeyException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used for a different submission.", "reused");
    }

    @Override
    public List<Violation> violations() {
        return List.of(violation);
    }
}
