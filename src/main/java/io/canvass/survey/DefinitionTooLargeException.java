package io.canvass.survey;

import io.canvass.problem.ProblemKind;
import io.canvass.problem.RequestProblem;

/** A definition larger than any questionnaire needs; refused before it is parsed. */
public class DefinitionTooLargeException extends RequestProblem {

    public DefinitionTooLargeException(int limitBytes) {
        super(ProblemKind.TOO_LARGE, "definition-too-large", "Definition too large",
                "A survey definition may be at most " + limitBytes + " bytes.");
    }
}
