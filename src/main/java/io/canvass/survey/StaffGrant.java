package io.canvass.survey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Access to one survey granted to one staff member, named by their token's subject. */
@Entity
@Table(name = "survey_grant")
@IdClass(StaffGrant.Key.class)
public class StaffGrant {

    @Id
    @Column(name = "survey_id")
    public String surveyId;

    @Id
    public String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SurveyRole role;

    @Column(name = "granted_by", nullable = false)
    public String grantedBy;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    /** The composite id: survey and subject. */
    public static class Key implements Serializable {
        public String surveyId;
        public String subject;

        public Key() {
        }

        public Key(String surveyId, String subject) {
            this.surveyId = surveyId;
            this.subject = subject;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.surveyId, surveyId) && Objects.equals(key.subject, subject);
        }

        @Override
        public int hashCode() {
            return Objects.hash(surveyId, subject);
        }
    }
}
