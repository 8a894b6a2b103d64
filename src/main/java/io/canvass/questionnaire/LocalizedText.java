package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A respondent-visible text of a definition: a plain string (a one-language survey, the text in its
 * default language) or a map from language code to text ({@code {en: "…", ja: "…"}}), as SurveyJS has it.
 * The parser puts the default language first in every map ({@link DefinitionParser}), so
 * {@link #defaultText()} is the default language's text whatever order the author wrote.
 */
public final class LocalizedText {

    private final String plain;
    private final Map<String, String> byLanguage;

    private LocalizedText(String plain, Map<String, String> byLanguage) {
        this.plain = plain;
        this.byLanguage = byLanguage;
    }

    /** A one-language text. */
    public static LocalizedText of(String text) {
        return new LocalizedText(Objects.requireNonNull(text), Map.of());
    }

    /** A text per language, in the order given (the first is the default language's). */
    public static LocalizedText of(Map<String, String> byLanguage) {
        return new LocalizedText(null, Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage)));
    }

    /** How a definition writes a text: a string, or an object of strings by language (the schema checked which). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LocalizedText fromJson(Object value) {
        if (value instanceof String text) {
            return of(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> texts = new LinkedHashMap<>();
            map.forEach((language, text) -> texts.put(String.valueOf(language), String.valueOf(text)));
            return of(texts);
        }
        throw new IllegalArgumentException("a text is a string or an object of strings by language");
    }

    @JsonValue
    Object toJson() {
        return plain != null ? plain : byLanguage;
    }

    /** The text in {@code language}; a plain text is the same in every language, a missing one falls back to the default. */
    public String in(String language) {
        if (plain != null) {
            return plain;
        }
        String text = byLanguage.get(language);
        return text != null ? text : defaultText();
    }

    /** {@code text.in(language)}, or null for a text the definition leaves out. */
    public static String in(LocalizedText text, String language) {
        return text == null ? null : text.in(language);
    }

    /** The text in the survey's default language: for staff pages, results and exports. */
    public String defaultText() {
        return plain != null ? plain : byLanguage.values().iterator().next();
    }

    /** {@code text.defaultText()}, or null for a text the definition leaves out. */
    public static String defaultText(LocalizedText text) {
        return text == null ? null : text.defaultText();
    }

    /** {@code text} with {@code language}'s entry first (null stays null): the parser's order for {@link #defaultText()}. */
    static LocalizedText first(LocalizedText text, String language) {
        // Already in order (every definition read back from its canonical JSON): nothing to copy.
        if (text == null || text.plain != null || !text.byLanguage.containsKey(language)
                || text.byLanguage.keySet().iterator().next().equals(language)) {
            return text;
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put(language, text.byLanguage.get(language));
        ordered.putAll(text.byLanguage);
        return of(ordered);
    }

    /** Whether this is a plain string rather than a map by language. */
    public boolean isPlain() {
        return plain != null;
    }

    /** The languages a map names (empty for a plain text). */
    public Set<String> languages() {
        return byLanguage.keySet();
    }

    /** The map by language, or for a plain text a map of {@code defaultLanguage} to it. */
    public Map<String, String> byLanguage(String defaultLanguage) {
        return plain != null ? Map.of(defaultLanguage, plain) : byLanguage;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LocalizedText that && Objects.equals(plain, that.plain)
                && byLanguage.equals(that.byLanguage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(plain, byLanguage);
    }

    /** The default language's text, so a text reads as itself in logs and messages. */
    @Override
    public String toString() {
        return defaultText();
    }
}
