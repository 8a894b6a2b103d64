package io.canvass.results;

import io.canvass.response.RecordKey;

/**
 * The record keys of a survey's indexed completes, as one bitmap per bit of the key: the sum of the
 * keys of any set of rows is then {@code Σ 2^b · popcount(rows ∧ plane b)}, counted in the same
 * pass as the rows themselves (see {@link CellCounting}). One writer under the tally's lock.
 */
final class RecordKeyPlanes {

    /** Keys are 0..255 ({@link RecordKey#RANGE}); {@link CellCounting} counts the eight planes unrolled. */
    static final int BITS = 8;

    static {
        if (1 << BITS != RecordKey.RANGE) {
            throw new IllegalStateException("record keys must be " + BITS + " bits");
        }
    }

    private final RowBitmap[] planes = new RowBitmap[BITS];

    RecordKeyPlanes() {
        for (int bit = 0; bit < BITS; bit++) {
            planes[bit] = new RowBitmap();
        }
    }

    void set(int row, int recordKey) {
        for (int bit = 0; bit < BITS; bit++) {
            if ((recordKey >>> bit & 1) != 0) {
                planes[bit].set(row);
            }
        }
    }

    /** One chunk of every plane, by bit (an entry is null where no key has that bit set). */
    long[][] chunk(int index) {
        long[][] words = new long[BITS][];
        for (int bit = 0; bit < BITS; bit++) {
            words[bit] = planes[bit].chunk(index);
        }
        return words;
    }

    /** The cell key of a set of rows from their per-bit counts (bit b's count weighs 2^b). */
    static int cellKey(long[] bitCounts, int offset) {
        long sum = 0;
        for (int bit = 0; bit < BITS; bit++) {
            sum += bitCounts[offset + bit] << bit;
        }
        return (int) Math.floorMod(sum, (long) RecordKey.RANGE);
    }
}
