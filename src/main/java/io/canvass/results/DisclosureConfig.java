package io.canvass.results;

import io.smallrye.config.ConfigMapping;

/**
 * How analysts' numbers are protected (docs/confidentiality.md, "Disclosure control"); the values, and why they are
 * what they are, stand in {@code application.properties} (canvass.disclosure.*).
 */
@ConfigMapping(prefix = "canvass.disclosure")
public interface DisclosureConfig {

    /** The largest amount the cell-key method moves any count; the perturbation table must keep to it. */
    int maxAdjustment();

    /** The perturbation table: a resource on the class path, or else a file. */
    String perturbationTable();

    /** No survey's results use a smaller minimum group size, whatever its definition says. */
    int minGroupSizeFloor();
}
