package io.canvass.testing;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based testing harness: a property is checked on cases drawn from seeded
 * randomness, a fixed number of tries, so a run is the same on every machine and in CI. A failing
 * case is reported with its try's seed, which replays it alone ({@link #replay}).
 *
 * <p><b>Sizes and shrinking.</b> A generator may also take a size ({@link #check(long, int, int,
 * BiFunction, Consumer)}): how big a case to draw (pages, questions, requests), from 1 up. Tries
 * grow from size 1 to the largest, so cheap cases come first. When a case fails, the same seed is
 * drawn again at every smaller size, smallest first, and the smallest that still fails is reported
 * (as {@link Falsified}: seed, size, the smaller case and its failure), with the call that replays
 * it. This is the simplest shrinking there is: it needs nothing from the generator but to draw
 * less at a smaller size, and costs at most {@code size − 1} more runs of the property, once.
 *
 * <p>Written here rather than taken from jqwik: from 1.10 on jqwik carries a usage clause asking
 * that it not be used by AI coding agents, which wrote these tests.
 */
public final class RandomTrials {

    private RandomTrials() {
    }

    /** Checks {@code property} on {@code tries} cases, each drawn from its own seed derived from {@code seed}. */
    public static <T> void check(long seed, int tries, Function<Random, T> cases, Consumer<T> property) {
        Random seeds = new Random(seed);
        for (int i = 0; i < tries; i++) {
            long trySeed = seeds.nextLong();
            run(trySeed, i, cases, property);
        }
    }

    /**
     * Checks {@code property} on {@code tries} cases drawn at sizes growing from 1 to {@code maxSize};
     * a failure is shrunk to the smallest size at which the same seed still fails ({@link Falsified}).
     */
    public static <T> void check(long seed, int tries, int maxSize, BiFunction<Random, Integer, T> cases, Consumer<T> property) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
        Random seeds = new Random(seed);
        for (int i = 0; i < tries; i++) {
            long trySeed = seeds.nextLong();
            int size = sizeOfTry(i, tries, maxSize);
            Throwable failure = failure(trySeed, size, cases, property);
            if (failure != null) {
                throw shrink(i, trySeed, size, failure, cases, property);
            }
        }
    }

    /** The size of try {@code index} of {@code tries}: 1 for the first, {@code maxSize} for the last, evenly between. */
    static int sizeOfTry(int index, int tries, int maxSize) {
        return tries < 2 ? maxSize : 1 + (int) ((long) index * (maxSize - 1) / (tries - 1));
    }

    /** Checks one case again from the seed a failure reported. */
    public static <T> void replay(long trySeed, Function<Random, T> cases, Consumer<T> property) {
        run(trySeed, 0, cases, property);
    }

    /** Checks one sized case again from the seed and size a {@link Falsified} reported. */
    public static <T> void replay(long trySeed, int size, BiFunction<Random, Integer, T> cases, Consumer<T> property) {
        Throwable failure = failure(trySeed, size, cases, property);
        if (failure != null) {
            throw new AssertionError("Falsified (seed " + trySeed + "L, size " + size + "): " + failure.getMessage(), failure);
        }
    }

    /**
     * A property that failed, shrunk: the try, its seed and size, and the smallest size at which the same
     * seed still fails, with that case and its failure (the cause). The failure at the original size is
     * attached as suppressed when it differs.
     */
    public static final class Falsified extends AssertionError {
        private final int tryIndex;
        private final long seed;
        private final int size;
        private final int smallestSize;
        private final transient Object smallestCase;

        Falsified(int tryIndex, long seed, int size, int smallestSize, Object smallestCase, Throwable smallestFailure) {
            super("Falsified at try " + tryIndex + " (seed " + seed + "L, size " + size + "); smallest failing size "
                    + smallestSize + ", replay with RandomTrials.replay(" + seed + "L, " + smallestSize + ", cases, property): "
                    + smallestFailure.getMessage() + "\ncase: " + smallestCase, smallestFailure);
            this.tryIndex = tryIndex;
            this.seed = seed;
            this.size = size;
            this.smallestSize = smallestSize;
            this.smallestCase = smallestCase;
        }

        public int tryIndex() {
            return tryIndex;
        }

        public long seed() {
            return seed;
        }

        /** The size the failure was found at. */
        public int size() {
            return size;
        }

        /** The smallest size at which the same seed fails ({@link #size()} when no smaller one does). */
        public int smallestSize() {
            return smallestSize;
        }

        public Object smallestCase() {
            return smallestCase;
        }
    }

    private static <T> Falsified shrink(int index, long trySeed, int size, Throwable original,
            BiFunction<Random, Integer, T> cases, Consumer<T> property) {
        for (int smaller = 1; smaller < size; smaller++) {
            Throwable failure = failure(trySeed, smaller, cases, property);
            if (failure != null) {
                Falsified falsified = new Falsified(index, trySeed, size, smaller, cases.apply(new Random(trySeed), smaller), failure);
                falsified.addSuppressed(original);
                return falsified;
            }
        }
        return new Falsified(index, trySeed, size, size, cases.apply(new Random(trySeed), size), original);
    }

    /** The failure of the property on the case the seed draws at this size, or null when it holds. */
    private static <T> Throwable failure(long trySeed, int size, BiFunction<Random, Integer, T> cases, Consumer<T> property) {
        T value = cases.apply(new Random(trySeed), size);
        try {
            property.accept(value);
            return null;
        } catch (AssertionError | RuntimeException failure) {
            return failure;
        }
    }

    private static <T> void run(long trySeed, int index, Function<Random, T> cases, Consumer<T> property) {
        T value = cases.apply(new Random(trySeed));
        try {
            property.accept(value);
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError("Falsified at try " + index + " (replay with seed " + trySeed + "L): "
                    + failure.getMessage() + "\ncase: " + value, failure);
        }
    }

    public static <T> T oneOf(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    public static boolean chance(Random random, double probability) {
        return random.nextDouble() < probability;
    }

    /** A string of {@code min..max} characters drawn from {@code alphabet} (code points, so emoji stay whole). */
    public static String text(Random random, String alphabet, int min, int max) {
        int[] points = alphabet.codePoints().toArray();
        int length = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return text.toString();
    }
}
