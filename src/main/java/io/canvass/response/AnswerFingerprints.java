package io.canvass.response;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Claims answer fingerprints for completes in the transaction that stores them: the first complete of a
 * survey with a fingerprint is its original, every later one a duplicate. The claim is an insert that does
 * nothing on conflict, so two racing transactions with the same fingerprint settle it in the database:
 * the second waits for the first and, once that commits, finds the row taken (on PostgreSQL with
 * {@code ON CONFLICT DO NOTHING}; H2 reports the wait as a unique-key violation, and a second attempt then
 * finds the committed row). Claims are made in (survey, fingerprint) order, so two groups never wait on
 * each other in a circle.
 */
final class AnswerFingerprints {

    // One statement for a whole group, as for the writer's other tables.
    private static final String CLAIM_PG = "INSERT INTO answer_fingerprint (survey_id, fingerprint, response_id)"
            + " SELECT s, f, r FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS u(s, f, r)"
            + " ON CONFLICT DO NOTHING RETURNING response_id";
    private static final String CLAIM_H2 = "MERGE INTO answer_fingerprint k USING (VALUES (CAST(? AS VARCHAR(100)),"
            + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(36)))) v(survey_id, fingerprint, response_id)"
            + " ON k.survey_id = v.survey_id AND k.fingerprint = v.fingerprint"
            + " WHEN NOT MATCHED THEN INSERT (survey_id, fingerprint, response_id)"
            + " VALUES (v.survey_id, v.fingerprint, v.response_id)";
    private static final String UNIQUE_VIOLATION = "23505";

    private AnswerFingerprints() {
    }

    /** One complete's fingerprint to claim. */
    record Claim(String surveyId, String fingerprint, String responseId) {
    }

    /** Claims every fingerprint; returns the responses that were first with theirs (the others are duplicates). */
    static Set<String> claim(Connection connection, boolean postgresql, List<Claim> claims) throws SQLException {
        List<Claim> ordered = claims.stream()
                .sorted(Comparator.comparing(Claim::surveyId).thenComparing(Claim::fingerprint)).toList();
        Set<String> originals = new HashSet<>();
        if (ordered.isEmpty()) {
            return originals;
        }
        if (postgresql) {
            try (PreparedStatement insert = connection.prepareStatement(CLAIM_PG)) {
                insert.setArray(1, texts(connection, ordered, 0));
                insert.setArray(2, texts(connection, ordered, 1));
                insert.setArray(3, texts(connection, ordered, 2));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        originals.add(rows.getString(1));
                    }
                }
            }
            return originals;
        }
        try (PreparedStatement merge = connection.prepareStatement(CLAIM_H2)) {
            for (Claim claim : ordered) {
                merge.setString(1, claim.surveyId());
                merge.setString(2, claim.fingerprint());
                merge.setString(3, claim.responseId());
                if (mergeOnH2(merge) == 1) {
                    originals.add(claim.responseId());
                }
            }
        }
        return originals;
    }

    /** H2 waits for a racing insert of the same key and then reports a violation: by then the row is there to find. */
    private static int mergeOnH2(PreparedStatement merge) throws SQLException {
        try {
            return merge.executeUpdate();
        } catch (SQLException raced) {
            if (!UNIQUE_VIOLATION.equals(raced.getSQLState())) {
                throw raced;
            }
            return merge.executeUpdate();
        }
    }

    private static Array texts(Connection connection, List<Claim> claims, int column) throws SQLException {
        String[] values = new String[claims.size()];
        for (int i = 0; i < values.length; i++) {
            Claim claim = claims.get(i);
            values[i] = switch (column) {
                case 0 -> claim.surveyId();
                case 1 -> claim.fingerprint();
                default -> claim.responseId();
            };
        }
        return connection.createArrayOf("varchar", values);
    }
}
