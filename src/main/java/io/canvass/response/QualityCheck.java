package io.canvass.response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.CompletionTimes;
import io.canvass.interview.Interview;
import io.canvass.interview.QualityFlag;
import io.canvass.interview.QualitySignals;
import io.canvass.interview.QualityThresholds;
import io.canvass.interview.SurveyPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Assesses a complete about to be stored, the same way whichever path it came by (an API submission or
 * the browser's final page): the engine's quality rules ({@link Interview#qualityFlags}) with the
 * configured thresholds and the durations of the survey's completes so far, and the fingerprint of its
 * coded answers, which the storing transaction claims to find duplicates.
 */
@ApplicationScoped
public class QualityCheck {

    private final QualityThresholds thresholds;
    private final SurveyCompletionTimes completionTimes;

    public QualityCheck(QualityConfig config, SurveyCompletionTimes completionTimes) {
        this.thresholds = new QualityThresholds(config.speederFraction(), config.speederMinCompletes(),
                config.straightlinerMinRows());
        this.completionTimes = completionTimes;
    }

    /**
     * The flags the complete raises by itself and its fingerprint. {@code answers} are the answers as stored
     * (personal data apart); {@code durationSeconds} null when not known (never a speeder then).
     */
    public Assessment assess(SurveyPlan plan, ObjectNode answers, Integer durationSeconds, boolean honeypotFilled) {
        CompletionTimes earlier = durationSeconds == null ? CompletionTimes.NONE : completionTimes.of(plan.definition().id());
        Set<QualityFlag> flags = Interview.qualityFlags(plan, answers,
                new QualitySignals(durationSeconds, earlier, honeypotFilled), thresholds);
        return new Assessment(flags, Interview.answerFingerprint(plan, answers).orElse(null));
    }

    /** A complete's own flags, and the fingerprint of its coded answers (null when it has none). */
    public record Assessment(Set<QualityFlag> flags, String fingerprint) {

        /** Its flags, with {@code duplicate} when an earlier complete holds its fingerprint. */
        public Set<QualityFlag> flags(boolean duplicate) {
            if (!duplicate) {
                return flags;
            }
            EnumSet<QualityFlag> all = flags.isEmpty() ? EnumSet.noneOf(QualityFlag.class) : EnumSet.copyOf(flags);
            all.add(QualityFlag.DUPLICATE);
            return Collections.unmodifiableSet(all);
        }
    }
}
