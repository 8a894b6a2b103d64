package io.canvass.interview;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why an answer was refused: the stable, machine-readable {@code code} of a violation in a
 * {@code 422} problem document. The engine reports these, the respondent pages word them for
 * people, and docs/api.md lists them (a test keeps the three in step).
 */
public enum ViolationCode {
    /** A key that is neither a question of the survey nor the text of an "other, please specify" option. */
    UNKNOWN_QUESTION,
    /** A code that is not an option of the question, or not a column of the matrix. */
    UNKNOWN_CODE,
    /** A matrix row the question does not have. */
    UNKNOWN_ROW,
    /** A question shown to the respondent and required, left unanswered (or a row of a required matrix). */
    REQUIRED,
    /** An answer of the wrong JSON shape for its question type. */
    WRONG_TYPE,
    /** The same option chosen twice in one multiple-choice answer. */
    DUPLICATE_CODE,
    /** An exclusive option (such as "none") combined with another. */
    EXCLUSIVE_VIOLATION,
    /** A scale answer outside the scale. */
    OUT_OF_RANGE,
    /** A text longer than its limit. */
    TOO_LONG,
    /** An e-mail answer that is not a deliverable address. */
    INVALID_EMAIL,
    /** An answer to a question whose condition is false with these answers. */
    NOT_SHOWN,
    /** The text of an "other, please specify" option without the option itself. */
    OPTION_NOT_CHOSEN;

    private static final Map<String, ViolationCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ViolationCode::code, Function.identity()));

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The code as it appears in JSON, e.g. {@code not_shown}. */
    public String code() {
        return code;
    }

    /** The code named by its JSON form, or empty for codes from elsewhere (a request's envelope, say). */
    public static Optional<ViolationCode> of(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
