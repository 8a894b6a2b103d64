package io.canvass.survey;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

@ApplicationScoped
public class StaffGrantRepository implements PanacheRepositoryBase<StaffGrant, StaffGrant.Key> {

    public Optional<StaffGrant> find(String surveyId, String subject) {
        return findByIdOptional(new StaffGrant.Key(surveyId, subject));
    }

    public List<StaffGrant> ofSurvey(String surveyId) {
        return list("surveyId = ?1 order by subject", surveyId);
    }

    /** The role granted to the subject, by survey. */
    public Map<String, SurveyRole> rolesOf(String subject) {
        return list("subject", subject).stream().collect(Collectors.toMap(g -> g.surveyId, g -> g.role));
    }
}
