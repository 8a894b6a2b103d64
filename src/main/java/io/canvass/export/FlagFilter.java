package io.canvass.export;

import io.canvass.interview.QualityFlag;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which flagged responses an export lists for review: {@code ?flag=}, repeated or comma-separated, keeps
 * those with any of the flags; none given, every response of the chosen statuses.
 */
public final class FlagFilter {

    private FlagFilter() {
    }

    public static Set<QualityFlag> parse(List<String> values) {
        EnumSet<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        if (values != null) {
            for (String value : values) {
                for (String code : value.split(",", -1)) {
                    flags.add(QualityFlag.ofCode(code.trim()).orElseThrow(() ->
                            new InvalidFlagFilterException(value.length() > 100 ? value.substring(0, 100) + "…" : value)));
                }
            }
        }
        return flags;
    }
}
