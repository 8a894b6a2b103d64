package io.canvass.response;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * Personal data of a finished response to an anonymous survey (say, the address for a copy of the
 * report), on the survey's list with the day it was recorded and nothing that leads to the
 * response. The id is random, so not even the order of the rows follows the responses.
 */
@Entity
@Table(name = "unlinked_personal_data")
public class UnlinkedPersonalData {

    @Id
    public String id;

    @Column(name = "survey_id", nullable = false)
    public String surveyId;

    @Column(name = "question_id", nullable = false)
    public String questionId;

    @Column(name = "content", nullable = false)
    public String value;

    /** The day (UTC) it was recorded. */
    @Column(name = "recorded_on", nullable = false)
    public LocalDate recordedOn;
}
