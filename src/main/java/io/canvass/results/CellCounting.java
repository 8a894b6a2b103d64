package io.canvass.results;

import java.util.List;

/**
 * Counts many bitmaps under one mask in a single cache-blocked pass: chunk by chunk (8 KB of
 * mask, and of each record-key plane, stay in cache), every bitmap's words are read once and
 * each cell costs one popcount, plus one per key bit when cell keys are wanted. No per-cell
 * arrays are made: a crosstab cell is a row's bitmap counted under its column's mask.
 */
final class CellCounting {

    private CellCounting() {
    }

    /**
     * The cells of {@code bitmaps} (null entries count nothing) inside {@code mask}, which covers
     * exactly the rows a reader may see; with {@code keys} null the cell keys are left at 0.
     */
    static CellCount[] count(List<RowBitmap> bitmaps, long[] mask, RecordKeyPlanes keys) {
        int cells = bitmaps.size();
        long[] counts = new long[cells];
        long[] bitCounts = keys == null ? null : new long[cells * RecordKeyPlanes.BITS];
        int chunkCount = (mask.length + RowBitmap.WORDS_PER_CHUNK - 1) / RowBitmap.WORDS_PER_CHUNK;
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            int base = chunk * RowBitmap.WORDS_PER_CHUNK;
            int end = Math.min(RowBitmap.WORDS_PER_CHUNK, mask.length - base);
            long[][] planes = keys == null ? null : keys.chunk(chunk);
            for (int cell = 0; cell < cells; cell++) {
                RowBitmap bitmap = bitmaps.get(cell);
                long[] words = bitmap == null ? null : bitmap.chunk(chunk);
                if (words == null) {
                    continue;
                }
                if (planes == null) {
                    counts[cell] += countWords(words, mask, base, end);
                } else {
                    counts[cell] += countWordsAndKeys(words, mask, base, end, planes, bitCounts, cell * RecordKeyPlanes.BITS);
                }
            }
        }
        CellCount[] result = new CellCount[cells];
        for (int cell = 0; cell < cells; cell++) {
            result[cell] = new CellCount(counts[cell],
                    bitCounts == null ? 0 : RecordKeyPlanes.cellKey(bitCounts, cell * RecordKeyPlanes.BITS));
        }
        return result;
    }

    /** The cell of the mask's own rows: a group's size and its cell key. */
    static CellCount count(long[] mask, RecordKeyPlanes keys) {
        long count = 0;
        long[] bitCounts = keys == null ? null : new long[RecordKeyPlanes.BITS];
        int chunkCount = (mask.length + RowBitmap.WORDS_PER_CHUNK - 1) / RowBitmap.WORDS_PER_CHUNK;
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            int base = chunk * RowBitmap.WORDS_PER_CHUNK;
            int end = Math.min(RowBitmap.WORDS_PER_CHUNK, mask.length - base);
            count += keys == null ? countWords(ALL_ROWS, mask, base, end)
                    : countWordsAndKeys(ALL_ROWS, mask, base, end, keys.chunk(chunk), bitCounts, 0);
        }
        return new CellCount(count, bitCounts == null ? 0 : RecordKeyPlanes.cellKey(bitCounts, 0));
    }

    // The two loops below are kept branch-free and apart, so that the JIT unrolls them: one popcount per
    // word for a count, nine (the count and one per key bit) when the cell key is wanted too.

    private static long countWords(long[] words, long[] mask, int base, int end) {
        long count = 0;
        for (int i = 0; i < end; i++) {
            count += Long.bitCount(words[i] & mask[base + i]);
        }
        return count;
    }

    private static long countWordsAndKeys(long[] words, long[] mask, int base, int end, long[][] planes, long[] bitCounts,
            int offset) {
        long[] p0 = orNone(planes[0]);
        long[] p1 = orNone(planes[1]);
        long[] p2 = orNone(planes[2]);
        long[] p3 = orNone(planes[3]);
        long[] p4 = orNone(planes[4]);
        long[] p5 = orNone(planes[5]);
        long[] p6 = orNone(planes[6]);
        long[] p7 = orNone(planes[7]);
        long count = 0;
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        long s4 = 0;
        long s5 = 0;
        long s6 = 0;
        long s7 = 0;
        for (int i = 0; i < end; i++) {
            long rows = words[i] & mask[base + i];
            count += Long.bitCount(rows);
            s0 += Long.bitCount(rows & p0[i]);
            s1 += Long.bitCount(rows & p1[i]);
            s2 += Long.bitCount(rows & p2[i]);
            s3 += Long.bitCount(rows & p3[i]);
            s4 += Long.bitCount(rows & p4[i]);
            s5 += Long.bitCount(rows & p5[i]);
            s6 += Long.bitCount(rows & p6[i]);
            s7 += Long.bitCount(rows & p7[i]);
        }
        bitCounts[offset] += s0;
        bitCounts[offset + 1] += s1;
        bitCounts[offset + 2] += s2;
        bitCounts[offset + 3] += s3;
        bitCounts[offset + 4] += s4;
        bitCounts[offset + 5] += s5;
        bitCounts[offset + 6] += s6;
        bitCounts[offset + 7] += s7;
        return count;
    }

    private static final long[] NO_ROWS = new long[RowBitmap.WORDS_PER_CHUNK];
    private static final long[] ALL_ROWS = new long[RowBitmap.WORDS_PER_CHUNK];

    static {
        java.util.Arrays.fill(ALL_ROWS, -1L);
    }

    /** A plane chunk no key has touched reads as empty. */
    private static long[] orNone(long[] plane) {
        return plane == null ? NO_ROWS : plane;
    }
}
