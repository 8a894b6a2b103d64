package io.canvass.response;

import io.canvass.interview.CompletionTimes;

/**
 * The durations of a survey's completes, as the speeder rule compares a new complete with them. Kept in
 * memory by the live results ({@code results.ResultsIndex}), fed from the change log like every result,
 * so every replica converges on the same figures; asked through this interface so that storing a
 * response does not depend on the results built on top of it.
 */
public interface SurveyCompletionTimes {

    /** How many of the survey's completes have a duration, and their median. */
    CompletionTimes of(String surveyId);
}
