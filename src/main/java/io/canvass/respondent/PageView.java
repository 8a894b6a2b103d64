package io.canvass.respondent;

import io.canvass.questionnaire.LanguageNames;
import java.util.List;

/** Everything a survey page shows, prepared so the template only lays it out. */
public record PageView(
        String surveyId,
        String surveyTitle,
        String token,
        int pageNumber,
        int pageCount,
        String pageTitle,
        String pageDescription,
        List<QuestionView> questions,
        List<ErrorLink> errors,
        boolean first,
        boolean last,
        String language,
        List<RespondentLanguage.Choice> languages) {

    /** The page title changes with the page and says when the page has errors. */
    public String documentTitle() {
        return (errors.isEmpty() ? "" : RespondentLanguage.texts(language).page_title_error_prefix()) + pageTitle
                + " – " + surveyTitle;
    }

    /** {@code ltr} or {@code rtl}, for the page's {@code dir}. */
    public String direction() {
        return LanguageNames.direction(language);
    }

    public String action() {
        return "/s/" + surveyId + "/r/" + token + "/" + pageNumber;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * One line of the error summary, linking to the field it is about; the field and violation code
     * are those the API reports for the same answers (for scripts and tests, never shown).
     */
    public record ErrorLink(String href, String message, String field, String code) {
    }

    /** A question with its current answer and error, ready to render. */
    public record QuestionView(
            String id,
            String type,
            String text,
            String help,
            boolean required,
            String error,
            String anchorId,
            List<Choice> choices,
            List<Row> rows,
            List<Choice> columns,
            String value,
            Integer maxLength,
            String minLabel,
            String maxLabel,
            String revealedBy) {

        public String hintId() {
            return "hint-" + id;
        }

        public String errorId() {
            return "error-" + id;
        }

        /** The ids of the hint and error, for aria-describedby. */
        public String describedBy() {
            String ids = (help != null ? hintId() + " " : "") + (error != null ? errorId() : "");
            return ids.strip();
        }
    }

    /** One radio or checkbox. */
    public record Choice(String inputId, String name, String value, String label, boolean checked, boolean exclusive,
            String specifyName, String specifyId, String specifyLabel, String specifyValue, String specifyError) {
    }

    /** One matrix row: its radios, one per column. */
    public record Row(String code, String label, String name, List<Choice> cells, String error, String errorId) {

        public String headerId() {
            return "h-" + name.replace('.', '-');
        }
    }
}
