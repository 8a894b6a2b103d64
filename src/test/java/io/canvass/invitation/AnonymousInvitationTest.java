package io.canvass.invitation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.Tokens;
import io.canvass.response.PersonalDataRepository;
import io.canvass.response.ResponseRepository;
import io.canvass.response.UnlinkedPersonalDataRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * An anonymous survey by invitation, through the API: a researcher who knows whom each labelled
 * invitation went to can learn that it was used, and on which day, and nothing that ties it to answers.
 */
@QuarkusTest
class AnonymousInvitationTest {

    private static final String SURVEY = "test-anonymous";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InvitationRepository invitations;

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    UnlinkedPersonalDataRepository unlinked;

    private static String invite(String label) {
        return given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("labels", List.of(label)))
                .when().post("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(201).extract().jsonPath().getString("[0].token");
    }

    private static Response submit(String token, Map<String, Object> answers) {
        return given().contentType(ContentType.JSON).body(Map.of("invitation", token, "answers", answers))
                .when().post("/api/surveys/{id}/responses", SURVEY);
    }

    private static JsonNode listed(String token) throws Exception {
        JsonNode list = JSON.readTree(given().auth().oauth2(Tokens.researcher())
                .when().get("/api/surveys/{id}/invitations", SURVEY).then().statusCode(200).extract().asString());
        for (JsonNode invitation : list) {
            if (invitation.get("token").asText().equals(token)) {
                return invitation;
            }
        }
        throw new AssertionError("invitation not listed");
    }

    private long stored() {
        return QuarkusTransaction.requiringNew().call(() -> responses.count("surveyId", SURVEY));
    }

    @Test
    void nothingJoinsALabelledInvitationToTheAnswersItLedTo() throws Exception {
        String label = "Jane Roe, CFO " + UUID.randomUUID();
        String email = "jane." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = invite(label);
        String id = submit(token, Map.of("role", "exec", "view", "yes", "email", email))
                .then().statusCode(201).extract().path("id");

        JsonNode invitation = listed(token);
        assertEquals("used", invitation.get("state").asText());
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), invitation.get("usedOn").asText());
        assertTrue(invitation.get("usedAt").isNull(), "no time of use: " + invitation);
        String csvList = given().auth().oauth2(Tokens.researcher()).accept("text/csv")
                .when().get("/api/surveys/{id}/invitations", SURVEY).then().statusCode(200).extract().asString();
        assertFalse(csvList.contains(id));

        Invitation row = QuarkusTransaction.requiringNew().call(() -> invitations.findById(token));
        assertEquals(InvitationState.USED, row.state);
        assertNull(row.responseId, "the invitation keeps no response id");
        assertNull(row.usedAt, "the invitation keeps no time");
        assertEquals(LocalDate.now(ZoneOffset.UTC), row.usedOn);
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(id)),
                "the e-mail is not kept with the response");
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> unlinked.ofSurvey(SURVEY)).stream()
                .filter(entry -> entry.value.equals(email)).count(), "it is on the survey's list instead");

        String export = given().auth().oauth2(Tokens.researcher()).accept("text/csv")
                .queryParam("status", "complete,screened_out,quota_full,in_progress")
                .when().get("/api/surveys/{id}/responses", SURVEY).then().statusCode(200).extract().asString();
        assertFalse(export.contains(id), "the export does not carry the stored id");
        assertFalse(export.contains(label));
        try (CSVParser csv = CSVParser.parse(new StringReader(export), CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).build())) {
            List<CSVRecord> rows = csv.getRecords();
            assertFalse(rows.isEmpty());
            for (CSVRecord exported : rows) {
                assertTrue(exported.get("response_id").matches("[0-9a-f]{32}"), exported.get("response_id"));
                assertTrue(exported.get("submitted_at").matches("(\\d{4}-\\d{2}-\\d{2})?"), exported.get("submitted_at"));
            }
        }
        String ndjson = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson")
                .when().get("/api/surveys/{id}/responses", SURVEY).then().statusCode(200).extract().asString();
        assertFalse(ndjson.contains(id));
        for (String line : ndjson.split("\n")) {
            JsonNode exported = JSON.readTree(line);
            assertTrue(exported.get("submitted_at").asText().matches("\\d{4}-\\d{2}-\\d{2}"), line);
        }
        String audit = given().auth().oauth2(Tokens.researcher()).when().get("/api/audit?surveyId=" + SURVEY)
                .then().statusCode(200).extract().asString();
        assertFalse(audit.contains(id), "no audit entry names the response");
    }

    @Test
    void aScreenedOutInviteeShowsOnlyAsUsed() throws Exception {
        String token = invite("Screened " + UUID.randomUUID());
        submit(token, Map.of("role", "other")).then().statusCode(201);
        assertEquals("used", listed(token).get("state").asText(), "an outcome would tell the researcher an answer");
        submit(token, Map.of("role", "exec", "view", "no")).then().statusCode(403);
        given().auth().oauth2(Tokens.researcher()).when()
                .delete("/api/surveys/{id}/invitations/{token}", SURVEY, token).then().statusCode(409);
    }

    @Test
    void fiftyRacingSubmissionsOnOneTokenStoreOneResponse() throws Exception {
        String token = invite("Racer " + UUID.randomUUID());
        long before = stored();
        ExecutorService pool = Executors.newFixedThreadPool(25);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return submit(token, Map.of("role", "exec", "view", "yes")).statusCode();
            }));
        }
        start.countDown();
        Map<Integer, Integer> statuses = new HashMap<>();
        for (Future<Integer> future : futures) {
            statuses.merge(future.get(), 1, Integer::sum);
        }
        pool.shutdown();
        assertEquals(Map.of(201, 1, 403, 49), statuses);
        assertEquals(before + 1, stored());
        assertEquals("used", listed(token).get("state").asText());
    }
}
