package io.canvass.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.Tokens;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.canvass.response.SurveyResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The export of an anonymous survey: pseudonyms instead of stored ids, days instead of moments, and
 * the rows of a day in pseudonym order, so that nothing in it matches a time or an order of arrival.
 */
@QuarkusTest
class AnonymousExportTest {

    private static final String SURVEY = "test-anonymous-export";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ResponseRepository responses;

    private static List<CSVRecord> csv() throws Exception {
        String body = given().auth().oauth2(Tokens.researcher()).accept("text/csv")
                .queryParam("status", "complete,in_progress")
                .when().get("/api/surveys/{id}/responses", SURVEY).then().statusCode(200).extract().asString();
        try (CSVParser parser = CSVParser.parse(new StringReader(body),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            return parser.getRecords();
        }
    }

    private static List<JsonNode> ndjson() throws Exception {
        String body = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson")
                .queryParam("status", "complete,in_progress")
                .when().get("/api/surveys/{id}/responses", SURVEY).then().statusCode(200).extract().asString();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void rowsCarryPseudonymsAndDaysInAnOrderThatSaysNothingOfArrival() throws Exception {
        // Twelve responses over three days, stored minutes apart in the order they arrived.
        // Mid-morning (UTC) two days ago, so that each day's four responses stay on their day whenever the test runs.
        Instant twoDaysAgo = LocalDate.now(ZoneOffset.UTC).minusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC);
        Map<String, Instant> submitted = new LinkedHashMap<>();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 4; i++) {
                submitted.put(UUID.randomUUID().toString(), twoDaysAgo.plus(day, ChronoUnit.DAYS).plus(i * 7L, ChronoUnit.MINUTES));
            }
        }
        String partial = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            submitted.forEach((id, at) -> responses.persist(response(id, ResponseStatus.COMPLETE, at)));
            responses.persist(response(partial, ResponseStatus.IN_PROGRESS, null));
        });

        List<CSVRecord> rows = csv();
        Set<String> exportedIds = rows.stream().map(r -> r.get("response_id")).collect(Collectors.toSet());
        for (String id : submitted.keySet()) {
            assertFalse(exportedIds.contains(id), "the stored id never leaves");
        }
        List<String> days = new ArrayList<>();
        List<String> pseudonyms = new ArrayList<>();
        for (CSVRecord row : rows) {
            assertTrue(row.get("response_id").matches("[0-9a-f]{32}"), row.get("response_id"));
            assertTrue(row.get("submitted_at").matches("(\\d{4}-\\d{2}-\\d{2})?"), "a day, no time: " + row.get("submitted_at"));
            days.add(row.get("submitted_at").isEmpty() ? "~" : row.get("submitted_at"));
            pseudonyms.add(row.get("submitted_at") + " " + row.get("response_id"));
        }
        assertEquals(days.stream().sorted().toList(), days, "days in order, partial responses last");
        assertEquals(pseudonyms.stream().sorted((a, b) -> {
            String dayA = a.substring(0, a.indexOf(' '));
            String dayB = b.substring(0, b.indexOf(' '));
            int byDay = (dayA.isEmpty() ? "~" : dayA).compareTo(dayB.isEmpty() ? "~" : dayB);
            return byDay != 0 ? byDay : a.compareTo(b);
        }).toList(), pseudonyms, "within a day, rows in pseudonym order");
        for (int day = 0; day < 3; day++) {
            String date = LocalDate.ofInstant(twoDaysAgo.plus(day, ChronoUnit.DAYS), ZoneOffset.UTC).toString();
            assertTrue(rows.stream().filter(r -> r.get("submitted_at").equals(date)).count() >= 4, date);
        }

        // The same pseudonyms every time, in CSV and NDJSON alike: rows can be matched between downloads.
        assertEquals(rows.stream().map(r -> r.get("response_id")).toList(),
                csv().stream().map(r -> r.get("response_id")).toList());
        List<JsonNode> lines = ndjson();
        assertEquals(rows.stream().map(r -> r.get("response_id")).toList(),
                lines.stream().map(l -> l.get("response_id").asText()).toList());
        assertEquals(rows.stream().map(r -> r.get("submitted_at")).toList(),
                lines.stream().map(l -> l.get("submitted_at").isNull() ? "" : l.get("submitted_at").asText()).toList());
    }

    @Test
    void theCodebookSaysWhatTheIdAndDateColumnsHold() {
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/codebook", SURVEY).then().statusCode(200)
                .body("anonymity", equalTo("anonymous"))
                .body("columns.find { it.column == 'response_id' }.text", containsString("Pseudonymous"))
                .body("columns.find { it.column == 'submitted_at' }.text", containsString("no time of day"));
        given().auth().oauth2(Tokens.researcher()).accept("text/html").when().get("/api/surveys/{id}/codebook", SURVEY)
                .then().statusCode(200).body(containsString("This survey is anonymous"));
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/codebook", "test-export").then()
                .statusCode(200).body("anonymity", equalTo("identified"))
                .body("columns.find { it.column == 'submitted_at' }.text", containsString("ISO 8601"));
    }

    private static SurveyResponse response(String id, ResponseStatus status, Instant submittedAt) {
        SurveyResponse response = new SurveyResponse();
        response.id = id;
        response.surveyId = SURVEY;
        response.surveyVersion = 1;
        response.status = status;
        response.answers = "{\"pick\":\"a\"}";
        response.startedAt = submittedAt == null ? Instant.now() : submittedAt.minus(5, ChronoUnit.MINUTES);
        response.submittedAt = submittedAt;
        return response;
    }
}
