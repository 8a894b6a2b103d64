package io.canvass.results;

/**
 * A growing list of longs in chunks, like {@link ChunkedInts}: the change-log id that added each row of a
 * tally, so that a review's rejection finds the row it takes out. One writer under the tally's lock.
 */
final class ChunkedLongs {

    private static final int CHUNK_SHIFT = 16;
    private static final int PER_CHUNK = 1 << CHUNK_SHIFT;

    private volatile long[][] chunks = new long[1][];

    /** Called by the single writer only. */
    void set(int index, long value) {
        int chunk = index >>> CHUNK_SHIFT;
        long[][] current = chunks;
        if (chunk >= current.length) {
            long[][] grown = new long[Math.max(chunk + 1, current.length * 2)][];
            System.arraycopy(current, 0, grown, 0, current.length);
            current = grown;
            chunks = grown;
        }
        if (current[chunk] == null) {
            current[chunk] = new long[PER_CHUNK];
        }
        current[chunk][index & (PER_CHUNK - 1)] = value;
    }

    long get(int index) {
        long[][] current = chunks;
        int chunk = index >>> CHUNK_SHIFT;
        if (chunk >= current.length || current[chunk] == null) {
            return 0;
        }
        return current[chunk][index & (PER_CHUNK - 1)];
    }
}
