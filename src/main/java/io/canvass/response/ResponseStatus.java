package io.canvass.response;

import com.fasterxml.jackson.annotation.JsonValue;
import io.canvass.invitation.InvitationState;
import java.util.Locale;

/**
 * What became of a response; only complete ones count in results. {@code REJECTED} is a complete a
 * researcher took out on review: it counts nowhere and holds no quota place until it is accepted again.
 */
public enum ResponseStatus {
    IN_PROGRESS, COMPLETE, SCREENED_OUT, QUOTA_FULL, REJECTED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state an identified survey's invitation takes when its response reaches this status. */
    public InvitationState invitationState() {
        return switch (this) {
            case IN_PROGRESS -> InvitationState.IN_PROGRESS;
            case COMPLETE -> InvitationState.COMPLETED;
            case SCREENED_OUT -> InvitationState.SCREENED_OUT;
            case QUOTA_FULL -> InvitationState.QUOTA_FULL;
            // A review is staff's business: the invitation says the survey was completed, as it was.
            case REJECTED -> InvitationState.COMPLETED;
        };
    }

    /** Whether the respondent got to the end and completed it (a rejected complete did too). */
    public boolean completedTheSurvey() {
        return this == COMPLETE || this == REJECTED;
    }
}
