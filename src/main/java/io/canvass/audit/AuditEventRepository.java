package io.canvass.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, String> {

    public List<AuditEvent> newest(String surveyId, int limit) {
        if (surveyId == null) {
            return find("order by at desc, id desc").page(0, limit).list();
        }
        return find("surveyId = ?1 order by at desc, id desc", surveyId).page(0, limit).list();
    }
}
