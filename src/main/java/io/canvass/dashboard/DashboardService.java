package io.canvass.dashboard;

import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.results.DisclosurePolicy;
import io.canvass.results.FilterLimits;
import io.canvass.results.ResultsAudience;
import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyCatalog;
import io.canvass.survey.SurveyRole;
import io.canvass.survey.SurveySummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the dashboard's pages from the survey definition; the figures themselves come live from the results API. */
@ApplicationScoped
public class DashboardService {

    private final SurveyCatalog catalog;
    private final DisclosurePolicy disclosure;
    private final SurveyAccess access;
    private final FilterLimits filterLimits;

    public DashboardService(SurveyCatalog catalog, DisclosurePolicy disclosure, SurveyAccess access, FilterLimits filterLimits) {
        this.catalog = catalog;
        this.disclosure = disclosure;
        this.access = access;
        this.filterLimits = filterLimits;
    }

    /** The published surveys whose results the signed-in member may read. */
    public List<SurveySummary> surveys() {
        return catalog.list(access.surveysWith(SurveyRole.ANALYST)).stream().filter(s -> s.version() > 0).toList();
    }

    /**
     * The page of one published survey as {@code audience} sees it; an unknown one is a
     * {@link io.canvass.survey.SurveyNotFoundException}.
     */
    public DashboardPage page(String surveyId, List<String> filterParameters, String signedInAs, ResultsAudience audience) {
        PublishedSurvey survey = catalog.published(surveyId);
        SurveyDefinition definition = survey.definition();
        List<DashboardFilter> filters;
        String filterError = null;
        try {
            filters = DashboardFilters.parse(filterParameters, definition, filterLimits.max());
        } catch (InvalidFilterException invalid) {
            filters = List.of();
            filterError = invalid.getMessage();
        }
        Map<String, Set<String>> ticked = filters.stream()
                .collect(Collectors.toMap(DashboardFilter::question, f -> Set.copyOf(f.codes())));
        List<DashboardPage.FilterQuestion> controls = new ArrayList<>();
        for (Question question : definition.questions()) {
            if (DashboardFilters.FILTERABLE.contains(question.type()) && !question.holdsPersonalData()) {
                controls.add(new DashboardPage.FilterQuestion(question.id(), question.text().defaultText(),
                        choices(question, ticked.getOrDefault(question.id(), Set.of()))));
            }
        }
        List<DashboardPage.ActiveFilter> active = filters.stream()
                .map(f -> new DashboardPage.ActiveFilter(definition.questionsById().get(f.question()).text().defaultText(),
                        f.codes().stream().map(code -> label(definition.questionsById().get(f.question()), code))
                                .collect(Collectors.joining(" or "))))
                .toList();
        return new DashboardPage(survey.id(), definition.title().defaultText(), disclosure.minGroupSize(survey),
                audience == ResultsAudience.RESEARCHER, disclosure.maxAdjustment(), controls, active, DashboardFilters.query(filters), filterError,
                signedInAs);
    }

    private static List<DashboardPage.FilterChoice> choices(Question question, Set<String> ticked) {
        return question.answerCodes().stream()
                .map(code -> new DashboardPage.FilterChoice("filter-" + question.id() + "-" + code,
                        question.id() + ":" + code, label(question, code), ticked.contains(code)))
                .toList();
    }

    /** An answer's label; a scale point is its number, with the end labels at the ends. */
    static String label(Question question, String code) {
        if (question.type() == QuestionType.SCALE) {
            if (code.equals(String.valueOf(question.min())) && question.minLabel() != null) {
                return code + " – " + question.minLabel();
            }
            if (code.equals(String.valueOf(question.max())) && question.maxLabel() != null) {
                return code + " – " + question.maxLabel();
            }
            return code;
        }
        return question.option(code).map(o -> o.label().defaultText()).orElse(code);
    }
}
