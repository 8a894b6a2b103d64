package io.canvass.respondent;

import java.util.List;
import java.util.Map;

/**
 * The form field of every respondent page that no person sees (templates/RespondentResource/page.html):
 * off screen, out of the tab order, hidden from screen readers and labelled "leave this field empty".
 * Programs that fill in every field fill it; a page post with it filled marks the response {@code bot}.
 * Its name is not a possible question id (those start with a lower-case letter), so it is never an answer.
 */
final class Honeypot {

    /** The field's name, as the page template writes it. */
    static final String FIELD = "Website";

    private Honeypot() {
    }

    static boolean filled(Map<String, List<String>> form) {
        List<String> values = form.get(FIELD);
        return values != null && values.stream().anyMatch(value -> value != null && !value.isBlank());
    }
}
