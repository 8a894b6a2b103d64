package io.canvass.interview;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A suggestion that a complete may be junk, raised when it completes (README "Data quality"). A flag
 * never changes what the response counts as: a flagged complete is a complete until a researcher
 * rejects it.
 */
public enum QualityFlag {
    /** Every row of a matrix of five rows or more answered with the same column. */
    STRAIGHTLINER,
    /** Completed in under a third of the median duration of the survey's completes. */
    SPEEDER,
    /** The same coded answers as an earlier complete of the survey. */
    DUPLICATE,
    /** The browser form's hidden field, which no person sees, was filled in. */
    BOT;

    private static final String SEPARATOR = ",";

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The flag with this code, if any. */
    public static Optional<QualityFlag> ofCode(String code) {
        for (QualityFlag flag : values()) {
            if (flag.code().equals(code)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    /**
     * How a response's flags are stored and exported: their codes in this enum's order, comma-separated
     * ({@code speeder,duplicate}); null for none.
     */
    public static String encode(Collection<QualityFlag> flags) {
        if (flags == null || flags.isEmpty()) {
            return null;
        }
        return EnumSet.copyOf(flags).stream().map(QualityFlag::code).collect(Collectors.joining(SEPARATOR));
    }

    /** The flags {@link #encode} wrote; codes it does not know (none today) are ignored. */
    public static Set<QualityFlag> decode(String stored) {
        if (stored == null || stored.isBlank()) {
            return Collections.unmodifiableSet(EnumSet.noneOf(QualityFlag.class));
        }
        EnumSet<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        for (String code : stored.split(SEPARATOR)) {
            ofCode(code.strip()).ifPresent(flags::add);
        }
        return Collections.unmodifiableSet(flags);
    }
}
