package io.canvass.screening;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

@ApplicationScoped
public class QuotaCounterRepository implements PanacheRepositoryBase<QuotaCounter, QuotaCounter.Key> {

    /**
     * Takes one place in a cell. The row lock this update takes serialises racing submissions on
     * both H2 and PostgreSQL; the caller then reads the new count and gives the place back if it
     * went over the cap. Returns false when the cell has no counter (the code is not capped).
     */
    public boolean increment(String surveyId, String quotaId, String cell) {
        return update("filled = filled + 1 where surveyId = ?1 and quotaId = ?2 and cell = ?3",
                surveyId, quotaId, cell) == 1;
    }

    public void decrement(String surveyId, String quotaId, String cell) {
        update("filled = filled - 1 where surveyId = ?1 and quotaId = ?2 and cell = ?3", surveyId, quotaId, cell);
    }

    /** Gives a place back, never below none. */
    public void release(String surveyId, String quotaId, String cell) {
        update("filled = filled - 1 where surveyId = ?1 and quotaId = ?2 and cell = ?3 and filled > 0", surveyId, quotaId,
                cell);
    }

    /**
     * Locks every counter of the survey until the transaction ends, in (quota, cell) order: the order the
     * API's writer locks them in ({@code response.GroupTransaction}), so that no two transactions taking or
     * giving back places ever wait on each other in a circle.
     */
    public void lockAll(String surveyId) {
        getEntityManager().createQuery("select c from QuotaCounter c where c.surveyId = ?1 order by c.quotaId, c.cell",
                        QuotaCounter.class)
                .setParameter(1, surveyId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** Filled minus cap, read inside the caller's transaction after its own increment. */
    public int overshoot(String surveyId, String quotaId, String cell) {
        return getEntityManager()
                .createQuery("select c.filled - c.cap from QuotaCounter c where c.surveyId = ?1 and c.quotaId = ?2 and c.cell = ?3",
                        Integer.class)
                .setParameter(1, surveyId).setParameter(2, quotaId).setParameter(3, cell)
                .getSingleResult();
    }

    public List<QuotaCounter> ofSurvey(String surveyId) {
        return list("surveyId = ?1 order by quotaId, cell", surveyId);
    }
}
