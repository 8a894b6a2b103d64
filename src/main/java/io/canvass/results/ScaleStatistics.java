package io.canvass.results;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** Median and standard deviation of a scale, from its exact histogram (count per point). */
final class ScaleStatistics {

    private ScaleStatistics() {
    }

    /** The middle answer, or the mean of the two middle ones when the count is even. */
    static BigDecimal median(long[] histogram, int min, long answered) {
        long lower = (answered - 1) / 2;
        long upper = answered / 2;
        return BigDecimal.valueOf(pointAt(histogram, min, lower) + pointAt(histogram, min, upper))
                .divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
    }

    /**
     * The sample standard deviation (n − 1 in the denominator, as SPSS and R report it); zero for a
     * single answer. Computed exactly as sqrt((n·Σx² − (Σx)²) / (n·(n − 1))) before rounding.
     */
    static BigDecimal sampleStandardDeviation(long[] histogram, int min, long answered, long sum) {
        if (answered < 2) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigInteger sumOfSquares = BigInteger.ZERO;
        for (int i = 0; i < histogram.length; i++) {
            long point = min + i;
            sumOfSquares = sumOfSquares.add(BigInteger.valueOf(histogram[i]).multiply(BigInteger.valueOf(point * point)));
        }
        BigInteger n = BigInteger.valueOf(answered);
        BigInteger numerator = n.multiply(sumOfSquares).subtract(BigInteger.valueOf(sum).pow(2));
        BigDecimal variance = new BigDecimal(numerator)
                .divide(new BigDecimal(n.multiply(n.subtract(BigInteger.ONE))), MathContext.DECIMAL128);
        return variance.sqrt(MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_UP);
    }

    private static long pointAt(long[] histogram, int min, long position) {
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (position < seen) {
                return min + i;
            }
        }
        throw new IllegalArgumentException("position " + position + " beyond " + seen + " answers");
    }
}
