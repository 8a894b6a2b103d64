package io.canvass.response;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, IdempotencyRecord.Key> {

    public Optional<IdempotencyRecord> find(String surveyId, String key) {
        return findByIdOptional(new IdempotencyRecord.Key(surveyId, key));
    }
}
