package io.canvass.screening;

import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.Quota;
import io.canvass.questionnaire.SurveyDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keeps quota caps exact under racing submissions. A complete takes its place in each quota cell
 * inside the transaction that stores it, so a place is only ever held by a stored complete.
 * Quotas count completes only: respondents still answering are not held a place, and whoever
 * completes first gets it (the documented rule for people already inside the survey).
 */
@ApplicationScoped
public class QuotaService {

    private final QuotaCounterRepository counters;

    public QuotaService(QuotaCounterRepository counters) {
        this.counters = counters;
    }

    /** Creates or re-caps the counters of a definition's quotas; fills are kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prepareCounters(SurveyDefinition definition) {
        for (Quota quota : definition.quotas()) {
            Question question = definition.question(quota.question()).orElseThrow();
            for (Option option : question.options()) {
                OptionalInt cap = quota.capFor(option.code());
                if (cap.isEmpty()) {
                    continue;
                }
                QuotaCounter counter = counters.findById(new QuotaCounter.Key(definition.id(), quota.id(), option.code()));
                if (counter == null) {
                    counter = new QuotaCounter();
                    counter.surveyId = definition.id();
                    counter.quotaId = quota.id();
                    counter.cell = option.code();
                    counters.persist(counter);
                }
                counter.cap = cap.getAsInt();
            }
        }
    }

    /**
     * Takes a place in every quota cell the answers fall in. Returns the first full cell, in which
     * case no place is kept.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<QuotaCell> reserve(SurveyDefinition definition, Answers answers) {
        List<QuotaCell> taken = new ArrayList<>();
        for (Quota quota : definition.quotas()) {
            Question question = definition.question(quota.question()).orElseThrow();
            for (String code : answers.codes(question)) {
                QuotaCell cell = new QuotaCell(quota.id(), code);
                if (!counters.increment(definition.id(), quota.id(), code)) {
                    continue;
                }
                taken.add(cell);
                if (counters.overshoot(definition.id(), quota.id(), code) > 0) {
                    taken.forEach(t -> counters.decrement(definition.id(), t.quotaId(), t.code()));
                    return Optional.of(cell);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The full quota cell the answers to this page fall in, if any: closes a respondent out early,
     * at the page that asks the quota question, rather than after the whole questionnaire.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<QuotaCell> fullCell(SurveyDefinition definition, io.canvass.questionnaire.Page page, Answers answers) {
        for (Quota quota : definition.quotas()) {
            if (page.questions().stream().noneMatch(q -> q.id().equals(quota.question()))) {
                continue;
            }
            Question question = definition.question(quota.question()).orElseThrow();
            for (String code : answers.codes(question)) {
                QuotaCounter counter = counters.findById(new QuotaCounter.Key(definition.id(), quota.id(), code));
                if (counter != null && counter.filled >= counter.cap) {
                    return Optional.of(new QuotaCell(quota.id(), code));
                }
            }
        }
        return Optional.empty();
    }

    /** One cell of a quota: the quota's id and the answer code it caps. */
    public record QuotaCell(String quotaId, String code) {

        /** How a full cell is recorded as a response's reason, e.g. {@code industry:it}. */
        public String reason() {
            return quotaId + ":" + code;
        }
    }
}
