package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Skip logic: when a question is shown. Either a test on one earlier answer
 * ({@code question}, optionally a matrix {@code row}, with {@code in} or {@code notIn} codes),
 * or a combination of conditions ({@code all} / {@code any}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Condition(String question, String row, List<String> in, List<String> notIn,
        List<Condition> all, List<Condition> any) {

    public Condition {
        in = in == null ? List.of() : List.copyOf(in);
        notIn = notIn == null ? List.of() : List.copyOf(notIn);
        all = all == null ? List.of() : List.copyOf(all);
        any = any == null ? List.of() : List.copyOf(any);
    }
}
