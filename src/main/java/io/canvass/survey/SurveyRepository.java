package io.canvass.survey;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<Survey, String> {

    public List<Survey> listInIdOrder() {
        return list("order by id");
    }
}
