package io.canvass.results;

/**
 * How the counts of an analyst's document were protected: every count that depends on a filter
 * (and every crosstab count) is its true value plus an adjustment of at most {@code maxAdjustment}
 * from the {@code method}'s table, and groups below {@code minGroupSize} are suppressed.
 */
public record DisclosureControl(String method, int maxAdjustment, int minGroupSize) {

    static final String CELL_KEY = "cell-key";
}
