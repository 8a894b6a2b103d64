package io.canvass.response;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The thresholds of the data-quality rules (README "Data quality"). */
@ConfigMapping(prefix = "canvass.quality")
public interface QualityConfig {

    /** A complete faster than this fraction of the median duration of the survey's completes is a speeder. */
    @WithDefault("0.333")
    double speederFraction();

    /** How many completes with a duration the survey needs before the speeder rule says anything. */
    @WithDefault("20")
    int speederMinCompletes();

    /** The fewest rows of a matrix answered all in one column that make a straight-liner. */
    @WithDefault("5")
    int straightlinerMinRows();
}
