package io.canvass.export;

import io.agroal.api.AgroalDataSource;
import io.canvass.interview.QualityFlag;
import io.canvass.response.ResponseStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

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

    private static final String COLUMNS = "id, status, survey_version, submitted_at, reason, answers, flags, review_reason, language";

    private final AgroalDataSource dataSource;
    private final ExportConfig config;

    public ResponseRows(AgroalDataSource dataSource, ExportConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Every response of the survey with one of the statuses (and, when {@code flags} names any, with one of
     * those quality flags), by submission time then id (partial ones last).
     */
    public void forEach(String surveyId, Set<ResponseStatus> statuses, Set<QualityFlag> flags, RowSink sink) {
        List<ResponseStatus> wanted = List.copyOf(statuses);
        List<QualityFlag> flagged = List.copyOf(flags);
        // Matches the index (survey_id, status, submitted_at, id): PostgreSQL walks it without sorting.
        String sql = "SELECT " + COLUMNS + " FROM response"
                + " WHERE survey_id = ? AND status IN (" + placeholders(wanted.size()) + ")" + flagCondition(flagged)
                + " ORDER BY submitted_at ASC NULLS LAST, id ASC";
        inReadTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                query.setFetchSize(config.fetchSize());
                bind(query, surveyId, wanted, flagged);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(stored(rows));
                    }
                }
            }
        });
    }

    /**
     * Every response of the survey with one of the statuses, by day of submission (UTC; partial ones
     * last) and within a day by pseudonym, so that the order of rows says nothing about the order of
     * submissions. The ids of one day are read first (in index order, as above), sorted, then their
     * rows fetched by id a batch at a time: memory holds one day's ids, not its rows.
     */
    public void forEachByDay(String surveyId, Set<ResponseStatus> statuses, Set<QualityFlag> flags,
            UnaryOperator<String> pseudonyms, RowSink sink) {
        List<ResponseStatus> wanted = List.copyOf(statuses);
        List<QualityFlag> flagged = List.copyOf(flags);
        String sql = "SELECT id, submitted_at FROM response"
                + " WHERE survey_id = ? AND status IN (" + placeholders(wanted.size()) + ")" + flagCondition(flagged)
                + " ORDER BY submitted_at ASC NULLS LAST, id ASC";
        inReadTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                query.setFetchSize(config.fetchSize());
                bind(query, surveyId, wanted, flagged);
                List<String> day = new ArrayList<>();
                LocalDate current = null;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        OffsetDateTime submitted = rows.getObject(2, OffsetDateTime.class);
                        LocalDate submittedOn = submitted == null ? null : submitted.toInstant().atOffset(ZoneOffset.UTC)
                                .toLocalDate();
                        if (!day.isEmpty() && !Objects.equals(submittedOn, current)) {
                            emitDay(connection, day, pseudonyms, sink);
                            day.clear();
                        }
                        current = submittedOn;
                        day.add(rows.getString(1));
                    }
                }
                emitDay(connection, day, pseudonyms, sink);
            }
        });
    }

    private void emitDay(Connection connection, List<String> ids, UnaryOperator<String> pseudonyms, RowSink sink)
            throws SQLException, IOException {
        Map<String, String> pseudonymOf = new HashMap<>();
        ids.forEach(id -> pseudonymOf.put(id, pseudonyms.apply(id)));
        List<String> ordered = new ArrayList<>(ids);
        ordered.sort(Comparator.comparing(pseudonymOf::get));
        for (int from = 0; from < ordered.size(); from += config.fetchSize()) {
            List<String> batch = ordered.subList(from, Math.min(ordered.size(), from + config.fetchSize()));
            Map<String, StoredResponse> byId = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM response WHERE id IN (" + placeholders(batch.size()) + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    query.setString(i + 1, batch.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        StoredResponse row = stored(rows);
                        byId.put(row.id(), row);
                    }
                }
            }
            for (String id : batch) {
                sink.accept(byId.get(id));
            }
        }
    }

    @FunctionalInterface
    private interface Scan {
        void run(Connection connection) throws SQLException, IOException;
    }

    private void inReadTransaction(Scan scan) {
        QuarkusTransaction.requiringNew().timeout((int) config.maxDuration().toSeconds()).run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                scan.run(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("Reading responses for export failed", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static StoredResponse stored(ResultSet rows) throws SQLException {
        OffsetDateTime submitted = rows.getObject(4, OffsetDateTime.class);
        return new StoredResponse(rows.getString(1), ResponseStatus.valueOf(rows.getString(2)), rows.getInt(3),
                submitted == null ? null : submitted.toInstant(), rows.getString(5), rows.getString(6), rows.getString(7),
                rows.getString(8), rows.getString(9));
    }

    /**
     * Rows with any of the flags. Flags are stored as codes separated by commas, and no code is part of
     * another, so a flag is in the list exactly when ",flag," is in ",list," (the same on H2 and PostgreSQL).
     */
    private static String flagCondition(List<QualityFlag> flags) {
        if (flags.isEmpty()) {
            return "";
        }
        return " AND (" + String.join(" OR ", Collections.nCopies(flags.size(), "(',' || flags || ',') LIKE ?")) + ")";
    }

    private static void bind(PreparedStatement query, String surveyId, List<ResponseStatus> wanted,
            List<QualityFlag> flags) throws SQLException {
        query.setString(1, surveyId);
        for (int i = 0; i < wanted.size(); i++) {
            query.setString(i + 2, wanted.get(i).name());
        }
        for (int i = 0; i < flags.size(); i++) {
            query.setString(wanted.size() + 2 + i, "%," + flags.get(i).code() + ",%");
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
