package io.canvass.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which logged changes this replica has applied. Change ids come from a sequence, so a transaction
 * that took an id early can commit after one that took a later id: an id below the highest seen that
 * has not arrived yet is remembered as missing and looked for again, until it arrives or is old
 * enough to be a rolled-back transaction's (this replica's own rollbacks are known at once). Every
 * change is applied exactly once, whether it comes from this replica's own commit or from the log.
 *
 * <p>A change is taken ({@link #accept}) before it is applied and only counts as applied once
 * {@link #applied} says so; one whose application failed goes back to the missing ids
 * ({@link #failed}), to be read from the log again. {@link #settledThrough} is the id up to which
 * nothing can arrive any more: published states never go beyond it.
 */
final class ChangeCursor {

    /** A gap this far below the newest change at start-up cannot be a transaction still in flight. */
    static final int GAPS_KEPT_AT_START = 1000;
    private static final int MAX_MISSING = 100_000;

    private long highest;
    private final TreeMap<Long, Long> missingSince = new TreeMap<>();
    private final TreeSet<Long> inFlight = new TreeSet<>();
    /** Ids above the highest seen whose transactions rolled back here: never look for them. */
    private final TreeSet<Long> discarded = new TreeSet<>();
    /** When each change whose application failed first failed: retrying does not postpone giving up on it. */
    private final Map<Long, Long> failingSince = new HashMap<>();
    /**
     * This replica's changes whose commit got no answer, and when: looked for like any gap, and given up
     * as soon as a read of the log that began well after that time did not find them.
     */
    private final TreeMap<Long, Long> uncertainSince = new TreeMap<>();

    /** Whether the change is new here (apply it, then call {@link #applied} or {@link #failed}) or taken already. */
    synchronized boolean accept(long id, long nowMillis) {
        if (id > highest) {
            for (long gap = Math.max(highest + 1, id - MAX_MISSING); gap < id; gap++) {
                if (!discarded.remove(gap)) {
                    missingSince.put(gap, nowMillis);
                }
            }
            discarded.headSet(id, true).clear();
            uncertainSince.remove(id);
            highest = id;
            inFlight.add(id);
            return true;
        }
        if (missingSince.remove(id) != null) {
            uncertainSince.remove(id);
            inFlight.add(id);
            return true;
        }
        return false;
    }

    /** The change taken by {@link #accept} is counted. */
    synchronized void applied(long id) {
        inFlight.remove(id);
        failingSince.remove(id);
    }

    /**
     * Counting the change taken by {@link #accept} failed: it is missing again, to be read from the log
     * until it counts or is given up like any gap. Returns whether this is its first failure.
     */
    synchronized boolean failed(long id, long nowMillis) {
        inFlight.remove(id);
        Long since = failingSince.putIfAbsent(id, nowMillis);
        missingSince.put(id, since == null ? nowMillis : since);
        return since == null;
    }

    /** This replica's transaction that took the id rolled back: the id will never arrive. */
    synchronized void discard(long id) {
        if (id > highest) {
            discarded.add(id);
        } else {
            missingSince.remove(id);
        }
    }

    /**
     * This replica's transaction that took the id sent its commit and heard nothing back: the change may be
     * in the log. It is looked for (a gap, or above the highest id seen) until it arrives or a read of the
     * log shows it never committed ({@link #readLogFrom}).
     */
    synchronized void uncertain(long id, long nowMillis) {
        if (id > highest) {
            discarded.remove(id);
        } else if (!missingSince.containsKey(id)) {
            // Already applied (read from the log before this was heard of), or given up: nothing to wait for.
            return;
        }
        uncertainSince.put(id, nowMillis);
    }

    /**
     * A complete read of the log (every missing id and everything above the highest) began at
     * {@code startedMillis}: an uncertain change whose commit ended well before that and that the read did
     * not bring is not in the log, and never will be.
     */
    synchronized void readLogFrom(long startedMillis, long settleMillis) {
        Iterator<Map.Entry<Long, Long>> entries = uncertainSince.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, Long> entry = entries.next();
            if (entry.getValue() + settleMillis <= startedMillis) {
                long id = entry.getKey();
                entries.remove();
                if (id > highest) {
                    discarded.add(id);
                } else {
                    missingSince.remove(id);
                    failingSince.remove(id);
                }
            }
        }
    }

    /** The ids still missing, after giving up on those missing since before {@code giveUpBefore}. */
    synchronized List<Long> missing(long giveUpBefore) {
        Iterator<Map.Entry<Long, Long>> entries = missingSince.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, Long> entry = entries.next();
            if (entry.getValue() < giveUpBefore) {
                entries.remove();
                failingSince.remove(entry.getKey());
                uncertainSince.remove(entry.getKey());
            }
        }
        return new ArrayList<>(missingSince.keySet());
    }

    /** After replaying the log (or part of it): old gaps are rolled-back transactions, not late commits. */
    synchronized void settleHistory() {
        missingSince.headMap(highest - GAPS_KEPT_AT_START).clear();
    }

    /** The highest id such that every change up to it has been applied or will never come. */
    synchronized long settledThrough() {
        long through = highest;
        if (!uncertainSince.isEmpty()) {
            through = Math.min(through, uncertainSince.firstKey() - 1);
        }
        if (!missingSince.isEmpty()) {
            through = Math.min(through, missingSince.firstKey() - 1);
        }
        if (!inFlight.isEmpty()) {
            through = Math.min(through, inFlight.first() - 1);
        }
        return through;
    }

    synchronized long highest() {
        return highest;
    }
}
