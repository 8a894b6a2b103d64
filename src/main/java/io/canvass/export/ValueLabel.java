package io.canvass.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One value a column may hold and what it means: {@code label} in the survey's default language,
 * {@code labels} in each of its languages (absent for a one-language survey or a label Canvass wrote).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValueLabel(String code, String label, Map<String, String> labels) {

    public ValueLabel(String code, String label) {
        this(code, label, null);
    }
}
