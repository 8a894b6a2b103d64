package io.canvass.respondent;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class RespondentSessionRepository implements PanacheRepositoryBase<RespondentSession, String> {

    public Optional<RespondentSession> ofInvitation(String invitationToken) {
        return find("invitationToken", invitationToken).firstResultOptional();
    }
}
