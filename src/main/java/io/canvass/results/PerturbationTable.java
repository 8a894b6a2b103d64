package io.canvass.results;

import io.canvass.response.RecordKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The cell-key method's perturbation table, read from data (e.g. {@code results/ptable-max2.csv}):
 * for a cell's true count (one row per small count, the last row for every larger count too) and
 * its cell key (one column per key, 0..255), the adjustment to add. Refused unless it keeps the
 * method's promises: a count of 0 stays 0, no count goes below 0, no adjustment exceeds the
 * maximum, and every row's adjustments sum to 0, so that the adjustment has mean 0.
 */
final class PerturbationTable {

    private final int[][] adjustments;
    private final int maxAdjustment;

    private PerturbationTable(int[][] adjustments, int maxAdjustment) {
        this.adjustments = adjustments;
        this.maxAdjustment = maxAdjustment;
    }

    /** The published count of a cell: its true count plus the table's adjustment for its key. */
    long perturb(long count, int cellKey) {
        int row = (int) Math.min(count, adjustments.length - 1);
        return count + adjustments[row][cellKey];
    }

    int maxAdjustment() {
        return maxAdjustment;
    }

    /** The adjustments of one row (a copy): what tests and the figures of docs/confidentiality.md are worked out from. */
    int[] row(int count) {
        return adjustments[Math.min(count, adjustments.length - 1)].clone();
    }

    /** Rows the table spells out: counts 0 .. rows()-1, the last one standing for every larger count. */
    int rows() {
        return adjustments.length;
    }

    /**
     * Reads a table: {@code #} lines are comments, a header {@code count,0,1,…,255}, then one line
     * per count from 0 up. Refuses a table that breaks any of the method's promises, naming the row.
     */
    static PerturbationTable read(Reader source, int maxAdjustment) throws IOException {
        List<int[]> rows = new ArrayList<>();
        boolean header = true;
        try (BufferedReader lines = new BufferedReader(source)) {
            String line;
            while ((line = lines.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != RecordKey.RANGE + 1) {
                    throw new IllegalArgumentException("every line needs a count and " + RecordKey.RANGE
                            + " adjustments, one per cell key; found " + (fields.length - 1));
                }
                if (header) {
                    header = false;
                    continue;
                }
                int count = Integer.parseInt(fields[0].strip());
                if (count != rows.size()) {
                    throw new IllegalArgumentException("rows must be counts 0, 1, 2, … in order; found " + count
                            + " where " + rows.size() + " was due");
                }
                int[] row = new int[RecordKey.RANGE];
                for (int key = 0; key < row.length; key++) {
                    row[key] = Integer.parseInt(fields[key + 1].strip());
                }
                check(count, row, maxAdjustment);
                rows.add(row);
            }
        }
        if (rows.size() < 2) {
            throw new IllegalArgumentException("a table needs the row of count 0 and at least one more");
        }
        return new PerturbationTable(rows.toArray(int[][]::new), maxAdjustment);
    }

    private static void check(int count, int[] row, int maxAdjustment) {
        long sum = 0;
        for (int key = 0; key < row.length; key++) {
            int adjustment = row[key];
            sum += adjustment;
            if (Math.abs(adjustment) > maxAdjustment) {
                throw new IllegalArgumentException("count " + count + ", cell key " + key + ": adjustment " + adjustment
                        + " is beyond the maximum of " + maxAdjustment);
            }
            if (count == 0 && adjustment != 0) {
                throw new IllegalArgumentException("a count of 0 must stay 0 (cell key " + key + ")");
            }
            if (count + adjustment < 0) {
                throw new IllegalArgumentException("count " + count + ", cell key " + key + ": adjustment " + adjustment
                        + " would publish a negative count");
            }
        }
        if (sum != 0) {
            throw new IllegalArgumentException("count " + count + ": adjustments sum to " + sum
                    + "; they must sum to 0 so that the adjustment has mean 0");
        }
    }
}
