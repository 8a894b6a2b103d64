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

    /** The newest entries of the surveys, and the actor's own entries that concern no survey. */
    public List<AuditEvent> newestOf(AuditReadScope.Readable scope, int limit) {
        if (scope.surveys().isEmpty()) {
            return find("surveyId is null and actor = ?1 order by at desc, id desc", scope.reader()).page(0, limit).list();
        }
        return find("surveyId in ?1 or (surveyId is null and actor = ?2) order by at desc, id desc",
                scope.surveys(), scope.reader()).page(0, limit).list();
    }
}
