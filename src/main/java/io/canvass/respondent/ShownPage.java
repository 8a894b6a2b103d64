package io.canvass.respondent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.SurveyPlan;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Question;
import java.util.ArrayList;
import java.util.List;

/**
 * A page as the journey decided to show it: which of its questions, with which answers and
 * problems, whether it is the last, and in which language. What it looks like is {@link PageStencils}' business.
 */
public record ShownPage(
        SurveyPlan plan,
        int surveyVersion,
        String token,
        int pageNumber,
        List<Question> questions,
        ObjectNode answers,
        List<Violation> problems,
        boolean last,
        String language) {

    /** The view the Qute template lays out. */
    PageView view() {
        return PageViews.build(plan, token, pageNumber, questions, answers, problems, last, language);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Which stencil lays this page out: everything about it except the respondent's answers and tokens. */
    PageStencil.Key stencilKey() {
        List<String> shown = new ArrayList<>(questions.size());
        for (Question question : questions) {
            shown.add(question.id());
        }
        return new PageStencil.Key(plan.definition().id(), surveyVersion, pageNumber, shown, last, language);
    }
}
