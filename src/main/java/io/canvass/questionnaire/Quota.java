package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A cap on completes per answer code of one single-choice question: {@code limit} for every
 * code, with {@code limits} overriding it for named codes.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Quota(String id, String question, Integer limit, Map<String, Integer> limits) {

    public Quota {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    /** The cap for one answer code, or empty when the code is not capped. */
    public java.util.OptionalInt capFor(String code) {
        Integer specific = limits.get(code);
        if (specific != null) {
            return java.util.OptionalInt.of(specific);
        }
        return limit == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(limit);
    }
}
