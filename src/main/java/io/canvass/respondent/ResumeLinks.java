package io.canvass.respondent;

import io.canvass.survey.Survey;
import io.canvass.survey.SurveyNotOpenException;
import io.canvass.survey.SurveyRepository;
import io.canvass.survey.SurveyStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * How long a resume link works: a capability that opens saved answers (an e-mail address among
 * them) for whoever holds it should not outlive its purpose. While the survey is open it works;
 * once closed it shows no answers, only the ending pages; and some time after the close (a
 * setting, 30 days by default) it leads nowhere, like a mistyped link. The close is the survey's
 * last change while closed.
 */
@ApplicationScoped
class ResumeLinks {

    private final SurveyRepository surveys;
    private final RespondentConfig config;

    ResumeLinks(SurveyRepository surveys, RespondentConfig config) {
        this.surveys = surveys;
        this.config = config;
    }

    /**
     * Throws unless a resume link of this survey may open its pages ({@code showsAnswers}) or its
     * ending pages; called inside the journey's transaction.
     */
    void require(String surveyId, boolean showsAnswers) {
        Survey survey = surveys.findById(surveyId);
        if (survey == null) {
            throw new ResumeLinkNotValidException();
        }
        require(surveyId, survey.status, survey.updatedAt, showsAnswers);
    }

    /** As {@link #require(String, boolean)}, for a survey state read already (with the session, in one read). */
    void require(String surveyId, SurveyStatus status, Instant changedAt, boolean showsAnswers) {
        if (status == SurveyStatus.OPEN) {
            return;
        }
        if (Instant.now().isAfter(changedAt.plus(config.resumeLinksAfterClose()))) {
            throw new ResumeLinkNotValidException();
        }
        if (showsAnswers) {
            throw new SurveyNotOpenException(surveyId, status);
        }
    }
}
