package io.canvass.response;

import io.canvass.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Erasure on request (GDPR art. 17): removes a response's personal data and nothing else, so its
 * answers and every aggregate stay as they were.
 */
@ApplicationScoped
public class PersonalDataService {

    private final ResponseRepository responses;
    private final PersonalDataRepository personalData;
    private final AuditLog audit;

    public PersonalDataService(ResponseRepository responses, PersonalDataRepository personalData, AuditLog audit) {
        this.responses = responses;
        this.personalData = personalData;
        this.audit = audit;
    }

    /** Erases the response's personal data; returns how many items were erased (0 when none was left). */
    @Transactional
    public long erase(String responseId, String actor) {
        SurveyResponse response = responses.findById(responseId);
        if (response == null) {
            throw new ResponseNotFoundException();
        }
        long erased = personalData.delete("responseId", responseId);
        audit.record(actor, "response.erase-personal-data", response.surveyId, responseId, erased + " item(s) erased");
        return erased;
    }
}
