package io.canvass.questionnaire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole questionnaire as researchers write it under {@code questionnaire/}. Immutable once parsed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SurveyDefinition(
        String id,
        Integer version,
        List<String> languages,
        LocalizedText title,
        LocalizedText description,
        Integer estimatedMinutes,
        LocalizedText privacyNotice,
        Integer target,
        Integer minGroupSize,
        Access access,
        Anonymity anonymity,
        List<SurveyGrant> grants,
        List<Page> pages,
        List<Quota> quotas) {

    /** Groups smaller than this are suppressed in results unless the definition says otherwise. */
    public static final int DEFAULT_MIN_GROUP_SIZE = 5;
    /** The language of a definition that declares none. */
    public static final String DEFAULT_LANGUAGE = "en";

    public SurveyDefinition {
        version = version == null ? 1 : version;
        languages = languages == null || languages.isEmpty() ? null : List.copyOf(languages);
        String first = languages == null ? DEFAULT_LANGUAGE : languages.get(0);
        title = LocalizedText.first(title, first);
        description = LocalizedText.first(description, first);
        privacyNotice = LocalizedText.first(privacyNotice, first);
        minGroupSize = minGroupSize == null ? DEFAULT_MIN_GROUP_SIZE : minGroupSize;
        access = access == null ? Access.OPEN : access;
        // Confidential by default: a survey links nobody to their answers unless it says it must.
        anonymity = anonymity == null ? Anonymity.ANONYMOUS : anonymity;
        grants = grants == null ? List.of() : List.copyOf(grants);
        pages = pages == null ? List.of() : pages.stream().map(p -> p.withDefaultFirst(first)).toList();
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
    }

    /** The languages respondents may answer in, the default first ({@value #DEFAULT_LANGUAGE} when none is declared). */
    @JsonIgnore
    public List<String> respondentLanguages() {
        return languages == null ? List.of(DEFAULT_LANGUAGE) : languages;
    }

    /** The language of a respondent who asks for none of the survey's, and of staff pages, results and exports. */
    @JsonIgnore
    public String defaultLanguage() {
        return respondentLanguages().get(0);
    }

    /** {@code language} if respondents may answer in it, else the default (a response stored without one, or before a version dropped it). */
    public String languageOr(String language) {
        return offers(language) ? language : defaultLanguage();
    }

    /** Whether respondents may answer in {@code language}. */
    public boolean offers(String language) {
        return language != null && respondentLanguages().contains(language);
    }

    /** Every question in survey order. */
    @JsonIgnore
    public List<Question> questions() {
        return pages.stream().flatMap(p -> p.questions().stream()).toList();
    }

    /** Questions by id, in survey order. */
    @JsonIgnore
    public Map<String, Question> questionsById() {
        Map<String, Question> byId = new LinkedHashMap<>();
        for (Question q : questions()) {
            byId.putIfAbsent(q.id(), q);
        }
        return byId;
    }

    @JsonIgnore
    public Optional<Question> question(String id) {
        return Optional.ofNullable(questionsById().get(id));
    }

    /** The index of the page a question stands on, or -1. */
    public int pageIndexOf(String questionId) {
        for (int i = 0; i < pages.size(); i++) {
            for (Question q : pages.get(i).questions()) {
                if (q.id().equals(questionId)) {
                    return i;
                }
            }
        }
        return -1;
    }

    public SurveyDefinition withVersion(int newVersion) {
        return new SurveyDefinition(id, newVersion, languages, title, description, estimatedMinutes, privacyNotice, target,
                minGroupSize, access, anonymity, grants, pages, quotas);
    }
}
