package io.canvass.respondent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.canvass.interview.QuestionPlan;
import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every page of a definition exactly as a respondent gets it, rendered by the respondent's own page
 * template from the same page views: what the studio's preview shows beside the text being edited.
 * Questions shown only under a condition are all shown, so every question can be checked; nothing is
 * stored and the forms post nowhere a preview could reach (the studio frames them sandboxed).
 */
public final class RespondentPreview {

    /** The token slot of a preview page's address: no resume link looks like it (those are random base64url). */
    private static final String PREVIEW_TOKEN = "preview";

    private RespondentPreview() {
    }

    /** One whole HTML document per page, in page order, in the survey's default language. */
    public static List<String> pages(SurveyDefinition definition) {
        return pages(definition, definition.defaultLanguage());
    }

    /** One whole HTML document per page, in page order, in {@code language}. */
    public static List<String> pages(SurveyDefinition definition, String language) {
        SurveyPlan plan = SurveyPlan.compile(definition);
        return IntStream.rangeClosed(1, plan.pageCount()).mapToObj(number -> {
            List<Question> shown = plan.page(number - 1).questions().stream()
                    .map(QuestionPlan::question).toList();
            PageView view = PageViews.build(plan, PREVIEW_TOKEN, number, shown, JsonNodeFactory.instance.objectNode(),
                    List.of(), number == plan.pageCount(), language);
            return RespondentResource.Templates.page(view, "").setLocale(RespondentLanguage.locale(language)).render();
        }).toList();
    }
}
