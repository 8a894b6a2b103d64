package io.canvass.respondent;

import io.canvass.questionnaire.Anonymity;
import io.canvass.survey.SurveyCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * At every start-up, removes the invitation token from respondent sessions of anonymous surveys
 * stored by earlier releases, which kept it to let the invitation link resume the response.
 * Only sessions that still hold one are touched, so running it again changes nothing.
 */
@ApplicationScoped
public class SessionLinkScrub {

    private static final Logger LOG = Logger.getLogger(SessionLinkScrub.class);

    private final EntityManager entities;
    private final SurveyCatalog catalog;

    public SessionLinkScrub(EntityManager entities, SurveyCatalog catalog) {
        this.entities = entities;
        this.catalog = catalog;
    }

    void onStart(@Observes StartupEvent event) {
        int scrubbed = run();
        if (scrubbed > 0) {
            LOG.infof("Scrubbed stored data: %d respondent session(s) of anonymous surveys no longer name their invitation",
                    scrubbed);
        }
    }

    /** Returns how many sessions it changed. */
    public int run() {
        return QuarkusTransaction.requiringNew().call(() -> {
            int scrubbed = 0;
            for (Object[] version : entities.createQuery("select distinct r.surveyId, r.surveyVersion "
                    + "from RespondentSession s, SurveyResponse r where r.id = s.responseId and s.invitationToken is not null",
                    Object[].class).getResultList()) {
                String surveyId = (String) version[0];
                int number = ((Number) version[1]).intValue();
                if (catalog.storedDefinition(surveyId, number).anonymity() != Anonymity.ANONYMOUS) {
                    continue;
                }
                scrubbed += entities.createQuery("update RespondentSession s set s.invitationToken = null "
                                + "where s.invitationToken is not null and s.responseId in "
                                + "(select r.id from SurveyResponse r where r.surveyId = ?1 and r.surveyVersion = ?2)")
                        .setParameter(1, surveyId).setParameter(2, number).executeUpdate();
            }
            return scrubbed;
        });
    }
}
