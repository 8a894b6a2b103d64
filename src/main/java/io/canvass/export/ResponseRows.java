package io.canvass.export;

import io.agroal.api.AgroalDataSource;
import io.canvass.response.ResponseStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Reads a survey's responses in export order with a forward-only cursor, one fetch of rows at a
 * time, so that a million responses never sit in memory. PostgreSQL streams only inside a
 * transaction (with auto-commit on, its driver reads the whole result first), hence the
 * transaction around the scan, open as long as the export takes.
 */
@ApplicationScoped
public class ResponseRows {

    /** Callback per row; may throw the IOException of the stream it writes to. */
    @FunctionalInterface
    public interface RowSink {
        void accept(StoredResponse row) throws IOException;
    }

    private final AgroalDataSource dataSource;
    private final ExportConfig config;

    public ResponseRows(AgroalDataSource dataSource, ExportConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Every response of the survey with one of the statuses, by submission time then id (partial ones last). */
    public void forEach(String surveyId, Set<ResponseStatus> statuses, RowSink sink) {
        List<ResponseStatus> wanted = List.copyOf(statuses);
        // Matches the index (survey_id, status, submitted_at, id): PostgreSQL walks it without sorting.
        String sql = "SELECT id, status, survey_version, submitted_at, reason, answers FROM response"
                + " WHERE survey_id = ? AND status IN (" + String.join(", ", Collections.nCopies(wanted.size(), "?")) + ")"
                + " ORDER BY submitted_at ASC NULLS LAST, id ASC";
        QuarkusTransaction.requiringNew().timeout((int) config.maxDuration().toSeconds()).run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement query = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                            ResultSet.CONCUR_READ_ONLY)) {
                query.setFetchSize(config.fetchSize());
                query.setString(1, surveyId);
                for (int i = 0; i < wanted.size(); i++) {
                    query.setString(i + 2, wanted.get(i).name());
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        OffsetDateTime submitted = rows.getObject(4, OffsetDateTime.class);
                        sink.accept(new StoredResponse(rows.getString(1), ResponseStatus.valueOf(rows.getString(2)),
                                rows.getInt(3), submitted == null ? null : submitted.toInstant(), rows.getString(5),
                                rows.getString(6)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Reading responses for export failed", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
