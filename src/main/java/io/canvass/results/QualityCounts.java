package io.canvass.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The quality flags among a document's completes: how many have any flag, and how many each flag (every
 * flag named, zeros too); {@code clean} when the document leaves flagged completes out
 * ({@code ?quality=clean}). Counted like every other count of the document: exact for researchers and
 * where an analyst's document is unfiltered, perturbed where it is filtered. A crosstab says only
 * whether it is clean.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityCounts(boolean clean, Long flagged, Map<String, Long> byFlag) {
}
