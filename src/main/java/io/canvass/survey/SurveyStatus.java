package io.canvass.survey;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a survey is in its life: only an open survey takes responses. */
public enum SurveyStatus {
    DRAFT, OPEN, CLOSED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
