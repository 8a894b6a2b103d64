package io.canvass.interview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data-quality rules that need nothing but the plan, the answers and what the caller measured:
 * straight-lining, speeding and the honeypot, and the fingerprint duplicates are found by (whether an
 * earlier complete has it, only the database knows). Answers are checked answers in the API's shape.
 */
final class QualityRules {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Names the canonical form, so that a future change of it can never match an old fingerprint. */
    private static final String CANONICAL_FORM = "canvass-coded-answers-1\n";

    private QualityRules() {
    }

    static Set<QualityFlag> flags(SurveyPlan plan, ObjectNode answers, QualitySignals signals,
            QualityThresholds thresholds) {
        EnumSet<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        if (straightLines(plan, answers, thresholds.straightlinerMinRows())) {
            flags.add(QualityFlag.STRAIGHTLINER);
        }
        if (speeds(signals.durationSeconds(), signals.earlier(), thresholds)) {
            flags.add(QualityFlag.SPEEDER);
        }
        if (signals.honeypotFilled()) {
            flags.add(QualityFlag.BOT);
        }
        return Collections.unmodifiableSet(flags);
    }

    /**
     * Whether some matrix of at least {@code minRows} rows has every row answered, all with the same
     * column. A matrix left partly unanswered (an optional one) is no straight line.
     */
    static boolean straightLines(SurveyPlan plan, ObjectNode answers, int minRows) {
        for (QuestionPlan question : plan.questions()) {
            List<Option> rows = question.question().rows();
            if (question.type() != io.canvass.questionnaire.QuestionType.MATRIX || rows == null || rows.size() < minRows) {
                continue;
            }
            JsonNode cells = answers.get(question.id());
            if (cells == null || !cells.isObject() || !plan.isShown(question, answers)) {
                continue;
            }
            String column = null;
            boolean straight = true;
            for (Option row : rows) {
                JsonNode cell = cells.get(row.code());
                if (cell == null || !cell.isTextual() || (column != null && !column.equals(cell.asText()))) {
                    straight = false;
                    break;
                }
                column = cell.asText();
            }
            if (straight) {
                return true;
            }
        }
        return false;
    }

    /**
     * Under {@code speederFraction} of the median of the earlier completes' durations, once there are
     * {@code speederMinCompletes} of them. No duration, no verdict: never a speeder.
     */
    static boolean speeds(Integer durationSeconds, CompletionTimes earlier, QualityThresholds thresholds) {
        return durationSeconds != null && earlier != null && earlier.completes() >= thresholds.speederMinCompletes()
                && durationSeconds < thresholds.speederFraction() * earlier.medianSeconds();
    }

    /**
     * SHA-256 (hex) of the coded answers in a canonical form: every single, multiple, scale and matrix
     * answer in survey order, a multiple choice's codes sorted, a matrix's rows in definition order.
     * Free text (text questions and "other, please specify" texts) is left out, and so is personal data.
     * Empty when there is no coded answer at all: such completes cannot be told apart, so none is a duplicate.
     */
    static Optional<String> fingerprint(SurveyPlan plan, ObjectNode answers) {
        ObjectNode canonical = NODES.objectNode();
        for (QuestionPlan question : plan.questions()) {
            JsonNode value = answers.get(question.id());
            if (question.holdsPersonalData() || AnswerCodes.absent(value)) {
                continue;
            }
            switch (question.type()) {
                case SINGLE -> {
                    if (value.isTextual()) {
                        canonical.put(question.id(), value.asText());
                    }
                }
                case SCALE -> {
                    if (value.isIntegralNumber()) {
                        canonical.put(question.id(), value.asLong());
                    }
                }
                case MULTIPLE -> {
                    if (value.isArray()) {
                        List<String> codes = new ArrayList<>();
                        value.forEach(item -> {
                            if (item.isTextual()) {
                                codes.add(item.asText());
                            }
                        });
                        Collections.sort(codes);
                        ArrayNode sorted = canonical.putArray(question.id());
                        codes.forEach(sorted::add);
                    }
                }
                case MATRIX -> {
                    if (value.isObject()) {
                        ObjectNode rows = NODES.objectNode();
                        for (Option row : question.question().rows()) {
                            JsonNode cell = value.get(row.code());
                            if (cell != null && cell.isTextual()) {
                                rows.put(row.code(), cell.asText());
                            }
                        }
                        if (!rows.isEmpty()) {
                            canonical.set(question.id(), rows);
                        }
                    }
                }
                case TEXT, EMAIL -> {
                    // Free text and personal data are not part of "the same answers".
                }
            }
        }
        if (canonical.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sha256(CANONICAL_FORM + canonical));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
