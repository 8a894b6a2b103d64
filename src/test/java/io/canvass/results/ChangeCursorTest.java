package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    @Test
    void appliesEachChangeOnceWhicheverWayItArrives() {
        ChangeCursor cursor = new ChangeCursor();
        assertTrue(cursor.accept(1, 0));
        assertTrue(cursor.accept(2, 0));
        assertFalse(cursor.accept(2, 0), "seen again in the log after being applied locally");
        assertEquals(2, cursor.highest());
    }

    @Test
    void remembersAChangeThatCommitsAfterALaterOneAndTakesItWhenItComes() {
        ChangeCursor cursor = new ChangeCursor();
        assertTrue(cursor.accept(1, 0));
        assertTrue(cursor.accept(4, 1000));
        assertEquals(List.of(2L, 3L), cursor.missing(0));
        assertTrue(cursor.accept(3, 1100));
        assertFalse(cursor.accept(3, 1200));
        assertEquals(List.of(2L), cursor.missing(0));
    }

    @Test
    void givesUpOnAGapOldEnoughToBeARolledBackTransaction() {
        ChangeCursor cursor = new ChangeCursor();
        cursor.accept(1, 0);
        cursor.accept(3, 1000);
        assertEquals(List.of(2L), cursor.missing(500));
        assertEquals(List.of(), cursor.missing(2000));
        assertFalse(cursor.accept(2, 3000), "too late: counted as rolled back");
    }

    @Test
    void treatsOldGapsInTheReplayedHistoryAsRolledBack() {
        ChangeCursor cursor = new ChangeCursor();
        cursor.accept(1, 0);
        cursor.accept(5000, 0);
        cursor.settleHistory();
        List<Long> missing = cursor.missing(0);
        assertEquals(ChangeCursor.GAPS_KEPT_AT_START, missing.size());
        assertEquals(5000 - ChangeCursor.GAPS_KEPT_AT_START, missing.get(0));
    }
}
