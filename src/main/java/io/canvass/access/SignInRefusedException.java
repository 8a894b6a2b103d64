package io.canvass.access;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** A token pasted at sign-in that does not let its holder in. The message never repeats the token. */
public class SignInRefusedException extends RequestProblem {

    private SignInRefusedException(ProblemType type, String message) {
        super(type, message);
    }

    static SignInRefusedException missing() {
        return new SignInRefusedException(ProblemType.SIGN_IN_TOKEN_MISSING, "Enter your access token");
    }

    /** The same words for a forged, expired, foreign or garbled token: nothing to learn by probing. */
    static SignInRefusedException notValid() {
        return new SignInRefusedException(ProblemType.SIGN_IN_TOKEN_NOT_VALID,
                "The access token is not valid. It may have expired or been issued for another service: "
                        + "ask for a new one");
    }

    static SignInRefusedException noRole() {
        return new SignInRefusedException(ProblemType.SIGN_IN_ROLE_MISSING,
                "This access token does not give access to results: it needs the analyst or researcher role");
    }
}
