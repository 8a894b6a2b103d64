package io.canvass.invitation;

/**
 * A respondent's own invitation, spent already: the API answers it exactly as any invalid token
 * (nothing to learn by probing), while the respondent pages can say that the resume link, not the
 * invitation, is the way back to saved answers.
 */
public class InvitationAlreadyUsedException extends InvitationNotValidException {
}
