package io.canvass.response;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UnlinkedPersonalDataRepository implements PanacheRepositoryBase<UnlinkedPersonalData, String> {

    /** Puts a value on the survey's list, linked to nothing. */
    public void add(String surveyId, String questionId, String value, LocalDate recordedOn) {
        UnlinkedPersonalData entry = new UnlinkedPersonalData();
        entry.id = UUID.randomUUID().toString();
        entry.surveyId = surveyId;
        entry.questionId = questionId;
        entry.value = value;
        entry.recordedOn = recordedOn;
        persist(entry);
    }

    public List<UnlinkedPersonalData> ofSurvey(String surveyId) {
        return list("surveyId", surveyId);
    }
}
