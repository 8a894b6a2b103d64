package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.response.RecordKey;
import io.canvass.testing.RandomTrials;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shipped perturbation table keeps the cell-key method's promises, and a table that does not is refused. */
class PerturbationTableTest {

    private static final int MAX = 2;

    static PerturbationTable shipped() throws IOException {
        try (var table = PerturbationTableTest.class.getClassLoader().getResourceAsStream("results/ptable-max2.csv")) {
            return PerturbationTable.read(new InputStreamReader(table, StandardCharsets.UTF_8), MAX);
        }
    }

    @Test
    void everyCountsAdjustmentHasMeanZero() throws IOException {
        PerturbationTable table = shipped();
        for (int count = 0; count < table.rows(); count++) {
            assertEquals(0, Arrays.stream(table.row(count)).sum(), "row " + count);
        }
    }

    @Test
    void noAdjustmentGoesBeyondTheMaximumAndNoCountBelowZero() throws IOException {
        PerturbationTable table = shipped();
        for (long count = 0; count <= 100; count++) {
            for (int key = 0; key < RecordKey.RANGE; key++) {
                long published = table.perturb(count, key);
                assertTrue(Math.abs(published - count) <= MAX, count + " with key " + key + " became " + published);
                assertTrue(published >= 0, count + " with key " + key + " became " + published);
            }
        }
    }

    @Test
    void zeroStaysZero() throws IOException {
        PerturbationTable table = shipped();
        for (int key = 0; key < RecordKey.RANGE; key++) {
            assertEquals(0, table.perturb(0, key));
        }
    }

    @Test
    void largerCountsShareTheLastRow() throws IOException {
        PerturbationTable table = shipped();
        int[] last = table.row(table.rows() - 1);
        for (int key = 0; key < RecordKey.RANGE; key++) {
            assertEquals(1_000_000 + last[key], table.perturb(1_000_000, key));
        }
    }

    /**
     * Differencing two cells recovers a count exactly only when both drew the same adjustment: for
     * every count that chance stays well below one half, and most counts are moved at all.
     */
    @Test
    void twoIndependentCellsRarelyDrawTheSameAdjustment() throws IOException {
        PerturbationTable table = shipped();
        for (int count = 1; count < table.rows(); count++) {
            Map<Integer, Long> byAdjustment = Arrays.stream(table.row(count)).boxed()
                    .collect(Collectors.groupingBy(a -> a, TreeMap::new, Collectors.counting()));
            double same = byAdjustment.values().stream().mapToDouble(n -> Math.pow(n / (double) RecordKey.RANGE, 2)).sum();
            double moved = 1 - byAdjustment.getOrDefault(0, 0L) / (double) RecordKey.RANGE;
            assertTrue(same < 0.35, "count " + count + ": P(same adjustment) = " + same);
            assertTrue(moved >= 0.6, "count " + count + ": P(moved) = " + moved);
        }
    }

    @Test
    void anyCountIsMovedByAtMostTheMaximumAndNeverBelowZero() throws IOException {
        PerturbationTable table = shipped();
        RandomTrials.check(20261201L, 10_000,
                random -> new long[] {random.nextInt(10_000_001), random.nextInt(RecordKey.RANGE)},
                sample -> {
                    long count = sample[0];
                    long published = table.perturb(count, (int) sample[1]);
                    assertTrue(Math.abs(published - count) <= MAX && published >= 0 && (count != 0 || published == 0),
                            count + " with key " + sample[1] + " became " + published);
                });
    }

    @Test
    void refusesATableThatBreaksAPromise() {
        int[] zero = new int[RecordKey.RANGE];
        int[] balanced = balancedRow(1);
        assertRefused("must stay 0", table(balanced, balanced), MAX);
        assertRefused("sum to", table(zero, withAt(balancedRow(1), 0, 2)), MAX);
        assertRefused("beyond the maximum", table(zero, balancedRow(3)), MAX);
        assertRefused("negative count", table(zero, balancedRow(2)), MAX);
        assertRefused("one per cell key", "count,0,1\n0,0,0\n1,1,-1\n", MAX);
        assertRefused("in order", table(zero, zero).replace("\n1,", "\n2,"), MAX);
    }

    @Test
    void readsATableThatKeepsThem() throws IOException {
        PerturbationTable table = PerturbationTable.read(new StringReader(table(new int[RecordKey.RANGE], balancedRow(1))), 1);
        assertEquals(2, table.rows());
        assertEquals(1, table.maxAdjustment());
        assertEquals(0, table.perturb(0, 7));
    }

    /** +a, −a, +a, −a, …: sums to zero, moves every count by a. */
    private static int[] balancedRow(int a) {
        return IntStream.range(0, RecordKey.RANGE).map(k -> k % 2 == 0 ? a : -a).toArray();
    }

    private static int[] withAt(int[] row, int key, int value) {
        row[key] = value;
        return row;
    }

    private static String table(int[]... rows) {
        StringBuilder csv = new StringBuilder("# test\ncount,").append(IntStream.range(0, RecordKey.RANGE)
                .mapToObj(Integer::toString).collect(Collectors.joining(","))).append('\n');
        for (int count = 0; count < rows.length; count++) {
            csv.append(count).append(',').append(Arrays.stream(rows[count]).mapToObj(Integer::toString)
                    .collect(Collectors.joining(","))).append('\n');
        }
        return csv.toString();
    }

    private static void assertRefused(String why, String csv, int max) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PerturbationTable.read(new StringReader(csv), max), why);
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }
}
