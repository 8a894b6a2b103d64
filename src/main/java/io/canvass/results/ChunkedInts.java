package io.canvass.results;

/**
 * A growing list of ints in chunks, so that it grows without copying: which published state each
 * indexed complete first entered, and how many completes each state holds. One writer under the
 * tally's lock; a reader only looks at entries of the state it read, written before it was published.
 */
final class ChunkedInts {

    private static final int CHUNK_SHIFT = 16;
    private static final int PER_CHUNK = 1 << CHUNK_SHIFT;

    private volatile int[][] chunks = new int[1][];

    /** Called by the single writer only. */
    void set(int index, int value) {
        int chunk = index >>> CHUNK_SHIFT;
        int[][] current = chunks;
        if (chunk >= current.length) {
            int[][] grown = new int[Math.max(chunk + 1, current.length * 2)][];
            System.arraycopy(current, 0, grown, 0, current.length);
            current = grown;
            chunks = grown;
        }
        if (current[chunk] == null) {
            current[chunk] = new int[PER_CHUNK];
        }
        current[chunk][index & (PER_CHUNK - 1)] = value;
    }

    int get(int index) {
        int[][] current = chunks;
        int chunk = index >>> CHUNK_SHIFT;
        if (chunk >= current.length || current[chunk] == null) {
            return 0;
        }
        return current[chunk][index & (PER_CHUNK - 1)];
    }
}
