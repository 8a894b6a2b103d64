package io.canvass.results;

import io.smallrye.config.ConfigMapping;

/**
 * How much one results query may filter on; the values stand in {@code application.properties}
 * (canvass.results.filters.*). Every filter costs a bitmap pass per query, and the differencing checks
 * of an analyst's query one more per filter and code, so a query of thousands would tie up a worker.
 */
@ConfigMapping(prefix = "canvass.results.filters")
public interface FilterLimits {

    /** Filters one results, crosstab or stream query may combine (the {@code filter} parameters). */
    int max();

    /** Codes one filter may list ({@code question:a,b,c}). */
    int maxCodes();
}
