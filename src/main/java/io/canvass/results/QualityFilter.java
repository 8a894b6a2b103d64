package io.canvass.results;

import java.util.List;

/**
 * Which completes a results document, crosstab or stream holds as to quality: all of them (the default),
 * or with {@code ?quality=clean} only those without any quality flag. For an analyst leaving flagged
 * completes out is a filter like any other: perturbed counts, stepped states, the suppression rules.
 */
public enum QualityFilter {
    ALL, CLEAN;

    /** The completes without any flag, as a filter category: the "no" value of the any-flag variable. */
    private static final ResultVariable.Category UNFLAGGED = new ResultVariable.Category("clean", "No quality flag",
            SurveyTally.QUALITY_FLAGGED, SurveyTally.UNANSWERED);
    private static final ResultVariable VARIABLE = new ResultVariable("quality", null, null, List.of(UNFLAGGED));

    /** {@code ?quality=}: absent or {@code clean}; anything else names the parameter in a 400. */
    public static QualityFilter parse(String value) {
        if (value == null || value.isEmpty()) {
            return ALL;
        }
        if (value.equals("clean")) {
            return CLEAN;
        }
        throw new InvalidResultsQueryException("quality",
                "quality takes 'clean' (leave flagged completes out), or is left out for every complete");
    }

    boolean clean() {
        return this == CLEAN;
    }

    static ResultVariable variable() {
        return VARIABLE;
    }

    static ResultVariable.Category unflagged() {
        return UNFLAGGED;
    }
}
