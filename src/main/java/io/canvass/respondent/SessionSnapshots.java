package io.canvass.respondent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.canvass.response.ResponseLifecycle;
import io.canvass.response.ResponseStatus;
import io.canvass.survey.SurveyStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a page view needs of a resume token, in one read: the session, its response (status,
 * version, answers), the survey's state (for how long the link works) and the personal data kept
 * apart. One statement in autocommit, no transaction and no entities, because a page view writes
 * nothing: the review measured four round trips, a JTA commit and a flush per page before.
 */
@ApplicationScoped
class SessionSnapshots {

    private static final String READ = "SELECT s.survey_id, s.response_id, s.invitation_token, s.page_reached, "
            + "r.survey_version, r.status, r.answers, v.status, v.updated_at, p.question_id, p.content, r.language "
            + "FROM respondent_session s JOIN response r ON r.id = s.response_id JOIN survey v ON v.id = s.survey_id "
            + "LEFT JOIN personal_data p ON p.response_id = r.id WHERE s.token = ?";

    private final AgroalDataSource dataSource;

    SessionSnapshots(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The session of this token, if there is one (with its response and survey). */
    Optional<Snapshot> read(String token) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setString(1, token);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Snapshot snapshot = new Snapshot(token, row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                        row.getInt(5), ResponseStatus.valueOf(row.getString(6)), row.getString(7),
                        SurveyStatus.valueOf(row.getString(8)), row.getObject(9, OffsetDateTime.class).toInstant(),
                        row.getString(12), new LinkedHashMap<>());
                do {
                    if (row.getString(10) != null) {
                        snapshot.personalData.put(row.getString(10), row.getString(11));
                    }
                } while (row.next());
                return Optional.of(snapshot);
            }
        } catch (SQLException e) {
            throw new jakarta.persistence.PersistenceException("Could not read a respondent session", e);
        }
    }

    /** A resume token's session, response and survey state as one read found them; {@code language} may be null (the default). */
    record Snapshot(String token, String surveyId, String responseId, String invitationToken, int pageReached,
            int surveyVersion, ResponseStatus status, String storedAnswers, SurveyStatus surveyStatus,
            Instant surveyChangedAt, String language, Map<String, String> personalData) {

        /** The answers so far, parsed once, with the personal data put back. */
        ObjectNode answers() {
            ObjectNode answers = ResponseLifecycle.parse(storedAnswers);
            personalData.forEach(answers::put);
            return answers;
        }
    }
}
