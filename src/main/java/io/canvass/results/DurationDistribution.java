package io.canvass.results;

import io.canvass.interview.CompletionTimes;
import io.canvass.interview.QualitySignals;

/**
 * The durations of a survey's completes, in whole seconds, as counts per second: 0 to 30 days in blocks
 * of 4,096 seconds, a block's counts made only when a duration falls in it (a survey's durations sit in
 * a few). Adding or removing a complete is two increments; the median is a walk over the block totals
 * and one block, recomputed only after a change. One writer under the tally's lock.
 */
final class DurationDistribution {

    private static final int BLOCK_SHIFT = 12;
    private static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;

    private final long[] blockTotals = new long[(QualitySignals.MAX_DURATION_SECONDS >>> BLOCK_SHIFT) + 1];
    private final int[][] blocks = new int[blockTotals.length][];
    private long count;
    private CompletionTimes summary = CompletionTimes.NONE;
    private boolean changed;

    void add(int seconds) {
        int at = clamp(seconds);
        int block = at >>> BLOCK_SHIFT;
        if (blocks[block] == null) {
            blocks[block] = new int[BLOCK_SIZE];
        }
        blocks[block][at & (BLOCK_SIZE - 1)]++;
        blockTotals[block]++;
        count++;
        changed = true;
    }

    /** Takes one complete of that duration out (a rejected one); a duration never added is ignored. */
    void remove(int seconds) {
        int at = clamp(seconds);
        int block = at >>> BLOCK_SHIFT;
        if (blocks[block] == null || blocks[block][at & (BLOCK_SIZE - 1)] == 0) {
            return;
        }
        blocks[block][at & (BLOCK_SIZE - 1)]--;
        blockTotals[block]--;
        count--;
        changed = true;
    }

    /** How many completes have a duration, and their median (the mean of the two middle ones for an even count). */
    CompletionTimes summary() {
        if (changed) {
            changed = false;
            summary = count == 0 ? CompletionTimes.NONE : new CompletionTimes(count, count % 2 == 1
                    ? valueAt(count / 2) : (valueAt(count / 2 - 1) + valueAt(count / 2)) / 2.0);
        }
        return summary;
    }

    /** The duration at rank {@code rank} (from 0) in ascending order. */
    private long valueAt(long rank) {
        long before = 0;
        for (int block = 0; block < blockTotals.length; block++) {
            if (before + blockTotals[block] <= rank) {
                before += blockTotals[block];
                continue;
            }
            int[] counts = blocks[block];
            for (int second = 0; second < BLOCK_SIZE; second++) {
                before += counts[second];
                if (before > rank) {
                    return ((long) block << BLOCK_SHIFT) + second;
                }
            }
        }
        throw new IllegalStateException("rank " + rank + " of " + count);
    }

    private static int clamp(int seconds) {
        return Math.max(0, Math.min(seconds, QualitySignals.MAX_DURATION_SECONDS));
    }
}
