package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canvass.response.RecordKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass counts and cell keys equal the slow and obvious sums, across chunk boundaries. */
class CellCountingTest {

    @Test
    void countsAndCellKeysMatchASumOverTheRows() {
        Random random = new Random(5);
        int rows = 3 * 64 * RowBitmap.WORDS_PER_CHUNK + 17;
        int[] keys = new int[rows];
        RecordKeyPlanes planes = new RecordKeyPlanes();
        for (int row = 0; row < rows; row++) {
            keys[row] = random.nextInt(RecordKey.RANGE);
            planes.set(row, keys[row]);
        }
        List<boolean[]> members = new ArrayList<>();
        List<RowBitmap> bitmaps = new ArrayList<>();
        for (double density : new double[] {0.5, 0.01, 0.0}) {
            boolean[] in = new boolean[rows];
            RowBitmap bitmap = new RowBitmap();
            for (int row = 0; row < rows; row++) {
                if (random.nextDouble() < density) {
                    in[row] = true;
                    bitmap.set(row);
                }
            }
            members.add(in);
            bitmaps.add(bitmap);
        }
        bitmaps.add(null);
        members.add(new boolean[rows]);
        boolean[] masked = new boolean[rows];
        long[] mask = new long[(rows + 63) / 64];
        for (int row = 0; row < rows; row++) {
            if (random.nextInt(3) > 0) {
                masked[row] = true;
                mask[row >>> 6] |= 1L << (row & 63);
            }
        }

        CellCount[] cells = CellCounting.count(bitmaps, mask, planes);
        CellCount[] withoutKeys = CellCounting.count(bitmaps, mask, null);
        for (int i = 0; i < bitmaps.size(); i++) {
            long count = 0;
            long sum = 0;
            for (int row = 0; row < rows; row++) {
                if (members.get(i)[row] && masked[row]) {
                    count++;
                    sum += keys[row];
                }
            }
            assertEquals(new CellCount(count, (int) (sum % RecordKey.RANGE)), cells[i], "bitmap " + i);
            assertEquals(count, withoutKeys[i].count());
        }
        long maskCount = 0;
        long maskSum = 0;
        for (int row = 0; row < rows; row++) {
            if (masked[row]) {
                maskCount++;
                maskSum += keys[row];
            }
        }
        assertEquals(new CellCount(maskCount, (int) (maskSum % RecordKey.RANGE)), CellCounting.count(mask, planes));
        assertEquals(cells[0].plus(cells[1]).key(), (int) ((Arrays.stream(new int[] {cells[0].key(), cells[1].key()})
                .sum()) % RecordKey.RANGE), "cell keys add up over disjoint cells");
    }
}
