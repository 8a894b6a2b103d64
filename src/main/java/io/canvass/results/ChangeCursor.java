package io.canvass.results;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which logged changes this replica has applied. Change ids come from a sequence, so a transaction
 * that took an id early can commit after one that took a later id: an id below the highest seen that
 * has not arrived yet is remembered as missing and looked for again, until it arrives or is old
 * enough to be a rolled-back transaction's. Every change is applied exactly once, whether it comes
 * from this replica's own commit or from the log.
 */
final class ChangeCursor {

    /** A gap this far below the newest change at start-up cannot be a transaction still in flight. */
    static final int GAPS_KEPT_AT_START = 1000;
    private static final int MAX_MISSING = 100_000;

    private long highest;
    private final Map<Long, Long> missingSince = new LinkedHashMap<>();

    /** Whether the change is new here (apply it) or was applied already (skip it). */
    synchronized boolean accept(long id, long nowMillis) {
        if (id > highest) {
            for (long gap = Math.max(highest + 1, id - MAX_MISSING); gap < id; gap++) {
                missingSince.put(gap, nowMillis);
            }
            highest = id;
            return true;
        }
        return missingSince.remove(id) != null;
    }

    /** The ids still missing, after giving up on those missing since before {@code giveUpBefore}. */
    synchronized List<Long> missing(long giveUpBefore) {
        Iterator<Map.Entry<Long, Long>> entries = missingSince.entrySet().iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue() < giveUpBefore) {
                entries.remove();
            }
        }
        return new ArrayList<>(missingSince.keySet());
    }

    /** After replaying the whole log: old gaps are rolled-back transactions, not late commits. */
    synchronized void settleHistory() {
        missingSince.keySet().removeIf(id -> id < highest - GAPS_KEPT_AT_START);
    }

    synchronized long highest() {
        return highest;
    }
}
