package io.canvass.survey;

import io.canvass.questionnaire.DefinitionFormat;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One version of a survey's definition; once published it never changes. */
@Entity
@Table(name = "survey_version")
@IdClass(SurveyVersion.Key.class)
public class SurveyVersion {

    @Id
    @Column(name = "survey_id")
    public String surveyId;

    @Id
    public int version;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public boolean published;

    /** The definition as the API publishes it. */
    @Column(name = "definition_json", nullable = false)
    public String definitionJson;

    /** The definition as its author wrote it, exported unchanged. */
    @Column(name = "source_text", nullable = false)
    public String sourceText;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_format", nullable = false)
    public DefinitionFormat sourceFormat;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** The composite id: survey and version number. */
    public static class Key implements Serializable {
        public String surveyId;
        public int version;

        public Key() {
        }

        public Key(String surveyId, int version) {
            this.surveyId = surveyId;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.version == version && java.util.Objects.equals(key.surveyId, surveyId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(surveyId, version);
        }
    }
}
