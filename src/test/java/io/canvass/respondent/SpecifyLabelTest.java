package io.canvass.respondent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** An option's label inside "If other, please specify", in each page language's own grammar (the bundles need Quarkus). */
@QuarkusTest
class SpecifyLabelTest {

    @Test
    void aLabelIsLowerCasedOnlyWhereTheLanguageWritesItSo() {
        assertEquals("other", PageViews.inSentence("Other", "en"));
        assertEquals("autre", PageViews.inSentence("Autre", "fr"));
        assertEquals("Sonstiges", PageViews.inSentence("Sonstiges", "de"), "a German noun keeps its capital");
        assertEquals("AI tools", PageViews.inSentence("AI tools", "en"), "an acronym keeps its capitals");
        assertEquals("その他", PageViews.inSentence("その他", "ja"));
        assertEquals("기타", PageViews.inSentence("기타", "ko"));
        assertEquals("X", PageViews.inSentence("X", "en"));
    }

    @Test
    void theSentenceComesFromTheLanguagesMessages() {
        assertEquals("If other, please specify", RespondentLanguage.texts("en").specify_label(PageViews.inSentence("Other", "en")));
        assertEquals("Falls Sonstiges, bitte angeben",
                RespondentLanguage.texts("de").specify_label(PageViews.inSentence("Sonstiges", "de")));
    }
}
