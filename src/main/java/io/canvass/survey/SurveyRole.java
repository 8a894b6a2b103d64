package io.canvass.survey;

import java.util.Locale;

/** What a staff member may do with one survey: read its aggregates, or run it and see exact data. Ordered. */
public enum SurveyRole {
    ANALYST, RESEARCHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a grant names ({@code researcher} or {@code analyst}). */
    public static SurveyRole ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(SurveyRole other) {
        return compareTo(other) >= 0;
    }

    /** The higher of two roles; null stands for none. */
    static SurveyRole higher(SurveyRole a, SurveyRole b) {
        if (a == null) {
            return b;
        }
        return b == null || a.atLeast(b) ? a : b;
    }
}
