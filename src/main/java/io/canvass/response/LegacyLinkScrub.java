package io.canvass.response;

import io.canvass.invitation.Invitation;
import io.canvass.invitation.InvitationService;
import io.canvass.questionnaire.Anonymity;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.survey.SurveyCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Brings data stored by earlier releases in line with what each survey's mode keeps, at every
 * start-up (a replica of an earlier release may still have been writing; each step only touches
 * rows that still need it, so running it again, or on two replicas at once, changes nothing more):
 * <ul>
 * <li>personal answers among the stored answers (e-mail questions without {@code personalData: true},
 * from before every e-mail counted as personal) are moved apart;</li>
 * <li>on anonymous surveys, personal data kept with a finished response moves to the unlinked list,
 * and invitations forget their response, its outcome and the time (they stay used, on their day).</li>
 * </ul>
 * Whether a response's survey is anonymous is read from the version it answered. Respondent
 * sessions are scrubbed by their own package.
 */
@ApplicationScoped
public class LegacyLinkScrub {

    private static final Logger LOG = Logger.getLogger(LegacyLinkScrub.class);
    private static final int BATCH = 100;

    private final EntityManager entities;
    private final ResponseRepository responses;
    private final PersonalDataService personalData;
    private final InvitationService invitations;
    private final SurveyCatalog catalog;

    public LegacyLinkScrub(EntityManager entities, ResponseRepository responses, PersonalDataService personalData,
            InvitationService invitations, SurveyCatalog catalog) {
        this.entities = entities;
        this.responses = responses;
        this.personalData = personalData;
        this.invitations = invitations;
        this.catalog = catalog;
    }

    /** What one run changed. */
    public record Scrubbed(int inlineAnswers, int unlinkedPersonalData, int invitations) {

        public boolean any() {
            return inlineAnswers + unlinkedPersonalData + invitations > 0;
        }
    }

    void onStart(@Observes StartupEvent event) {
        Scrubbed scrubbed = run();
        if (scrubbed.any()) {
            LOG.infof("Scrubbed stored data: %d personal answer(s) moved out of answers, %d personal data item(s) "
                    + "of anonymous surveys unlinked from their response, %d invitation(s) of anonymous surveys "
                    + "unlinked from their response", scrubbed.inlineAnswers(), scrubbed.unlinkedPersonalData(),
                    scrubbed.invitations());
        }
    }

    public Scrubbed run() {
        return new Scrubbed(moveInlinePersonalAnswers(), unlinkPersonalData(), unlinkInvitations());
    }

    private int moveInlinePersonalAnswers() {
        int moved = 0;
        for (VersionRef version : inTransaction(() -> versions(
                "select v.surveyId, v.version from SurveyVersion v where v.published = true"))) {
            SurveyDefinition answered = inTransaction(() -> catalog.storedDefinition(version.surveyId(), version.version()));
            // Only e-mail questions without the flag were ever stored with the answers.
            List<String> keys = answered.questions().stream()
                    .filter(q -> q.type() == QuestionType.EMAIL && q.personalData() == null)
                    .map(Question::id).toList();
            if (keys.isEmpty()) {
                continue;
            }
            List<String> candidates = inTransaction(() -> {
                StringBuilder query = new StringBuilder(
                        "select r.id from SurveyResponse r where r.surveyId = ?1 and r.surveyVersion = ?2 and (");
                for (int i = 0; i < keys.size(); i++) {
                    query.append(i == 0 ? "" : " or ").append("r.answers like ?").append(i + 3);
                }
                var select = entities.createQuery(query.append(')').toString(), String.class)
                        .setParameter(1, version.surveyId()).setParameter(2, version.version());
                for (int i = 0; i < keys.size(); i++) {
                    select.setParameter(i + 3, "%\"" + keys.get(i) + "\"%");
                }
                return select.getResultList();
            });
            for (List<String> batch : batches(candidates)) {
                moved += inTransaction(() -> {
                    int inBatch = 0;
                    for (String id : batch) {
                        SurveyResponse response = responses.findById(id, LockModeType.PESSIMISTIC_WRITE);
                        inBatch += personalData.moveInlineApart(response, answered);
                    }
                    return inBatch;
                });
            }
        }
        return moved;
    }

    private int unlinkPersonalData() {
        int unlinked = 0;
        for (VersionRef version : anonymous(inTransaction(() -> versions("select distinct r.surveyId, r.surveyVersion "
                + "from PersonalDataEntry p, SurveyResponse r where r.id = p.responseId and r.status <> ?1",
                ResponseStatus.IN_PROGRESS)))) {
            List<Object[]> linked = inTransaction(() -> entities.createQuery("select p.responseId, p.questionId, p.value, "
                            + "coalesce(r.submittedAt, r.startedAt) from PersonalDataEntry p, SurveyResponse r "
                            + "where r.id = p.responseId and r.surveyId = ?1 and r.surveyVersion = ?2 and r.status <> ?3",
                    Object[].class).setParameter(1, version.surveyId()).setParameter(2, version.version())
                    .setParameter(3, ResponseStatus.IN_PROGRESS).getResultList());
            for (List<Object[]> batch : batches(linked)) {
                unlinked += inTransaction(() -> {
                    int inBatch = 0;
                    for (Object[] row : batch) {
                        if (personalData.unlink(version.surveyId(), (String) row[0], (String) row[1], (String) row[2],
                                day((Instant) row[3]))) {
                            inBatch++;
                        }
                    }
                    return inBatch;
                });
            }
        }
        return unlinked;
    }

    private int unlinkInvitations() {
        int unlinked = 0;
        for (VersionRef version : anonymous(inTransaction(() -> versions("select distinct r.surveyId, r.surveyVersion "
                + "from Invitation i, SurveyResponse r where r.id = i.responseId")))) {
            unlinked += inTransaction(() -> {
                int changed = 0;
                for (Object[] row : entities.createQuery("select i, r.startedAt from Invitation i, SurveyResponse r "
                                + "where r.id = i.responseId and r.surveyId = ?1 and r.surveyVersion = ?2", Object[].class)
                        .setParameter(1, version.surveyId()).setParameter(2, version.version()).getResultList()) {
                    if (invitations.forgetResponse((Invitation) row[0], day((Instant) row[1]))) {
                        changed++;
                    }
                }
                return changed;
            });
        }
        return unlinked;
    }

    private record VersionRef(String surveyId, int version) {
    }

    private List<VersionRef> versions(String query, Object... parameters) {
        var select = entities.createQuery(query, Object[].class);
        for (int i = 0; i < parameters.length; i++) {
            select.setParameter(i + 1, parameters[i]);
        }
        return select.getResultList().stream().map(row -> new VersionRef((String) row[0], ((Number) row[1]).intValue()))
                .toList();
    }

    private List<VersionRef> anonymous(List<VersionRef> versions) {
        return inTransaction(() -> versions.stream()
                .filter(v -> catalog.storedDefinition(v.surveyId(), v.version()).anonymity() == Anonymity.ANONYMOUS)
                .collect(Collectors.toList()));
    }

    private static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return batches;
    }

    private static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    private static LocalDate day(Instant moment) {
        return moment.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
