package io.canvass.questionnaire;

import java.util.List;

/**
 * The languages Canvass has the pages' fixed texts in (buttons, messages, progress, endings): the
 * message bundle {@code messages/msg.properties} (English) and one {@code msg_<language>.properties}
 * per translation. A survey may only offer these, so a respondent never meets an untranslated button.
 */
public final class PageLanguages {

    /** The bundle's own language: its texts are the interface's defaults. */
    public static final String BUNDLE_DEFAULT = "en";
    /** Every language with a bundle file; a new {@code msg_xx.properties} joins this list (docs/languages.md). */
    private static final List<String> TRANSLATED = List.of("en", "ja", "ko", "de", "fr");

    private PageLanguages() {
    }

    public static boolean available(String language) {
        return TRANSLATED.contains(language);
    }

    public static List<String> all() {
        return TRANSLATED;
    }
}
