package io.canvass.export;

import java.util.List;

/** Every column of a survey's response export, in the CSV's order, with question texts and value labels. */
public record Codebook(String surveyId, int version, String title, List<ExportColumn> columns) {
}
