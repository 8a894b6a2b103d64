package io.canvass.survey;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;

/** The caller knows the survey but may not do this with it (an analyst exporting rows, a researcher granting). */
public class SurveyForbiddenException extends RequestProblem {

    private final List<Violation> violations;

    SurveyForbiddenException(String detail) {
        this(detail, List.of());
    }

    SurveyForbiddenException(String detail, List<Violation> violations) {
        super(ProblemType.FORBIDDEN, detail);
        this.violations = List.copyOf(violations);
    }

    static SurveyForbiddenException roleTooLow(String surveyId, SurveyRole needed, SurveyRole role) {
        return new SurveyForbiddenException("This needs the " + needed.code() + " role on survey '" + surveyId + "'"
                + (role == null ? "; your access to it is to manage its grants." : "; you have " + role.code() + "."));
    }

    static SurveyForbiddenException notGrantManager(String surveyId) {
        return new SurveyForbiddenException("Only the owner of survey '" + surveyId + "' or an admin may manage its grants.");
    }

    static SurveyForbiddenException grantsChanged(String surveyId) {
        return new SurveyForbiddenException("Only the owner of survey '" + surveyId + "' or an admin may change the "
                + "grants in its definition.", List.of(Violation.ofField("grants", "/grants", "grants_changed",
                        "Keep the grants of the latest version, or ask the owner to change them.")));
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
