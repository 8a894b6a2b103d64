package io.canvass.response;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** An Idempotency-Key that is malformed, or was already used for a different request. */
public class IdempotencyKeyException extends RequestProblem {

    private final Violation violation;

    private IdempotencyKeyException(ProblemKind kind, String type, String title, String detail, String code) {
        super(kind, type, title, detail);
        this.violation = Violation.ofField("Idempotency-Key", null, code, detail);
    }

    public static IdempotencyKeyException malformed() {
        return new IdempotencyKeyException(ProblemKind.MALFORMED, "invalid-idempotency-key", "Invalid Idempotency-Key",
                "An Idempotency-Key is 1 to 200 visible ASCII characters.", "malformed");
    }

    public static IdempotencyKeyException reused() {
        return new IdempotencyKeyException(ProblemKind.INVALID, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was already used for a different submission.", "reused");
    }

    @Override
    public List<Violation> violations() {
        return List.of(violation);
    }
}
