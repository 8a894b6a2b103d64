package io.canvass.invitation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an invitation is: unused until its respondent starts, then spent by the response it ends in. */
public enum InvitationState {
    UNUSED, IN_PROGRESS, COMPLETED, SCREENED_OUT, QUOTA_FULL, REVOKED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a response may still be submitted with it. */
    public boolean admitsResponse() {
        return this == UNUSED || this == IN_PROGRESS;
    }
}
