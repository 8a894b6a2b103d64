package io.canvass.response;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A personal answer (an e-mail address, or a question marked personal data) kept with its response,
 * in its own table so that answers, results and exports never carry it and erasure never touches
 * them: on identified surveys, and on anonymous ones while the response is in progress in the
 * browser (see {@link PersonalDataService}).
 */
@Entity
@Table(name = "personal_data")
@IdClass(PersonalDataEntry.Key.class)
public class PersonalDataEntry {

    /**
     * The longest personal answer stored, in UTF-16 units: the column's size (H2 counts UTF-16
     * units, PostgreSQL characters, so it fits both), checked with the answers before anything is stored.
     */
    public static final int MAX_CONTENT_LENGTH = io.canvass.questionnaire.Question.PERSONAL_DATA_MAX_UTF16;

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
