package io.canvass.access;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** A token pasted at sign-in that does not let its holder in. The message never repeats the token. */
public class SignInRefusedException extends RequestProblem {

    private SignInRefusedException(ProblemKind kind, String type, String message) {
        super(kind, type, "Sign-in refused", message);
    }

    static SignInRefusedException missing() {
        return new SignInRefusedException(ProblemKind.MALFORMED, "sign-in-token-missing", "Enter your access token");
    }

    /** The same words for a forged, expired, foreign or garbled token: nothing to learn by probing. */
    static SignInRefusedException notValid() {
        return new SignInRefusedException(ProblemKind.MALFORMED, "sign-in-token-not-valid",
                "The access token is not valid. It may have expired or been issued for another service: "
                        + "ask for a new one");
    }

    static SignInRefusedException noRole() {
        return new SignInRefusedException(ProblemKind.FORBIDDEN, "sign-in-role-missing",
                "This access token does not give access to results: it needs the analyst or researcher role");
    }
}
