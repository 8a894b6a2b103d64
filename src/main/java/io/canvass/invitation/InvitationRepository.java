package io.canvass.invitation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, String> {

    public List<Invitation> ofSurvey(String surveyId) {
        return list("surveyId = ?1 order by createdAt, token", surveyId);
    }

    /** Counts a claim on the token; the row lock it takes makes racing claims queue up. */
    public boolean addClaim(String surveyId, String token) {
        return update("claims = claims + 1 where surveyId = ?1 and token = ?2", surveyId, token) == 1;
    }

    /** Reads the row fresh from the database, past the persistence context, after a bulk update. */
    public Invitation reload(String token) {
        Invitation invitation = findById(token);
        if (invitation != null) {
            getEntityManager().refresh(invitation);
        }
        return invitation;
    }
}
