package io.canvass.response;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PersonalDataRepository implements PanacheRepositoryBase<PersonalDataEntry, PersonalDataEntry.Key> {

    public List<PersonalDataEntry> ofResponse(String responseId) {
        return list("responseId", responseId);
    }
}
