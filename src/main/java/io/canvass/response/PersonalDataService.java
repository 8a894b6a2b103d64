package io.canvass.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.audit.AuditLog;
import io.canvass.questionnaire.Anonymity;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.survey.SurveyCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Where personal data (answers to e-mail questions and to questions marked {@code personalData})
 * is kept, and its erasure on request (GDPR art. 17). It never sits with the answers. On an
 * identified survey it is kept with the response it belongs to; on an anonymous survey a finished
 * response's personal data goes on the survey's unlinked list, with the day and nothing that leads
 * back to the response (while a response is still in progress in the browser it stays with it, so
 * that resuming shows it). Erasure removes personal data and nothing else: answers and every
 * aggregate stay as they were.
 */
@ApplicationScoped
public class PersonalDataService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResponseRepository responses;
    private final PersonalDataRepository personalData;
    private final UnlinkedPersonalDataRepository unlinked;
    private final SurveyCatalog catalog;
    private final AuditLog audit;

    public PersonalDataService(ResponseRepository responses, PersonalDataRepository personalData,
            UnlinkedPersonalDataRepository unlinked, SurveyCatalog catalog, AuditLog audit) {
        this.responses = responses;
        this.personalData = personalData;
        this.unlinked = unlinked;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** The survey a response answers; {@link ResponseNotFoundException} for an unknown response. */
    @Transactional
    public String surveyOf(String responseId) {
        SurveyResponse response = responses.findById(responseId);
        if (response == null) {
            throw new ResponseNotFoundException();
        }
        return response.surveyId;
    }

    /** Keeps a finished submission's personal data: with the response, or unlinked on an anonymous survey. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(SurveyDefinition answered, String responseId, Map<String, String> values) {
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (answered.anonymity() == Anonymity.ANONYMOUS) {
                unlinked.add(answered.id(), value.getKey(), value.getValue(), today());
            } else {
                keepWithResponse(responseId, value.getKey(), value.getValue());
            }
        }
    }

    /**
     * Erases one response's personal data, also where an e-mail answer of a response stored before
     * every e-mail counted as personal sits among its answers; returns how many items were erased
     * (0 when none was left). On an anonymous survey a finished response has none: erase by value.
     */
    @Transactional
    public long erase(String responseId, String actor) {
        SurveyResponse response = responses.findById(responseId);
        if (response == null) {
            throw new ResponseNotFoundException();
        }
        long erased = personalData.delete("responseId", responseId);
        // As stored: erasure must work on a version this release refuses to run, too.
        InlinePersonalAnswers.Extraction inline = InlinePersonalAnswers.extract(response.answers,
                catalog.storedDefinition(response.surveyId, response.surveyVersion));
        if (inline.changed()) {
            response.answers = inline.remainingAnswers();
            erased += inline.taken().size();
        }
        audit.record(actor, "response.erase-personal-data", response.surveyId, responseId, erased + " item(s) erased");
        return erased;
    }

    /**
     * Erases, on one survey, every personal answer equal to the value (an e-mail address, say;
     * letter case and surrounding spaces aside): on the unlinked list, with responses in progress,
     * and among the answers of responses stored before every e-mail counted as personal. The way to
     * erase on an anonymous survey, where nothing leads from a person to their response. The audit
     * entry says how many, never the value.
     */
    @Transactional
    public long eraseByValue(String surveyId, String value, String actor) {
        catalog.requirePublished(surveyId);
        String wanted = value.strip();
        long erased = unlinked.getEntityManager().createQuery("delete from UnlinkedPersonalData u "
                        + "where u.surveyId = ?1 and lower(trim(u.value)) = lower(?2)")
                .setParameter(1, surveyId).setParameter(2, wanted).executeUpdate();
        erased += personalData.getEntityManager().createQuery("delete from PersonalDataEntry p "
                        + "where lower(trim(p.value)) = lower(?1) "
                        + "and p.responseId in (select r.id from SurveyResponse r where r.surveyId = ?2)")
                .setParameter(1, wanted).setParameter(2, surveyId).executeUpdate();
        erased += eraseInline(surveyId, wanted);
        audit.record(actor, "personal-data.erase", surveyId, null, erased + " item(s) erased");
        return erased;
    }

    private long eraseInline(String surveyId, String wanted) {
        long erased = 0;
        // A cheap text match finds the candidates; the answers of each are then read properly.
        for (SurveyResponse response : responses.list("from SurveyResponse r where r.surveyId = ?1 "
                + "and lower(r.answers) like ?2 escape '!'", surveyId,
                "%" + likePattern(jsonText(wanted.toLowerCase(Locale.ROOT))) + "%")) {
            InlinePersonalAnswers.Extraction inline = InlinePersonalAnswers.extract(response.answers,
                    catalog.storedDefinition(response.surveyId, response.surveyVersion),
                    answer -> answer.strip().equalsIgnoreCase(wanted));
            if (inline.changed()) {
                response.answers = inline.remainingAnswers();
                erased += inline.taken().size();
            }
        }
        return erased;
    }

    /**
     * Moves personal answers found among a response's stored answers out of them: unlinked for a
     * finished response to an anonymous survey, with the response otherwise. Returns how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int moveInlineApart(SurveyResponse response, SurveyDefinition answered) {
        InlinePersonalAnswers.Extraction inline = InlinePersonalAnswers.extract(response.answers, answered);
        if (!inline.changed()) {
            return 0;
        }
        response.answers = inline.remainingAnswers();
        boolean unlink = answered.anonymity() == Anonymity.ANONYMOUS && response.status != ResponseStatus.IN_PROGRESS;
        for (Map.Entry<String, String> value : inline.taken().entrySet()) {
            if (unlink) {
                unlinked.add(response.surveyId, value.getKey(), value.getValue(), dayOf(response));
            } else if (personalData.findById(new PersonalDataEntry.Key(response.id, value.getKey())) == null) {
                keepWithResponse(response.id, value.getKey(), value.getValue());
            }
        }
        return inline.taken().size();
    }

    /**
     * Moves a finished anonymous response's personal data, stored with it before anonymous surveys
     * kept it apart, to the unlinked list. Deleting first makes replicas doing it at once move it once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean unlink(String surveyId, String responseId, String questionId, String value, LocalDate day) {
        if (personalData.delete("responseId = ?1 and questionId = ?2", responseId, questionId) != 1) {
            return false;
        }
        unlinked.add(surveyId, questionId, value, day);
        return true;
    }

    /** The day a finished response was submitted (the day it began, failing that). */
    static LocalDate dayOf(SurveyResponse response) {
        Instant moment = response.submittedAt != null ? response.submittedAt : response.startedAt;
        return moment.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private void keepWithResponse(String responseId, String questionId, String value) {
        PersonalDataEntry entry = new PersonalDataEntry();
        entry.responseId = responseId;
        entry.questionId = questionId;
        entry.value = value;
        personalData.persist(entry);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The value as it appears inside stored answers JSON, without its quotes. */
    private static String jsonText(String value) {
        try {
            String quoted = JSON.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String likePattern(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
