package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of question a definition may ask; each has its own answer shape. */
public enum QuestionType {
    SINGLE, MULTIPLE, SCALE, MATRIX, TEXT, EMAIL;

    @com.fasterxml.jackson.annotation.JsonCreator
    public static QuestionType fromCode(String code) {
        for (QuestionType value : values()) {
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

    public boolean hasOptions() {
        return this == SINGLE || this == MULTIPLE;
    }
}
