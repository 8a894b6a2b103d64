package io.canvass.response;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ResponseRepository implements PanacheRepositoryBase<SurveyResponse, String> {

    public long countByStatus(String surveyId, ResponseStatus status) {
        return count("surveyId = ?1 and status = ?2", surveyId, status);
    }
}
