package io.canvass.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One column of the response export, exactly as the codebook describes it: its name in the CSV
 * header, the question it comes from, the question's text and what its values mean.
 *
 * @param column     the CSV header, e.g. {@code genai_blockers.cost}
 * @param questionId the question, absent for the response's own fields
 * @param type       the question type, {@code specify} for the text of an "other, please specify"
 *                   option, {@code metadata} for the response's own fields
 * @param option     the option of a multiple choice or of a specify text
 * @param row        the row of a matrix
 * @param texts      the question's text in each of the survey's languages, default first; absent for a one-language survey
 * @param label      the option's or row's label
 * @param labels     that label in each of the survey's languages; absent for a one-language survey
 * @param values     the codes the column holds, with their labels; empty for free text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportColumn(String column, String questionId, String type, String text, Map<String, String> texts,
        String option, String row, String label, Map<String, String> labels, List<ValueLabel> values,
        @JsonIgnore Source source) {

    /** Where a column's cells come from. */
    public enum Source {
        RESPONSE_ID, STATUS, VERSION, SUBMITTED_AT, FLAGS, REVIEW_REASON, LANGUAGE,
        /** The answer itself: a single choice's code, a scale point, a text. */
        ANSWER,
        /** 1 when the option was chosen, 0 when not, empty when the question was not shown. */
        OPTION,
        /** The text of an "other, please specify" option. */
        SPECIFY_TEXT,
        /** The column code chosen in one row of a matrix. */
        MATRIX_ROW
    }

    public ExportColumn {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
