package io.canvass.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the database holds for one survey, read straight from its tables (not through the service
 * under test), and checked against what the clients were told.
 */
final class StoredResponses {

    private StoredResponses() {
    }

    static Connection open() throws SQLException {
        return DriverManager.getConnection(System.getProperty("quarkus.datasource.jdbc.url"),
                System.getProperty("quarkus.datasource.username"), "");
    }

    /**
     * Every acknowledged submission is stored, once, whole: its response, its one status change in the
     * log replicas read, its idempotency key, its personal data item (unlinked: the survey is anonymous);
     * nothing else is stored; and the quota counters equal the completes they count.
     */
    static void assertExactly(String survey, SubmissionLoad load) throws SQLException {
        Map<String, String> acknowledged = load.acknowledged();
        try (Connection db = open()) {
            Map<String, String> keys = rows(db, "select idem_key, response_id from idempotency_key where survey_id = ?", survey);
            assertEquals(acknowledged, keys, "each acknowledged key maps to the response id the client was given");

            Map<String, String> responses = rows(db, "select id, status from response where survey_id = ?", survey);
            assertEquals(acknowledged.size(), responses.size(), "one stored response per acknowledged submission, none twice");
            assertEquals(Map.copyOf(invert(acknowledged)).keySet(), responses.keySet());
            assertEquals(Map.of("COMPLETE", (long) responses.size()), countBy(responses));

            assertEquals(responses.size(), count(db, """
                    select count(*) from response r where r.survey_id = ?
                      and (select count(*) from response_change c where c.response_id = r.id and c.status = r.status) = 1
                      and (select count(*) from response_change c where c.response_id = r.id) = 1
                      and (select count(*) from personal_data p where p.response_id = r.id) = 0
                      and r.answers like '%"note"%'""", survey), "every response is whole: change logged, answers");
            assertEquals(responses.size(), count(db, "select count(*) from response_change where survey_id = ?", survey));
            // The survey is anonymous: each response's e-mail is on the survey's list, linked to no response.
            assertEquals(responses.size(), count(db, "select count(*) from unlinked_personal_data where survey_id = ?", survey),
                    "one personal data item per response, kept apart");

            for (String code : new String[] {"x", "y"}) {
                long filled = count(db, "select filled from quota_counter where survey_id = ? and quota_id = 'pick' and cell = '"
                        + code + "'", survey);
                assertEquals(load.acknowledgedPicking(code), filled, "quota counter for " + code);
            }
        }
    }

    private static Map<String, String> invert(Map<String, String> map) {
        Map<String, String> inverted = new HashMap<>();
        map.forEach((key, value) -> {
            if (inverted.put(value, key) != null) {
                throw new AssertionError("response " + value + " acknowledged for two keys");
            }
        });
        return inverted;
    }

    private static Map<String, Long> countBy(Map<String, String> statuses) {
        Map<String, Long> counts = new HashMap<>();
        statuses.values().forEach(status -> counts.merge(status, 1L, Long::sum));
        return counts;
    }

    private static Map<String, String> rows(Connection db, String sql, String survey) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, survey);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (rows.put(result.getString(1), result.getString(2)) != null) {
                        throw new AssertionError("duplicate row " + result.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static long count(Connection db, String sql, String survey) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, survey);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
