package io.canvass.results;

import io.canvass.survey.SurveyViewer;

/** Whose numbers a results document holds: a survey's researchers see them exact and live, everyone else not. */
public enum ResultsAudience {

    /** Exact numbers of every change as soon as it counts. */
    RESEARCHER,
    /** The last published state; counts that depend on a filter, and crosstabs, perturbed by the cell-key method. */
    ANALYST;

    public static ResultsAudience of(SurveyViewer viewer) {
        return viewer.seesExactResults() ? RESEARCHER : ANALYST;
    }
}
