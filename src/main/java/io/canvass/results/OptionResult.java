package io.canvass.results;

import java.math.BigDecimal;

/** How many completes gave one answer code, and what percent of the question's base that is. */
public record OptionResult(String code, String label, long count, BigDecimal percent) {
}
