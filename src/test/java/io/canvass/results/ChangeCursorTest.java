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

    @Test
    void aChangeBeingCountedHoldsThePublishedStatesBack() {
        ChangeCursor cursor = new ChangeCursor();
        assertTrue(cursor.accept(1, 0));
        assertTrue(cursor.accept(2, 0));
        assertEquals(0, cursor.settledThrough(), "both taken, neither counted yet");
        cursor.applied(2);
        assertEquals(0, cursor.settledThrough());
        cursor.applied(1);
        assertEquals(2, cursor.settledThrough());
    }

    @Test
    void aChangeThatFailedToCountIsReadAgainNotLost() {
        ChangeCursor cursor = new ChangeCursor();
        assertTrue(cursor.accept(1, 0));
        assertTrue(cursor.failed(1, 0), "first failure");
        assertEquals(List.of(1L), cursor.missing(0));
        assertEquals(0, cursor.settledThrough());
        assertTrue(cursor.accept(1, 100), "read from the log again");
        assertFalse(cursor.failed(1, 200), "not the first failure");
        assertEquals(List.of(1L), cursor.missing(-1));
        assertEquals(List.of(), cursor.missing(150), "given up counting from its first failure, not its last");
        assertEquals(1, cursor.settledThrough());
    }

    @Test
    void aGapMissingHoldsThePublishedStatesBackUntilItArrivesOrIsGivenUp() {
        ChangeCursor cursor = new ChangeCursor();
        cursor.accept(1, 0);
        cursor.applied(1);
        cursor.accept(3, 1000);
        cursor.applied(3);
        assertEquals(1, cursor.settledThrough());
        cursor.missing(2000);
        assertEquals(3, cursor.settledThrough());
    }

    @Test
    void anOwnRollbackIsNotWaitedFor() {
        ChangeCursor cursor = new ChangeCursor();
        cursor.accept(1, 0);
        cursor.applied(1);
        cursor.discard(2);
        cursor.accept(3, 0);
        cursor.applied(3);
        assertEquals(List.of(), cursor.missing(0));
        assertEquals(3, cursor.settledThrough());

        cursor.accept(5, 0);
        cursor.applied(5);
        assertEquals(3, cursor.settledThrough(), "4 may still commit");
        cursor.discard(4);
        assertEquals(5, cursor.settledThrough());
    }

    @Test
    void anOwnCommitThatGotNoAnswerIsLookedForAndCountsWhenItIsInTheLog() {
        ChangeCursor cursor = new ChangeCursor();
        cursor.accept(1, 0);
        cursor.applied(1);
        cursor.uncertain(2, 1000);
        assertEquals(1, cursor.settledThrough(), "2 may have committed");
        cursor.readLogFrom(2000, 5000);
        assertEquals(1, cursor.settledThrough(), "a read too soon after the failure proves nothing");
        assertTrue(cursor.accept(2, 7000), "the commit had gone through: the log brings it");
        cursor.applied(2);
        assertEquals(2, cursor.settledThrough());
    }

    @Test
    void anOwnCommitThatGotNoAnswerIsGivenUpOnceALaterReadOfTheLogLacksIt() {
        ChangeCursor cursor = new ChangeCursor();
        cursor.accept(1, 0);
        cursor.applied(1);
        cursor.uncertain(2, 1000);
        cursor.accept(3, 1100);
        cursor.applied(3);
        assertEquals(List.of(2L), cursor.missing(0), "looked for as a gap");
        assertEquals(1, cursor.settledThrough());
        cursor.readLogFrom(6000, 5000);
        assertEquals(List.of(), cursor.missing(0));
        assertEquals(3, cursor.settledThrough());
        assertFalse(cursor.accept(2, 7000));

        cursor.uncertain(4, 8000);
        cursor.readLogFrom(13_000, 5000);
        cursor.accept(5, 13_100);
        assertEquals(List.of(), cursor.missing(0), "4 never committed: not a gap to wait for");
    }

    @Test
    void anUncertainCommitAlreadyReadFromTheLogIsNotWaitedFor() {
        ChangeCursor cursor = new ChangeCursor();
        assertTrue(cursor.accept(1, 0));
        cursor.applied(1);
        cursor.uncertain(1, 100);
        assertEquals(1, cursor.settledThrough());
    }
}
