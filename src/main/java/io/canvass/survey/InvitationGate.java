package io.canvass.survey;

/**
 * Checks an invitation token for an invitation-only survey. Declared here and implemented by the
 * invitation feature, so that surveys can ask without depending on invitations (which depend on
 * surveys).
 */
public interface InvitationGate {

    /** Returns quietly when the token is a usable invitation of the survey; otherwise throws its refusal (403). */
    void requireUsable(String surveyId, String token);
}
