package io.canvass.results;

/**
 * The set of indexed completes (by row number) that share one value of one variable, as a bitmap
 * in chunks so that it grows without copying. One writer appends under the tally's lock; readers
 * never lock and only look at rows below the size they read, so a row being written is invisible.
 */
final class RowBitmap {

    static final int WORDS_PER_CHUNK = 1024;
    private static final int CHUNK_SHIFT = 10;

    private volatile long[][] chunks = new long[1][];

    /** Marks a row; called by the single writer only. */
    void set(int row) {
        int word = row >>> 6;
        int chunk = word >>> CHUNK_SHIFT;
        long[][] current = chunks;
        if (chunk >= current.length) {
            long[][] grown = new long[Math.max(chunk + 1, current.length * 2)][];
            System.arraycopy(current, 0, grown, 0, current.length);
            current = grown;
            chunks = grown;
        }
        if (current[chunk] == null) {
            current[chunk] = new long[WORDS_PER_CHUNK];
        }
        current[chunk][word & (WORDS_PER_CHUNK - 1)] |= 1L << (row & 63);
    }

    /** Whether a row is set; only rows below a size the reader read are meaningful. */
    boolean get(int row) {
        return (word(row >>> 6) & (1L << (row & 63))) != 0;
    }

    /** The words of one chunk ({@code WORDS_PER_CHUNK} of them), or null where nothing was ever set. */
    long[] chunk(int index) {
        long[][] current = chunks;
        return index < current.length ? current[index] : null;
    }

    /** The word holding rows {@code 64*word .. 64*word+63}. */
    long word(int word) {
        long[][] current = chunks;
        int chunk = word >>> CHUNK_SHIFT;
        if (chunk >= current.length || current[chunk] == null) {
            return 0L;
        }
        return current[chunk][word & (WORDS_PER_CHUNK - 1)];
    }

    /** Rows set here and in the mask, which covers exactly the rows a reader may see. */
    long countWithin(long[] mask) {
        long[][] current = chunks;
        long count = 0;
        for (int chunk = 0; chunk < current.length; chunk++) {
            long[] words = current[chunk];
            if (words == null) {
                continue;
            }
            int base = chunk << CHUNK_SHIFT;
            int end = Math.min(WORDS_PER_CHUNK, mask.length - base);
            for (int i = 0; i < end; i++) {
                count += Long.bitCount(words[i] & mask[base + i]);
            }
        }
        return count;
    }

    /** ORs this bitmap into {@code target} (sized for the rows a reader may see). */
    void orInto(long[] target) {
        long[][] current = chunks;
        for (int chunk = 0; chunk < current.length; chunk++) {
            long[] words = current[chunk];
            if (words == null) {
                continue;
            }
            int base = chunk << CHUNK_SHIFT;
            int end = Math.min(WORDS_PER_CHUNK, target.length - base);
            for (int i = 0; i < end; i++) {
                target[base + i] |= words[i];
            }
        }
    }

    /** ANDs this bitmap into {@code target}. */
    void andInto(long[] target) {
        for (int i = 0; i < target.length; i++) {
            target[i] &= word(i);
        }
    }
}
