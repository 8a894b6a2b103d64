package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/** One question of a survey definition. Which fields apply depends on {@link #type()}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Question(
        String id,
        QuestionType type,
        LocalizedText text,
        LocalizedText help,
        Boolean required,
        List<Option> options,
        List<Option> rows,
        List<Option> columns,
        Integer min,
        Integer max,
        LocalizedText minLabel,
        LocalizedText maxLabel,
        Integer maxLength,
        Boolean personalData,
        Condition condition) {

    /** Default length limit of a text answer when the definition sets none. */
    public static final int DEFAULT_TEXT_MAX_LENGTH = 2000;
    /** Length limit of the free text that goes with an "other, please specify" option. */
    public static final int SPECIFY_TEXT_MAX_LENGTH = 500;
    /**
     * Personal data is stored apart in a column of this many UTF-16 units: a longer personal answer
     * (a definition may allow more characters, and some characters take two units) is refused as too long.
     */
    public static final int PERSONAL_DATA_MAX_UTF16 = 20_000;
    /** RFC 5321 limits a forward path to 254 characters. */
    public static final int EMAIL_MAX_LENGTH = 254;

    public Question {
        required = required == null ? Boolean.TRUE : required;
        personalData = Boolean.TRUE.equals(personalData) ? Boolean.TRUE : null;
        options = options == null ? null : List.copyOf(options);
        rows = rows == null ? null : List.copyOf(rows);
        columns = columns == null ? null : List.copyOf(columns);
        if (type == QuestionType.TEXT && maxLength == null) {
            maxLength = DEFAULT_TEXT_MAX_LENGTH;
        }
        if (type == QuestionType.EMAIL && maxLength == null) {
            maxLength = EMAIL_MAX_LENGTH;
        }
    }

    /** This question with every text's default language first. */
    Question withDefaultFirst(String language) {
        return new Question(id, type, LocalizedText.first(text, language), LocalizedText.first(help, language), required,
                withDefaultFirst(options, language), withDefaultFirst(rows, language), withDefaultFirst(columns, language),
                min, max, LocalizedText.first(minLabel, language), LocalizedText.first(maxLabel, language), maxLength,
                personalData, condition);
    }

    private static List<Option> withDefaultFirst(List<Option> options, String language) {
        return options == null ? null : options.stream().map(o -> o.withDefaultFirst(language)).toList();
    }

    public boolean requiresAnswer() {
        return required;
    }

    /**
     * Personal data is stored apart from the answers and never leaves in results or exports. An
     * e-mail address always is, whether or not the definition says so: it names a person.
     */
    public boolean holdsPersonalData() {
        return Boolean.TRUE.equals(personalData) || type == QuestionType.EMAIL;
    }

    @JsonIgnore
    public Optional<Option> option(String code) {
        return find(options, code);
    }

    @JsonIgnore
    public Optional<Option> row(String code) {
        return find(rows, code);
    }

    @JsonIgnore
    public Optional<Option> column(String code) {
        return find(columns, code);
    }

    /** The codes an answer may take: option codes, matrix column codes, or the scale points. */
    @JsonIgnore
    public List<String> answerCodes() {
        return switch (type) {
            case SINGLE, MULTIPLE -> options.stream().map(Option::code).toList();
            case MATRIX -> columns.stream().map(Option::code).toList();
            case SCALE -> java.util.stream.IntStream.rangeClosed(min, max).mapToObj(Integer::toString).toList();
            case TEXT, EMAIL -> List.of();
        };
    }

    private static Optional<Option> find(List<Option> list, String code) {
        if (list == null || code == null) {
            return Optional.empty();
        }
        return list.stream().filter(o -> o.code().equals(code)).findFirst();
    }
}
