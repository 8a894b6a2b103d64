package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who may answer: anyone with the link, or only holders of an invitation token. */
public enum Access {
    OPEN, INVITATION;

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Access fromCode(String code) {
        for (Access value : values()) {
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
