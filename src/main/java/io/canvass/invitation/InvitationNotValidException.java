package io.canvass.invitation;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/**
 * One answer for an unknown, used or revoked token, so that probing tokens tells nothing; the
 * same for a by-invitation survey reached without one.
 */
public class InvitationNotValidException extends RequestProblem {

    public InvitationNotValidException() {
        super(ProblemType.INVITATION_NOT_VALID, "This survey needs a valid invitation. The link may be mistyped, already used or withdrawn.");
    }
}
