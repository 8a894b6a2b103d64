package io.canvass.survey;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;

/** A definition larger than any questionnaire needs; refused before it is parsed. */
public class DefinitionTooLargeException extends RequestProblem {

    public DefinitionTooLargeException(int limitBytes) {
        super(ProblemType.DEFINITION_TOO_LARGE, "A survey definition may be at most " + limitBytes + " bytes.");
    }
}
