package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a survey may link a respondent to their answers. {@code anonymous} (the default): nothing
 * stored ties an invitation, a label or an e-mail address to a response, and exports carry dates
 * only. {@code identified}: invitations record which response they led to, for follow-up.
 */
public enum Anonymity {
    ANONYMOUS, IDENTIFIED;

    @JsonCreator
    public static Anonymity fromCode(String code) {
        for (Anonymity value : values()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown value '" + code + "'");
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
