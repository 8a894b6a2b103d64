package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a filtered group is shown: its true and its published size, and the rest of each, all reach the minimum. */
class SuppressionRulesTest {

    @Test
    void aGroupIsShownOnlyWhenBothItsTrueAndItsPublishedSizeReachTheMinimum() {
        assertFalse(ResultsService.tooSmallToShow(20, 21, 100, 5));
        assertTrue(ResultsService.tooSmallToShow(3, 5, 100, 5), "three respondents, even published as five");
        assertTrue(ResultsService.tooSmallToShow(6, 4, 100, 5), "published below the minimum");
        assertTrue(ResultsService.tooSmallToShow(97, 95, 100, 5), "a true rest of three");
        assertTrue(ResultsService.tooSmallToShow(95, 97, 100, 5), "a published rest of three");
        assertFalse(ResultsService.tooSmallToShow(100, 100, 100, 5), "everyone: no rest to reveal");
        assertFalse(ResultsService.tooSmallToShow(100, 102, 100, 5), "a published count above the total leaves no rest");
    }
}
