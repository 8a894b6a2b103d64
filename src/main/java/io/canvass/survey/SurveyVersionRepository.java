package io.canvass.survey;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SurveyVersionRepository implements PanacheRepositoryBase<SurveyVersion, SurveyVersion.Key> {

    public Optional<SurveyVersion> find(String surveyId, int version) {
        return findByIdOptional(new SurveyVersion.Key(surveyId, version));
    }

    public List<SurveyVersion> versionsOf(String surveyId) {
        return list("surveyId = ?1 order by version", surveyId);
    }

    public Optional<SurveyVersion> latest(String surveyId) {
        return find("surveyId = ?1 order by version desc", surveyId).firstResultOptional();
    }
}
