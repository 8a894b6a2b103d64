package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One answer option of a choice question, or a row or column of a matrix.
 * Flags are normalised to {@code true} or absent so that the published JSON only names what is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Option(String code, LocalizedText label, Boolean screenOut, Boolean exclusive, Boolean specify) {

    public Option {
        screenOut = trueOrNull(screenOut);
        exclusive = trueOrNull(exclusive);
        specify = trueOrNull(specify);
    }

    /** This option with its label's default language first. */
    Option withDefaultFirst(String language) {
        return new Option(code, LocalizedText.first(label, language), screenOut, exclusive, specify);
    }

    public boolean screensOut() {
        return Boolean.TRUE.equals(screenOut);
    }

    public boolean excludesOthers() {
        return Boolean.TRUE.equals(exclusive);
    }

    public boolean takesSpecifyText() {
        return Boolean.TRUE.equals(specify);
    }

    private static Boolean trueOrNull(Boolean flag) {
        return Boolean.TRUE.equals(flag) ? Boolean.TRUE : null;
    }
}
