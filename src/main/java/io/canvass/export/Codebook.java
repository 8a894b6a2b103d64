package io.canvass.export;

import io.canvass.questionnaire.Anonymity;
import java.util.List;

/**
 * Every column of a survey's response export, in the CSV's order, with question texts and value
 * labels; {@code languages} are the survey's, default first, and a survey in several gives every
 * text and label in each of them; {@code anonymity} says whether rows carry pseudonyms and days (anonymous) or stored ids and moments.
 */
public record Codebook(String surveyId, int version, String title, List<String> languages, Anonymity anonymity, List<ExportColumn> columns) {

    public boolean anonymous() {
        return anonymity == Anonymity.ANONYMOUS;
    }
}
