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
        String title,
        String description,
        Integer estimatedMinutes,
        String privacyNotice,
        Integer target,
        Integer minGroupSize,
        Access access,
        Anonymity anonymity,
        List<SurveyGrant> grants,
        List<Page> pages,
        List<Quota> quotas) {

    /** Groups smaller than this are suppressed in results unless the definition says otherwise. */
    public static final int DEFAULT_MIN_GROUP_SIZE = 5;

    public SurveyDefinition {
        version = version == null ? 1 : version;
        minGroupSize = minGroupSize == null ? DEFAULT_MIN_GROUP_SIZE : minGroupSize;
        access = access == null ? Access.OPEN : access;
        // Confidential by default: a survey links nobody to their answers unless it says it must.
        anonymity = anonymity == null ? Anonymity.ANONYMOUS : anonymity;
        grants = grants == null ? List.of() : List.copyOf(grants);
        pages = pages == null ? List.of() : List.copyOf(pages);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
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
        return new SurveyDefinition(id, newVersion, title, description, estimatedMinutes, privacyNotice, target,
                minGroupSize, access, anonymity, grants, pages, quotas);
    }
}
