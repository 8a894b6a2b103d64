package io.canvass.response;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What became of a response; only complete ones count in results. */
public enum ResponseStatus {
    IN_PROGRESS, COMPLETE, SCREENED_OUT, QUOTA_FULL;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
