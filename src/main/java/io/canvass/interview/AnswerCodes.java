package io.canvass.interview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Set;

/**
 * The codes an answer holds, as skip logic, screening and quotas read them: the chosen code(s),
 * the scale point as text, or one matrix row's column; none when unanswered or not of that shape.
 * Tested against a set in place, so the hot path builds no lists.
 */
final class AnswerCodes {

    /** The answer holds no code at all (unanswered, malformed, or a free-text question). */
    static final int NONE = 0;
    /** At least one of its codes is in the set. */
    static final int SOME_IN = 1;
    /** It holds codes, none of them in the set. */
    static final int NONE_IN = 2;

    private AnswerCodes() {
    }

    /**
     * Whether there is no answer: no key, or JSON null. A type test rather than
     * {@code isNull()}, whose virtual call over a dozen node classes showed in profiles.
     */
    static boolean absent(JsonNode answer) {
        return answer == null || answer instanceof NullNode;
    }

    /** How the codes of an answer (a matrix answer's {@code row}, when given) meet a set of codes. */
    static int test(QuestionPlan question, JsonNode answer, String row, Set<String> codes) {
        if (absent(answer)) {
            return NONE;
        }
        switch (question.type()) {
            case SINGLE:
                return answer.isTextual() ? (codes.contains(answer.asText()) ? SOME_IN : NONE_IN) : NONE;
            case MULTIPLE: {
                if (!answer.isArray()) {
                    return NONE;
                }
                int result = NONE;
                for (int i = 0; i < answer.size(); i++) {
                    JsonNode item = answer.get(i);
                    if (item.isTextual()) {
                        if (codes.contains(item.asText())) {
                            return SOME_IN;
                        }
                        result = NONE_IN;
                    }
                }
                return result;
            }
            case SCALE:
                return answer.isIntegralNumber() ? (codes.contains(Long.toString(answer.asLong())) ? SOME_IN : NONE_IN) : NONE;
            case MATRIX: {
                JsonNode cell = row == null ? null : answer.get(row);
                return cell != null && cell.isTextual() ? (codes.contains(cell.asText()) ? SOME_IN : NONE_IN) : NONE;
            }
            default:
                return NONE;
        }
    }

    /** Whether a choice answer includes this code (a single choice's code, or one of a multiple choice's). */
    static boolean chose(QuestionPlan question, JsonNode answer, String code) {
        if (absent(answer)) {
            return false;
        }
        switch (question.type()) {
            case SINGLE:
                return answer.isTextual() && answer.asText().equals(code);
            case MULTIPLE:
                if (answer.isArray()) {
                    for (int i = 0; i < answer.size(); i++) {
                        JsonNode item = answer.get(i);
                        if (item.isTextual() && item.asText().equals(code)) {
                            return true;
                        }
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /** A single choice's code, or null: what a quota cell is keyed by. */
    static String singleCode(JsonNode answer) {
        return answer != null && answer.isTextual() ? answer.asText() : null;
    }
}
