package io.canvass.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.canvass.access.Roles;
import io.canvass.access.Tokens;
import io.canvass.response.QualitySurvey;
import io.canvass.screening.QuotaCounter;
import io.canvass.screening.QuotaCounterRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A researcher's review over HTTP: rejecting takes a complete out of results, exports and its quota place;
 * accepting brings it back while its cell has room; who may review, what a request must hold, the ids the
 * export shows (pseudonyms on anonymous surveys), the audit trail and ?flag= in the export.
 */
@QuarkusTest
class ReviewTest {

    private static final String OTHER_RESEARCHER = "otto.other@example.com";

    @Inject
    QuotaCounterRepository counters;

    static ValidatableResponse review(String id, Object body, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/responses/{id}/review", id).then();
    }

    static ValidatableResponse reject(String id, String reason) {
        return review(id, Map.of("decision", "reject", "reason", reason), Tokens.researcher());
    }

    static ValidatableResponse accept(String id) {
        return review(id, Map.of("decision", "accept"), Tokens.researcher());
    }

    static JsonNode results(String survey, String token) {
        return QualitySurvey.read(given().auth().oauth2(token).when().get("/api/surveys/{id}/results", survey)
                .then().statusCode(200).extract().asString());
    }

    private int filled(String survey, String cell) {
        QuotaCounter counter = QuarkusTransaction.requiringNew().call(() ->
                counters.findById(new QuotaCounter.Key(survey, "segment", cell)));
        return counter.filled;
    }

    @Test
    void aRejectedCompleteLeavesResultsAndItsQuotaPlaceAndAcceptingBringsItBack() {
        String survey = QualitySurvey.create("review-basics", false, 3);
        String first = QualitySurvey.submit(survey, QualitySurvey.answers(1, "a"), null).path("id").asText();
        String second = QualitySurvey.submit(survey, QualitySurvey.straightLined(2, "a", "low"), null).path("id").asText();
        QualitySurvey.submit(survey, QualitySurvey.answers(3, "a"), null);
        assertEquals(3, filled(survey, "a"));
        assertEquals("quota_full", QualitySurvey.submit(survey, QualitySurvey.answers(4, "a"), null).path("status").asText());
        assertEquals(1, results(survey, Tokens.researcher()).path("quality").path("flagged").asLong());

        reject(second, "Straight-lined the matrix in seconds.").statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(second)).body("status", equalTo("rejected")).body("changed", equalTo(true))
                .body("flags", equalTo(List.of("straightliner"))).body("reason", equalTo("Straight-lined the matrix in seconds."));
        assertEquals(2, filled(survey, "a"), "the place is free at once");
        JsonNode live = results(survey, Tokens.researcher());
        assertEquals(2, live.path("counts").path("complete").asLong(), "live results drop it at once");
        assertEquals(1, live.path("counts").path("rejected").asLong());
        assertEquals(4, live.path("counts").path("started").asLong(), "three completes and a quota-full, one now rejected");
        assertEquals(2, live.path("n").asLong());
        assertEquals(0, live.path("quality").path("flagged").asLong(), "the flagged complete has left");
        assertEquals(2, live.path("quotas").get(0).path("cells").get(0).path("filled").asLong());

        List<String> exported = QualitySurvey.export(survey, Map.of()).stream().map(r -> r.path("response_id").asText()).toList();
        assertFalse(exported.contains(second), "the default export holds completes only");
        JsonNode rejected = QualitySurvey.export(survey, Map.of("status", "rejected")).get(0);
        assertEquals(second, rejected.path("response_id").asText());
        assertEquals("rejected", rejected.path("status").asText());
        assertEquals("Straight-lined the matrix in seconds.", rejected.path("review_reason").asText());
        String csv = given().auth().oauth2(Tokens.researcher()).accept("text/csv").queryParam("status", "rejected")
                .when().get("/api/surveys/{id}/responses", survey).then().statusCode(200).extract().asString();
        assertTrue(csv.split("\r\n")[1].startsWith(second + ",rejected,1,"), csv);
        assertTrue(csv.contains(",straightliner,Straight-lined the matrix in seconds.,"), csv);

        // The freed place goes to the next complete; then the rejected one cannot come back.
        String taker = QualitySurvey.submit(survey, QualitySurvey.answers(5, "a"), null).path("id").asText();
        assertEquals("complete", QualitySurvey.exported(survey, taker).path("status").asText());
        accept(second).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:quota-cell-full")).body("detail", containsString("segment:a"));
        assertEquals(3, filled(survey, "a"));
        assertEquals("rejected", QualitySurvey.exported(survey, second).path("status").asText(), "nothing changed");

        // Once a place is free again, accepting takes it.
        reject(first, "Duplicate of a colleague's answers.").statusCode(200);
        accept(second).statusCode(200).body("status", equalTo("complete")).body("changed", equalTo(true));
        assertEquals(3, filled(survey, "a"));
        JsonNode restored = QualitySurvey.exported(survey, second);
        assertEquals("complete", restored.path("status").asText());
        assertFalse(restored.has("review_reason"), "a complete has no rejection reason");
        JsonNode after = results(survey, Tokens.researcher());
        assertEquals(3, after.path("counts").path("complete").asLong());
        assertEquals(1, after.path("quality").path("byFlag").path("straightliner").asLong(), "back in every count");
    }

    @Test
    void aDecisionThatMatchesTheStateChangesNothingAndEveryReviewIsAudited() {
        String survey = QualitySurvey.create("review-idempotent", false, 5);
        String id = QualitySurvey.submit(survey, QualitySurvey.answers(1, "a"), null).path("id").asText();
        accept(id).statusCode(200).body("status", equalTo("complete")).body("changed", equalTo(false));
        assertEquals(1, filled(survey, "a"), "accepting a complete takes no second place");
        reject(id, "First reason").statusCode(200).body("changed", equalTo(true));
        reject(id, "Second thoughts").statusCode(200).body("status", equalTo("rejected")).body("changed", equalTo(false))
                .body("reason", equalTo("Second thoughts"));
        assertEquals(0, filled(survey, "a"), "rejecting twice gives the place back once");
        assertEquals(0, results(survey, Tokens.researcher()).path("counts").path("complete").asLong());
        assertEquals(1, results(survey, Tokens.researcher()).path("counts").path("rejected").asLong());
        assertEquals("Second thoughts", QualitySurvey.exported(survey, id).path("review_reason").asText());

        List<Map<String, String>> entries = given().auth().oauth2(Tokens.researcher()).queryParam("surveyId", survey)
                .when().get("/api/audit").then().statusCode(200).extract().jsonPath().getList("$");
        List<String> reviews = entries.stream().filter(e -> "response.review".equals(e.get("action")))
                .map(e -> e.get("actor") + " " + e.get("target") + " " + e.get("detail")).toList();
        assertEquals(List.of(
                "rita.researcher@example.com " + id + " reject (no change: already rejected); reason: Second thoughts",
                "rita.researcher@example.com " + id + " reject; reason: First reason",
                "rita.researcher@example.com " + id + " accept (no change: already complete)"), reviews, "newest first");
    }

    @Test
    void aRequestMustHoldADecisionAndAReasonToRejectEachProblemNamingItsField() {
        String survey = QualitySurvey.create("review-invalid", false, null);
        String id = QualitySurvey.submit(survey, QualitySurvey.answers(1, "a"), null).path("id").asText();
        Map<Object, List<String>> refused = new HashMap<>();
        refused.put(Map.of(), List.of("decision:required"));
        refused.put(Map.of("decision", "delete"), List.of("decision:unknown_decision"));
        refused.put(Map.of("decision", "reject"), List.of("reason:required"));
        refused.put(Map.of("decision", "reject", "reason", "   "), List.of("reason:required"));
        refused.put(Map.of("decision", "reject", "reason", "x".repeat(501)), List.of("reason:too_long"));
        refused.put(Map.of("decision", "accept", "reason", "bad\u0000byte"), List.of("reason:invalid"));
        refused.put(Map.of("reason", "y".repeat(600)), List.of("decision:required", "reason:too_long"));
        refused.forEach((body, problems) -> {
            List<Map<String, String>> errors = review(id, body, Tokens.researcher()).statusCode(422)
                    .contentType("application/problem+json").body("type", equalTo("urn:canvass:problem:invalid-request"))
                    .extract().jsonPath().getList("errors");
            assertEquals(problems, errors.stream().map(e -> e.get("field") + ":" + e.get("code")).toList(), body.toString());
        });
        review(id, "{\"decision\": \"reject\", \"reason\": " + "\"" + "é".repeat(500) + "\"}", Tokens.researcher())
                .statusCode(200);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body("{not json")
                .when().post("/api/responses/{id}/review", id).then().statusCode(400);
    }

    @Test
    void onlyTheSurveysResearchersReviewAndAnyoneElseFindsNoResponse() {
        String survey = QualitySurvey.create("review-access", false, null);
        String id = QualitySurvey.submit(survey, QualitySurvey.answers(1, "a"), null).path("id").asText();
        String screenedOut = "00000000-0000-0000-0000-000000000000";
        Map<String, Object> body = Map.of("decision", "reject", "reason", "Looks automated");
        review(id, body, Tokens.staff(OTHER_RESEARCHER, Roles.RESEARCHER)).statusCode(404)
                .body("type", equalTo("urn:canvass:problem:response-not-found"));
        review(screenedOut, body, Tokens.researcher()).statusCode(404)
                .body("type", equalTo("urn:canvass:problem:response-not-found"));
        review("' OR 1=1 --", body, Tokens.researcher()).statusCode(404);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .body(Map.of("subject", "anil.analyst@example.com", "role", "analyst"))
                .when().post("/api/surveys/{id}/grants", survey).then().statusCode(201);
        review(id, body, Tokens.analyst()).statusCode(403).body("type", equalTo("urn:canvass:problem:forbidden"));
        given().contentType(ContentType.JSON).body(body).when().post("/api/responses/{id}/review", id).then().statusCode(401);
        review(id, body, Tokens.admin()).statusCode(403);
        assertEquals("complete", QualitySurvey.exported(survey, id).path("status").asText(), "nobody but its researchers");
    }

    @Test
    void onlyCompletesAreReviewed() {
        String survey = QualitySurvey.create("review-not-complete", false, 1);
        QualitySurvey.submit(survey, QualitySurvey.answers(1, "a"), null);
        String quotaFull = QualitySurvey.submit(survey, QualitySurvey.answers(2, "a"), null).path("id").asText();
        reject(quotaFull, "Not a complete").statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:response-not-reviewable"))
                .body("detail", containsString("quota_full"));
    }

    @Test
    void onAnAnonymousSurveyTheExportsPseudonymIsTheIdAndTheStoredIdFindsNothing() {
        String survey = QualitySurvey.create("review-anonymous", true, 2);
        String storedId = QualitySurvey.submit(survey, QualitySurvey.straightLined(1, "a", "high"), null).path("id").asText();
        QualitySurvey.submit(survey, QualitySurvey.answers(2, "a"), null);
        JsonNode row = QualitySurvey.export(survey, Map.of("flag", "straightliner")).get(0);
        String pseudonym = row.path("response_id").asText();
        assertTrue(pseudonym.matches("[0-9a-f]{32}") && !pseudonym.equals(storedId), pseudonym);
        reject(storedId, "Straight-lined").statusCode(404);
        reject(pseudonym, "Straight-lined").statusCode(200).body("id", equalTo(pseudonym)).body("status", equalTo("rejected"));
        JsonNode rejected = QualitySurvey.export(survey, Map.of("status", "rejected")).get(0);
        assertEquals(pseudonym, rejected.path("response_id").asText());
        assertEquals("Straight-lined", rejected.path("review_reason").asText());
        assertEquals(1, filled(survey, "a"));
        List<Map<String, String>> entries = given().auth().oauth2(Tokens.researcher()).queryParam("surveyId", survey)
                .when().get("/api/audit").then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(entries.stream().filter(e -> "response.review".equals(e.get("action")))
                .allMatch(e -> pseudonym.equals(e.get("target"))), "the audit log names the pseudonym, never the stored id");
        assertTrue(entries.stream().noneMatch(e -> e.values().stream().anyMatch(v -> v != null && v.contains(storedId))));
        accept(pseudonym).statusCode(200).body("status", equalTo("complete"));
        review("0123456789abcdef0123456789abcdef", Map.of("decision", "accept"), Tokens.researcher()).statusCode(404);
    }

    @Test
    void theExportListsFlaggedResponsesForReviewAlsoWithAStatus() {
        String survey = QualitySurvey.create("review-flag-filter", false, null);
        String straight = QualitySurvey.submit(survey, QualitySurvey.straightLined(1, "b", "low"), null).path("id").asText();
        String duplicate = QualitySurvey.submit(survey, QualitySurvey.straightLined(2, "b", "low"), null).path("id").asText();
        String clean = QualitySurvey.submit(survey, QualitySurvey.answers(3, "b"), null).path("id").asText();
        assertEquals(List.of(straight, duplicate), ids(survey, Map.of("flag", "straightliner")));
        assertEquals(List.of(duplicate), ids(survey, Map.of("flag", "duplicate")));
        assertEquals(List.of(), ids(survey, Map.of("flag", "speeder,bot")));
        assertEquals(List.of(straight, duplicate, clean), ids(survey, Map.of()));
        reject(duplicate, "Same answers twice").statusCode(200);
        assertEquals(List.of(straight), ids(survey, Map.of("flag", "duplicate,straightliner")));
        assertEquals(List.of(straight, duplicate), ids(survey, Map.of("flag", "duplicate,straightliner",
                "status", "complete,rejected")));
        String csv = given().auth().oauth2(Tokens.researcher()).accept("text/csv").queryParam("flag", "duplicate")
                .queryParam("status", "rejected").when().get("/api/surveys/{id}/responses", survey)
                .then().statusCode(200).extract().asString();
        assertEquals(2, csv.split("\r\n").length, csv);
        given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson").queryParam("flag", "slow")
                .when().get("/api/surveys/{id}/responses", survey).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:canvass:problem:invalid-flag-filter"))
                .body("errors[0].field", equalTo("flag")).body("errors[0].code", equalTo("unknown_flag"));
        given().auth().oauth2(Tokens.researcher()).queryParam("surveyId", survey).when().get("/api/audit").then()
                .statusCode(200).body("detail", hasItems("ndjson; status complete; flag straightliner"));
        given().auth().oauth2(Tokens.researcher())
                .when().get("/api/surveys/{id}/codebook", survey).then().statusCode(200)
                .body("columns.find { it.column == 'flags' }.values.code",
                        equalTo(List.of("straightliner", "speeder", "duplicate", "bot")))
                .body("columns.find { it.column == 'status' }.values.code", hasItems("rejected"));
    }

    @Test
    void analystsSeeARejectionFromTheNextPublishedStateOn() throws Exception {
        String survey = QualitySurvey.create("review-analysts", false, null);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .body(Map.of("subject", "anil.analyst@example.com", "role", "analyst"))
                .when().post("/api/surveys/{id}/grants", survey).then().statusCode(201);
        List<String> ids = new java.util.ArrayList<>();
        for (int n = 0; n < 5; n++) {
            ids.add(QualitySurvey.submit(survey, QualitySurvey.answers(n, "c"), null).path("id").asText());
        }
        JsonNode state = awaitAnalysts(survey, 5);
        assertEquals(5, state.path("counts").path("complete").asLong());
        reject(ids.get(0), "Bot-like").statusCode(200);
        assertEquals(4, results(survey, Tokens.researcher()).path("counts").path("complete").asLong());
        Thread.sleep(500);
        JsonNode unchanged = results(survey, Tokens.analyst());
        assertEquals(5, unchanged.path("completesAtState").asLong(), "analysts see published states only");
        assertEquals(5, unchanged.path("counts").path("complete").asLong());
        assertEquals(0, unchanged.path("counts").path("rejected").asLong());
        for (int n = 5; n < 10; n++) {
            QualitySurvey.submit(survey, QualitySurvey.answers(n, "c"), null);
        }
        JsonNode next = awaitAnalysts(survey, 9);
        assertEquals(9, next.path("counts").path("complete").asLong(), "five more entered, the rejected one left");
        assertEquals(1, next.path("counts").path("rejected").asLong());
        assertEquals(9, next.path("n").asLong());
    }

    private static JsonNode awaitAnalysts(String survey, long completes) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode results;
        do {
            results = results(survey, Tokens.analyst());
            if (results.path("completesAtState").asLong() == completes) {
                return results;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the analysts' state did not reach " + completes + ": " + results);
    }

    private static List<String> ids(String survey, Map<String, String> query) {
        return QualitySurvey.export(survey, query).stream().map(r -> r.path("response_id").asText())
                .collect(Collectors.toList());
    }
}
