package io.canvass.response;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * An answer to a question marked personal data (e.g. an e-mail for a copy of the report), kept in
 * its own table so that answers, results and exports never carry it and erasure never touches them.
 */
@Entity
@Table(name = "personal_data")
@IdClass(PersonalDataEntry.Key.class)
public class PersonalDataEntry {

    @Id
    @Column(name = "response_id")
    public String responseId;

    @Id
    @Column(name = "question_id")
    public String questionId;

    @Column(name = "content", nullable = false)
    public String value;

    /** The composite id: response and question. */
    public static class Key implements Serializable {
        public String responseId;
        public String questionId;

        public Key() {
        }

        public Key(String responseId, String questionId) {
            this.responseId = responseId;
            this.questionId = questionId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.responseId, responseId)
                    && Objects.equals(key.questionId, questionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(responseId, questionId);
        }
    }
}
