package io.canvass.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The harness itself: sizes grow, a failure is reported with its seed and shrunk to a smaller case that still fails. */
class RandomTrialsTest {

    /** Lists of {@code size} digits: at size 1 a single digit, at size 20 twenty. */
    private static final BiFunction<Random, Integer, List<Integer>> DIGITS = (random, size) -> {
        List<Integer> digits = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            digits.add(random.nextInt(10));
        }
        return digits;
    };

    /** Deliberately false for most longer lists: the digits add up to less than 20. */
    private static final Consumer<List<Integer>> SMALL_SUM = digits -> {
        int sum = digits.stream().mapToInt(Integer::intValue).sum();
        assertTrue(sum < 20, "the digits add up to " + sum);
    };

    @Test
    void aFailingPropertyIsReportedWithItsSeedAndShrunkToTheSmallestSizeThatStillFails() {
        RandomTrials.Falsified falsified = assertThrows(RandomTrials.Falsified.class,
                () -> RandomTrials.check(42L, 30, 20, DIGITS, SMALL_SUM));
        assertTrue(falsified.smallestSize() < falsified.size(),
                "shrunk from size " + falsified.size() + " to " + falsified.smallestSize());
        // Three digits add up to at most 27, two to at most 18: no smaller case can fail.
        assertTrue(falsified.smallestSize() >= 3, "no list of fewer than three digits adds up to 20");
        @SuppressWarnings("unchecked")
        List<Integer> smallest = (List<Integer>) falsified.smallestCase();
        assertEquals(falsified.smallestSize(), smallest.size());
        assertEquals(DIGITS.apply(new Random(falsified.seed()), falsified.smallestSize()), smallest,
                "the reported case is the one its seed and size draw");
        // Every smaller size of the same seed holds: the reported size is the smallest.
        for (int size = 1; size < falsified.smallestSize(); size++) {
            RandomTrials.replay(falsified.seed(), size, DIGITS, SMALL_SUM);
        }
        String message = falsified.getMessage();
        assertTrue(message.contains("seed " + falsified.seed() + "L") && message.contains("size " + falsified.size())
                && message.contains("smallest failing size " + falsified.smallestSize())
                && message.contains("RandomTrials.replay(" + falsified.seed() + "L, " + falsified.smallestSize()), message);
        assertTrue(falsified.getCause().getMessage().startsWith("the digits add up to"), "the smaller case's failure is the cause");
        assertEquals(1, falsified.getSuppressed().length, "the original failure is kept");

        // The reported seed and size replay the failure alone.
        AssertionError replayed = assertThrows(AssertionError.class,
                () -> RandomTrials.replay(falsified.seed(), falsified.smallestSize(), DIGITS, SMALL_SUM));
        assertTrue(replayed.getMessage().contains("size " + falsified.smallestSize()), replayed.getMessage());
    }

    @Test
    void theSameSeedFindsTheSameFailureOnEveryRun() {
        RandomTrials.Falsified first = assertThrows(RandomTrials.Falsified.class, () -> RandomTrials.check(7L, 30, 20, DIGITS, SMALL_SUM));
        RandomTrials.Falsified again = assertThrows(RandomTrials.Falsified.class, () -> RandomTrials.check(7L, 30, 20, DIGITS, SMALL_SUM));
        assertEquals(first.getMessage(), again.getMessage());
    }

    @Test
    void aPropertyThatHoldsPassesAndSizesGrowFromOneToTheLargest() {
        List<Integer> sizes = new ArrayList<>();
        RandomTrials.check(1L, 10, 6, DIGITS, digits -> sizes.add(digits.size()));
        assertEquals(1, sizes.get(0));
        assertEquals(6, sizes.get(sizes.size() - 1));
        for (int i = 1; i < sizes.size(); i++) {
            assertTrue(sizes.get(i) >= sizes.get(i - 1), "sizes never shrink from one try to the next: " + sizes);
        }
    }

    @Test
    void aFailureThatOnlyTheLargestSizeShowsIsReportedAtThatSize() {
        RandomTrials.Falsified falsified = assertThrows(RandomTrials.Falsified.class,
                () -> RandomTrials.check(3L, 4, 5, DIGITS, digits -> assertTrue(digits.size() < 5, "five digits")));
        assertEquals(5, falsified.size());
        assertEquals(5, falsified.smallestSize());
        assertEquals(0, falsified.getSuppressed().length);
    }

    @Test
    void anUnsizedFailureNamesTheSeedThatReplaysIt() {
        AssertionError failed = assertThrows(AssertionError.class,
                () -> RandomTrials.check(5L, 20, random -> random.nextInt(10), digit -> assertTrue(digit < 9, "digit " + digit)));
        assertTrue(failed.getMessage().contains("replay with seed"), failed.getMessage());
    }
}
