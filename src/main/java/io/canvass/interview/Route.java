package io.canvass.interview;

import io.canvass.questionnaire.Question;
import java.util.List;

/** Where an interview goes after a page is answered. */
public sealed interface Route {

    /** The answers screen the respondent out at this question: the interview ends. */
    record ScreenedOut(Question question) implements Route {
    }

    /**
     * On to the next page that shows anything, unless one of the quota cells the answered page
     * put the respondent in is full already (whether it is, only the counters know).
     */
    record NextPage(int pageIndex, List<QuotaCell> cellsToCheck) implements Route {
    }

    /**
     * No page left to show: check every answer and take the quota places. The cells of the
     * answered page may be checked first, as for {@link NextPage}.
     */
    record Complete(List<QuotaCell> cellsToCheck) implements Route {
    }
}
