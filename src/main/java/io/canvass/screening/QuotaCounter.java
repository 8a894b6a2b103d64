package io.canvass.screening;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** How many completes one quota cell (a survey's quota and one answer code) holds, and its cap. */
@Entity
@Table(name = "quota_counter")
@IdClass(QuotaCounter.Key.class)
public class QuotaCounter {

    @Id
    @Column(name = "survey_id")
    public String surveyId;

    @Id
    @Column(name = "quota_id")
    public String quotaId;

    @Id
    public String cell;

    @Column(nullable = false)
    public int cap;

    @Column(nullable = false)
    public int filled;

    /** The composite id: survey, quota and answer code. */
    public static class Key implements Serializable {
        public String surveyId;
        public String quotaId;
        public String cell;

        public Key() {
        }

        public Key(String surveyId, String quotaId, String cell) {
            this.surveyId = surveyId;
            this.quotaId = quotaId;
            this.cell = cell;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.surveyId, surveyId)
                    && Objects.equals(key.quotaId, quotaId) && Objects.equals(key.cell, cell);
        }

        @Override
        public int hashCode() {
            return Objects.hash(surveyId, quotaId, cell);
        }
    }
}
