package io.canvass.survey;

/** Who is asking about a survey (the token's subject) and their role on that survey. */
public record SurveyViewer(String subject, SurveyRole role) {

    /** A survey's researchers see exact numbers everywhere; analysts see disclosure-controlled ones. */
    public boolean seesExactResults() {
        return role == SurveyRole.RESEARCHER;
    }
}
