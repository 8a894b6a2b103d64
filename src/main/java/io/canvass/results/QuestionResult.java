package io.canvass.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * One question's results. {@code n} is the number of completes that were shown the question and the
 * base of every percent; {@code answered} those who gave an answer. Scales add their statistics
 * (over the answers), matrices give one entry per row instead of options.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuestionResult(
        String id,
        String type,
        String text,
        Long n,
        Long answered,
        List<OptionResult> options,
        BigDecimal mean,
        BigDecimal median,
        BigDecimal stdDev,
        BigDecimal topTwoBox,
        String minLabel,
        String maxLabel,
        List<MatrixRowResult> rows) {

    static QuestionResult counted(String id, String type, String text, long n, Long answered) {
        return new QuestionResult(id, type, text, n, answered, null, null, null, null, null, null, null, null);
    }
}
