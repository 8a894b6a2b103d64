package io.canvass.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Two variables against each other over the completes that answered both (and match the filters):
 * a count and a column percent for every pair, with row and column totals. Rows or columns
 * smaller than the minimum group size are suppressed, and so is the next smallest when one alone
 * could be worked out from the totals. For an analyst every count, cells and totals alike, is
 * perturbed ({@code disclosureControl} says how) and taken from the last published state
 * ({@code completesAtState}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrosstabDocument(
        String surveyId,
        String title,
        int version,
        Instant asOf,
        long completesAtState,
        int minGroupSize,
        DisclosureControl disclosureControl,
        List<FilterView> filters,
        QualityCounts quality,
        Variable rowVariable,
        Variable columnVariable,
        boolean suppressed,
        Long n,
        List<Column> columns,
        List<Row> rows) {

    /** A question, or one row of a matrix ({@code question.row}). */
    @Schema(name = "CrosstabVariable")
    public record Variable(String id, String type, String text) {
    }

    /** A column: its group size, or suppressed without it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CrosstabColumn")
    public record Column(String code, String label, Long n, boolean suppressed) {
    }

    /** A row: its total over all columns (percent of the table), and a cell per column. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CrosstabRow")
    public record Row(String code, String label, Long n, BigDecimal percent, boolean suppressed, List<Cell> cells) {
    }

    /** The completes in one row and one column, as a percent of the column. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CrosstabCell")
    public record Cell(String column, Long count, BigDecimal percent, boolean suppressed) {
    }
}
