package io.canvass.screening;

import io.canvass.interview.Interview;
import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.SurveyDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps quota caps exact under racing submissions. A complete takes its place in each quota cell
 * inside the transaction that stores it, so a place is only ever held by a stored complete.
 * Quotas count completes only: respondents still answering are not held a place, and whoever
 * completes first gets it (the documented rule for people already inside the survey). A complete a
 * researcher rejects gives its places back at once. Every change of a survey's counters first locks
 * all of them in (quota, cell) order, as the API's writer does.
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
        for (SurveyPlan.QuotaRule quota : SurveyPlan.of(definition).quotas()) {
            quota.caps().forEach((code, cap) -> {
                QuotaCounter counter = counters.findById(new QuotaCounter.Key(definition.id(), quota.id(), code));
                if (counter == null) {
                    counter = new QuotaCounter();
                    counter.surveyId = definition.id();
                    counter.quotaId = quota.id();
                    counter.cell = code;
                    counters.persist(counter);
                }
                counter.cap = cap;
            });
        }
    }

    /**
     * Takes a place in every quota cell the answers fall in. Returns the first full cell, in which
     * case no place is kept.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<QuotaCell> reserve(SurveyDefinition definition, Answers answers) {
        List<QuotaCell> taken = new ArrayList<>();
        List<io.canvass.interview.QuotaCell> cells = Interview.quotaCells(SurveyPlan.of(definition), answers.json());
        if (!cells.isEmpty()) {
            counters.lockAll(definition.id());
        }
        for (io.canvass.interview.QuotaCell planned : cells) {
            QuotaCell cell = new QuotaCell(planned.quotaId(), planned.code());
            if (!counters.increment(definition.id(), cell.quotaId(), cell.code())) {
                continue;
            }
            taken.add(cell);
            if (counters.overshoot(definition.id(), cell.quotaId(), cell.code()) > 0) {
                taken.forEach(t -> counters.decrement(definition.id(), t.quotaId(), t.code()));
                return Optional.of(cell);
            }
        }
        return Optional.empty();
    }

    /**
     * Gives back the places a complete with these answers (to this version) holds: a review took it out.
     * Under the same locks as taking places, so a submission racing for the freed place sees either the
     * place taken or the place free, never both, and a cell never goes over its cap.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(SurveyDefinition definition, Answers answers) {
        List<io.canvass.interview.QuotaCell> cells = Interview.quotaCells(SurveyPlan.of(definition), answers.json());
        if (cells.isEmpty()) {
            return;
        }
        counters.lockAll(definition.id());
        for (io.canvass.interview.QuotaCell planned : cells) {
            counters.release(definition.id(), planned.quotaId(), planned.code());
        }
    }

    /** One cell of a quota: the quota's id and the answer code it caps. */
    public record QuotaCell(String quotaId, String code) {

        /** How a full cell is recorded as a response's reason, e.g. {@code industry:it}. */
        public String reason() {
            return quotaId + ":" + code;
        }
    }
}
