package io.canvass.results;

import java.util.List;

/** One filter as applied: a question (or {@code matrix.row}) and the codes any of which it admits. */
public record FilterView(String question, List<String> codes) {
}
