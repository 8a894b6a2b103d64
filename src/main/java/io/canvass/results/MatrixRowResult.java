package io.canvass.results;

import java.util.List;

/** One row of a matrix question, counted like a single choice over the matrix's columns. */
public record MatrixRowResult(String code, String label, long n, long answered, List<OptionResult> options) {
}
