package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.response.RecordKey;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cell-key method on its own, with no suppression rule to help it: a large group, and the same
 * group with a few more respondents. Subtracting the two tables gives the few respondents' answers
 * only where the noise of both cells happens to cancel; over many small groups, their answers to
 * every option come out exactly for well under a quarter. With exact counts they always would.
 */
class CellKeyDifferencingTest {

    /** Five questions of four options: a small profile, as in the attack. */
    private static final int QUESTIONS = 5;
    private static final int OPTIONS = 4;
    private static final int GROUPS = 2000;

    @Test
    void subtractingTwoPerturbedTablesRecoversASmallGroupExactlyWellUnderAQuarterOfTheTime() throws IOException {
        PerturbationTable table = PerturbationTableTest.shipped();
        assertTrue(recoveredShare(table) < 0.05, "the method alone blurs nearly every small group");
    }

    @Test
    void withExactCountsTheSameSubtractionAlwaysRecoversTheGroup() throws IOException {
        assertEquals(1.0, recoveredShare(null), "proof that the measure above can fail");
    }

    private static double recoveredShare(PerturbationTable table) {
        Random random = new Random(11);
        int recovered = 0;
        for (int group = 0; group < GROUPS; group++) {
            // Per option cell: count and summed record keys of the large group, then of the few more.
            long[][] bigCounts = new long[QUESTIONS][OPTIONS];
            int[][] bigKeys = new int[QUESTIONS][OPTIONS];
            int bigSize = 20 + random.nextInt(200);
            for (int respondent = 0; respondent < bigSize; respondent++) {
                answer(random, bigCounts, bigKeys);
            }
            long[][] bothCounts = copy(bigCounts);
            int[][] bothKeys = copy(bigKeys);
            long[][] smallCounts = new long[QUESTIONS][OPTIONS];
            int smallSize = 1 + random.nextInt(4);
            for (int respondent = 0; respondent < smallSize; respondent++) {
                int key = random.nextInt(RecordKey.RANGE);
                for (int q = 0; q < QUESTIONS; q++) {
                    int option = random.nextInt(OPTIONS);
                    bothCounts[q][option]++;
                    bothKeys[q][option] = (bothKeys[q][option] + key) % RecordKey.RANGE;
                    smallCounts[q][option]++;
                }
            }
            boolean exact = true;
            for (int q = 0; q < QUESTIONS && exact; q++) {
                for (int o = 0; o < OPTIONS; o++) {
                    long difference = publish(table, bothCounts[q][o], bothKeys[q][o])
                            - publish(table, bigCounts[q][o], bigKeys[q][o]);
                    exact &= difference == smallCounts[q][o];
                }
            }
            recovered += exact ? 1 : 0;
        }
        return (double) recovered / GROUPS;
    }

    private static void answer(Random random, long[][] counts, int[][] keys) {
        int key = random.nextInt(RecordKey.RANGE);
        for (int q = 0; q < QUESTIONS; q++) {
            int option = random.nextInt(OPTIONS);
            counts[q][option]++;
            keys[q][option] = (keys[q][option] + key) % RecordKey.RANGE;
        }
    }

    private static long publish(PerturbationTable table, long count, int key) {
        return table == null ? count : table.perturb(count, key);
    }

    private static long[][] copy(long[][] cells) {
        long[][] copy = new long[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i].clone();
        }
        return copy;
    }

    private static int[][] copy(int[][] cells) {
        int[][] copy = new int[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i].clone();
        }
        return copy;
    }
}
