package io.canvass.invitation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an invitation is: unused until its respondent starts, then spent. On an identified survey
 * the state follows the response (in progress, then its outcome); on an anonymous survey a spent
 * invitation is only {@code used}, because an outcome such as screened out would tell what its
 * respondent answered.
 */
public enum InvitationState {
    UNUSED, IN_PROGRESS, COMPLETED, SCREENED_OUT, QUOTA_FULL, USED, REVOKED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a response may still be submitted with it. */
    public boolean admitsResponse() {
        return this == UNUSED || this == IN_PROGRESS;
    }

    /** Whether a respondent has spent it (as opposed to unused or revoked). */
    public boolean spent() {
        return this != UNUSED && this != REVOKED;
    }
}
