package io.canvass.survey;

/** One survey in the list: what it is called, which version new respondents get, and its state. */
public record SurveySummary(String id, String title, int version, SurveyStatus status) {
}
