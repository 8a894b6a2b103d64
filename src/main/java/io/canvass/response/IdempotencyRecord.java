package io.canvass.response;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Which response an Idempotency-Key produced, so that a retry gets the same receipt. */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord {

    @Id
    @Column(name = "survey_id")
    public String surveyId;

    @Id
    @Column(name = "idem_key")
    public String idempotencyKey;

    /** SHA-256 of the canonical request, to tell a retry from a different request under the same key. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "response_id", nullable = false)
    public String responseId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The composite id: survey and key. */
    public static class Key implements Serializable {
        public String surveyId;
        public String idempotencyKey;

        public Key() {
        }

        public Key(String surveyId, String idempotencyKey) {
            this.surveyId = surveyId;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.surveyId, surveyId)
                    && Objects.equals(key.idempotencyKey, idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(surveyId, idempotencyKey);
        }
    }
}
