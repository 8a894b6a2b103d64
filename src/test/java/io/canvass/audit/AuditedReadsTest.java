package io.canvass.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Roles;
import io.canvass.access.SignIn;
import io.canvass.access.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every read an analyst or researcher makes of a survey leaves an entry in the audit log with their
 * subject, and so do sign-ins and sign-outs; a researcher reads the entries of their own surveys only.
 */
@QuarkusTest
class AuditedReadsTest {

    private static final String OWNER = "orla.owner@example.com";
    private static final String ANALYST = "arne.analyst@example.com";

    @TestHTTPResource("/")
    URL base;

    private final String owner = Tokens.staff(OWNER, Roles.RESEARCHER);
    private final String analyst = Tokens.staff(ANALYST, Roles.ANALYST);

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private String surveyWithOneComplete() {
        String id = "test-audit-" + UUID.randomUUID().toString().substring(0, 8);
        as(owner).body("""
                {"id": "%s", "title": "Audited", "minGroupSize": 1, "pages": [{"id": "only", "title": "Only",
                 "questions": [{"id": "ok", "type": "single", "text": "Fine?",
                   "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]}]}]}""".formatted(id))
                .when().post("/api/surveys").then().statusCode(201);
        as(owner).when().post("/api/surveys/{id}/publish", id).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"answers\": {\"ok\": \"yes\"}}")
                .when().post("/api/surveys/{id}/responses", id).then().statusCode(201);
        as(owner).body("{\"subject\": \"" + ANALYST + "\", \"role\": \"analyst\"}")
                .when().post("/api/surveys/{id}/grants", id).then().statusCode(201);
        return id;
    }

    private List<Map<String, String>> entries(String token, String surveyId) {
        JsonPath log = as(token).queryParam("limit", 1000).queryParam("surveyId", surveyId)
                .when().get("/api/audit").then().statusCode(200).extract().jsonPath();
        return log.getList("$");
    }

    private static boolean has(List<Map<String, String>> entries, String actor, String action, String detail) {
        return entries.stream().anyMatch(e -> actor.equals(e.get("actor")) && action.equals(e.get("action"))
                && (detail == null || detail.equals(e.get("detail"))));
    }

    @Test
    void everyReadOfASurveyIsOnRecordWithItsReader() throws Exception {
        String id = surveyWithOneComplete();

        as(analyst).when().get("/api/surveys/{id}/results", id).then().statusCode(200);
        as(analyst).queryParam("filter", "ok:yes").when().get("/api/surveys/{id}/results", id).then().statusCode(200);
        as(analyst).queryParam("rows", "ok").queryParam("columns", "ok").queryParam("filter", "ok:yes,no")
                .when().get("/api/surveys/{id}/results/crosstab", id).then().statusCode(200);
        openStream(id, analyst);
        as(analyst).accept("application/json").when().get("/api/surveys/{id}/codebook", id).then().statusCode(200);
        as(analyst).accept("text/html").when().get("/api/surveys/{id}/codebook", id).then().statusCode(200);
        String csv = as(owner).accept("text/csv").when().get("/api/surveys/{id}/responses", id).then().statusCode(200)
                .extract().asString();
        assertEquals(2, csv.strip().split("\n").length, csv);
        as(owner).accept("application/x-ndjson").queryParam("status", "in_progress,complete")
                .when().get("/api/surveys/{id}/responses", id).then().statusCode(200);
        as(owner).when().get("/api/surveys/{id}/definition", id).then().statusCode(200);
        as(owner).when().get("/api/surveys/{id}/invitations", id).then().statusCode(200);
        as(owner).when().get("/api/surveys/{id}/grants", id).then().statusCode(200);

        List<Map<String, String>> log = entries(owner, id);
        assertTrue(has(log, ANALYST, "results.read", "unfiltered"), log.toString());
        assertTrue(has(log, ANALYST, "results.read", "filter ok:yes"), log.toString());
        assertTrue(has(log, ANALYST, "results.crosstab", "rows ok, columns ok; filter ok:yes,no"), log.toString());
        assertTrue(has(log, ANALYST, "results.stream", "unfiltered"), log.toString());
        assertTrue(has(log, ANALYST, "codebook.read", "json"), log.toString());
        assertTrue(has(log, ANALYST, "codebook.read", "html"), log.toString());
        assertTrue(has(log, OWNER, "responses.export", "csv; status complete"), log.toString());
        assertTrue(has(log, OWNER, "responses.export", "ndjson; status in_progress,complete"), log.toString());
        awaitEntry(id, OWNER, "responses.export.end", "1 row(s)");
        assertTrue(has(log, OWNER, "definition.export", "latest version"), log.toString());
        assertTrue(has(log, OWNER, "invitation.list", null), log.toString());
        assertTrue(has(log, OWNER, "grant.list", null), log.toString());
        assertTrue(has(log, OWNER, "grant.set", "analyst"), log.toString());

        // A researcher without access to the survey reads none of this, not even by asking for it.
        String stranger = Tokens.staff("stan.stranger@example.com", Roles.RESEARCHER);
        assertEquals(List.of(), entries(stranger, id));
        List<Map<String, String>> theirs = entries(stranger, null);
        assertFalse(theirs.stream().anyMatch(e -> id.equals(e.get("surveyId"))), theirs.toString());
        // An analyst reads no audit log at all; an admin reads all of it.
        as(analyst).when().get("/api/audit").then().statusCode(403);
        assertTrue(has(entries(Tokens.admin(), id), ANALYST, "results.read", "unfiltered"));
    }

    @Test
    void signInAndSignOutAreOnRecordForTheirOwnerAndAnAdmin() {
        String subject = "sina." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = Tokens.staff(subject, Roles.RESEARCHER);
        SignIn form = SignIn.form();
        String cookie = form.post(token, null).then().statusCode(303).extract().cookie(SignIn.COOKIE);
        form.logout(cookie).then().statusCode(303);

        List<Map<String, String>> own = entries(token, null);
        assertTrue(has(own, subject, "session.sign-in", null), own.toString());
        assertTrue(has(own, subject, "session.sign-out", null), own.toString());
        List<Map<String, String>> another = entries(Tokens.researcher(), null);
        assertFalse(another.stream().anyMatch(e -> subject.equals(e.get("actor"))), "not someone else's business");
        List<Map<String, String>> all = entries(Tokens.admin(), null);
        assertTrue(has(all, subject, "session.sign-in", null), all.toString());
    }

    @Test
    void aReadRefusedForLackOfAccessLeavesNoEntryAndAReadOfRowsNone() {
        String id = surveyWithOneComplete();
        as(analyst).accept("text/csv").when().get("/api/surveys/{id}/responses", id).then().statusCode(403);
        as(Tokens.staff("stan.stranger@example.com", Roles.ANALYST)).when().get("/api/surveys/{id}/results", id)
                .then().statusCode(404);
        List<Map<String, String>> log = entries(owner, id);
        assertFalse(log.stream().anyMatch(e -> e.get("action").startsWith("responses.export")), log.toString());
        assertFalse(log.stream().anyMatch(e -> e.get("action").startsWith("results.")), log.toString());
    }

    /** The end of an export is written after its last byte: the client may see the body a moment before. */
    private void awaitEntry(String surveyId, String actor, String action, String detail) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (has(entries(owner, surveyId), actor, action, detail)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(action + " by " + actor + " never recorded: " + entries(owner, surveyId));
    }

    /** Opens the live stream, reads its first event and goes away. */
    private void openStream(String surveyId, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/surveys/" + surveyId + "/results/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        try (Stream<String> lines = response.body()) {
            assertTrue(lines.anyMatch(line -> line.startsWith("data:")));
        }
    }

    @Test
    void theEntryOfAReadSaysWhoReadIt() {
        String id = surveyWithOneComplete();
        as(analyst).when().get("/api/surveys/{id}/results", id).then().statusCode(200);
        as(owner).queryParam("surveyId", id).when().get("/api/audit").then().statusCode(200)
                .body("find { it.action == 'results.read' }.actor", equalTo(ANALYST))
                .body("find { it.action == 'results.read' }.surveyId", equalTo(id));
    }
}
