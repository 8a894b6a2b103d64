package io.canvass.response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.AnswerCheck;
import io.canvass.interview.Interview;
import io.canvass.interview.SplitAnswers;
import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.SurveyDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a whole set of answers with the interview engine and reports every problem at once, as
 * an {@link InvalidAnswersException}; answers that pass come back with the personal data apart.
 */
@ApplicationScoped
public class AnswerValidator {

    public CheckedAnswers check(SurveyDefinition definition, ObjectNode json) {
        return check(SurveyPlan.of(definition), json);
    }

    public CheckedAnswers check(SurveyPlan plan, ObjectNode json) {
        AnswerCheck check = Interview.checkAll(plan, json);
        if (!check.valid()) {
            throw new InvalidAnswersException(check.violations());
        }
        SplitAnswers split = Interview.split(plan, json);
        return new CheckedAnswers(Answers.of(split.answers()), split.personalData(), check.screenedOutBy());
    }
}
