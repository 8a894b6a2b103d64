package io.canvass.interview;

/**
 * The thresholds of the quality rules (configured as {@code canvass.quality.*}).
 *
 * @param speederFraction      a complete is a speeder below this fraction of the median duration
 * @param speederMinCompletes  completes with a duration needed before anyone can be a speeder
 * @param straightlinerMinRows the fewest rows a matrix needs for one column all the way down to count
 */
public record QualityThresholds(double speederFraction, int speederMinCompletes, int straightlinerMinRows) {

    /** The defaults of application.properties: a third of the median, once 20 completes exist; matrices of 5 rows. */
    public static final QualityThresholds DEFAULTS = new QualityThresholds(0.333, 20, 5);

    public QualityThresholds {
        if (!(speederFraction > 0 && speederFraction < 1)) {
            throw new IllegalArgumentException("the speeder fraction must lie between 0 and 1, not " + speederFraction);
        }
        if (speederMinCompletes < 1) {
            throw new IllegalArgumentException("the speeder rule needs at least one complete to compare with");
        }
        if (straightlinerMinRows < 2) {
            throw new IllegalArgumentException("a straight line needs at least two rows");
        }
    }
}
