package io.canvass.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Roles;
import io.canvass.access.SignIn;
import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Per-survey access: a survey created over the API is its creator's, and exists for nobody else
 * until they grant access; grants give a role (never above the token's), revoking takes it back,
 * definitions grant by group, and a survey without owner or grants is open to all staff.
 */
@QuarkusTest
class GrantsTest {

    private static final String OWNER = "olga.owner@example.com";
    private static final String ANALYST = "bob.analyst@example.com";
    private static final String RESEARCHER = "carl.researcher@example.com";

    private final String owner = Tokens.staff(OWNER, Roles.RESEARCHER);
    private final String analyst = Tokens.staff(ANALYST, Roles.ANALYST);
    private final String researcher = Tokens.staff(RESEARCHER, Roles.RESEARCHER);

    /** A survey endpoint as a staff member calls it: method, path under the survey, body, Accept. */
    record Call(String method, String path, String body, String accept) {
        @Override
        public String toString() {
            return method + " " + path + (accept == null ? "" : " (" + accept + ")");
        }
    }

    /**
     * Every survey-scoped staff endpoint (each @Path under src/main/java that names a survey or one of its
     * responses), with the variants that take another way through the code (a version, a filter, CSV).
     * Left out: POST …/validate reads no survey; GET /api/surveys/{id}, POST …/responses and /s/** are public;
     * the dashboard and the audit log are checked below.
     */
    private static List<Call> everyEndpoint(String surveyId, String responseId) {
        String s = "/api/surveys/" + surveyId;
        return List.of(
                new Call("PUT", s + "/draft", definition(surveyId, "Taken over", ""), null),
                new Call("GET", s + "/preview", null, "text/html"),
                new Call("GET", s + "/preview?version=1", null, "text/html"),
                new Call("POST", s + "/publish", null, null),
                new Call("POST", s + "/close", null, null),
                new Call("POST", s + "/reopen", null, null),
                new Call("GET", s + "/versions", null, null),
                new Call("GET", s + "/definition", null, null),
                new Call("GET", s + "/definition?version=1", null, "application/yaml"),
                new Call("POST", s + "/invitations", "{\"count\": 1}", null),
                new Call("GET", s + "/invitations", null, null),
                new Call("GET", s + "/invitations", null, "text/csv"),
                new Call("DELETE", s + "/invitations/no-such-token", null, null),
                new Call("GET", s + "/results", null, null),
                new Call("GET", s + "/results?filter=ok:yes", null, null),
                new Call("GET", s + "/results/crosstab?rows=ok&columns=ok", null, null),
                new Call("GET", s + "/results/crosstab?rows=ok&columns=ok&filter=ok:no", null, null),
                new Call("GET", s + "/results/stream", null, "text/event-stream"),
                new Call("GET", s + "/results/stream?filter=ok:yes", null, "text/event-stream"),
                new Call("GET", s + "/responses", null, "text/csv"),
                new Call("GET", s + "/responses?status=in_progress", null, "application/x-ndjson"),
                new Call("GET", s + "/codebook", null, "application/json"),
                new Call("GET", s + "/codebook", null, "text/html"),
                new Call("POST", s + "/grants", "{\"subject\": \"x@example.com\", \"role\": \"analyst\"}", null),
                new Call("GET", s + "/grants", null, null),
                new Call("GET", s + "/grants/" + OWNER, null, null),
                new Call("DELETE", s + "/grants/" + OWNER, null, null),
                new Call("POST", s + "/personal-data/erasure", "{\"value\": \"someone@example.com\"}", null),
                new Call("DELETE", "/api/responses/" + responseId + "/personal-data", null, null));
    }

    private static String definition(String id, String title, String extra) {
        return """
                {"id": "%s", "title": "%s", "minGroupSize": 1, %s "pages": [{"id": "only", "title": "Only",
                 "questions": [{"id": "ok", "type": "single", "text": "Fine?",
                   "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]}]}]}"""
                .formatted(id, title, extra);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).redirects().follow(false);
    }

    private static Response call(Call call, String token) {
        RequestSpecification request = as(token);
        if (call.accept() != null) {
            request.accept(call.accept());
        }
        if (call.body() != null) {
            request.body(call.body());
        }
        return request.request(call.method(), call.path());
    }

    /** A published survey of the owner's with one complete response; returns the response id. */
    private String ownersPublishedSurvey(String id) {
        as(owner).body(definition(id, "Owned", "")).when().post("/api/surveys").then().statusCode(201);
        as(owner).when().post("/api/surveys/{id}/publish", id).then().statusCode(200);
        return given().contentType(ContentType.JSON).body("{\"answers\": {\"ok\": \"yes\"}}")
                .when().post("/api/surveys/{id}/responses", id).then().statusCode(201).extract().path("id");
    }

    private static String newId() {
        return "test-grants-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> listed(String token) {
        return as(token).when().get("/api/surveys").then().statusCode(200).extract().jsonPath().getList("id");
    }

    private void grant(String surveyId, String subject, String role, int status) {
        as(owner).body("{\"subject\": \"" + subject + "\", \"role\": \"" + role + "\"}")
                .when().post("/api/surveys/{id}/grants", surveyId).then().statusCode(status);
    }

    @Test
    void aSurveyCreatedOverTheApiDoesNotExistForAnyoneElse() {
        String id = newId();
        String responseId = ownersPublishedSurvey(id);
        String unknownBody = as(analyst).when().get("/api/surveys/no-such-survey/results").asString();

        for (String stranger : List.of(analyst, researcher)) {
            assertFalse(listed(stranger).contains(id), "not in their survey list");
            for (Call call : everyEndpoint(id, responseId)) {
                Response response = call(call, stranger);
                assertEquals(404, response.statusCode(), call + ": " + response.asString());
                assertEquals("application/problem+json", response.contentType().split(";")[0], call.toString());
                if (call.path().endsWith("/results")) {
                    assertEquals(unknownBody.replace("no-such-survey", id), response.asString(),
                            "the same answer as for a survey that does not exist");
                }
            }
            String unknownResponse = as(stranger).when().delete("/api/responses/{id}/personal-data",
                    UUID.randomUUID()).then().statusCode(404).extract().path("detail");
            as(stranger).when().delete("/api/responses/{id}/personal-data", responseId).then().statusCode(404)
                    .body("detail", equalTo(unknownResponse));
            as(stranger).when().get("/api/audit?surveyId={id}", id).then().statusCode(pathStatus(stranger));
            String cookie = SignIn.cookieFor(stranger);
            Response page = given().cookie(SignIn.COOKIE, cookie).when().get("/dashboard/{id}", id);
            assertEquals(404, page.statusCode());
            assertTrue(page.asString().contains("Survey not found"));
            assertFalse(given().cookie(SignIn.COOKIE, cookie).when().get("/dashboard").asString().contains(id));
        }
        // Nothing the strangers tried changed the survey.
        as(owner).when().get("/api/surveys/{id}/versions", id).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].title", equalTo("Owned"));
        // Respondents are not staff: the published definition and submissions stay public.
        given().when().get("/api/surveys/{id}", id).then().statusCode(200);
    }

    private int pathStatus(String token) {
        // The audit log is for researchers: an analyst may not read it at all, a researcher sees nothing of it.
        return token.equals(analyst) ? 403 : 200;
    }

    @Test
    void grantingGivesTheRoleAndRevokingTakesItBack() {
        String id = newId();
        ownersPublishedSurvey(id);

        Response granted = as(owner).body("{\"subject\": \"" + ANALYST + "\", \"role\": \"analyst\"}")
                .when().post("/api/surveys/{id}/grants", id);
        assertEquals(201, granted.statusCode(), granted.asString());
        assertTrue(granted.getHeader("Location").endsWith("/api/surveys/" + id + "/grants/" + ANALYST),
                granted.getHeader("Location"));
        assertEquals(ANALYST, granted.path("subject"));
        assertEquals("analyst", granted.path("role"));
        assertEquals(OWNER, granted.path("grantedBy"));

        // The analyst now reads aggregates, but not rows, and changes nothing.
        assertTrue(listed(analyst).contains(id));
        // One complete: below the first published state (minGroupSize completes), so the analyst's state is empty.
        as(analyst).when().get("/api/surveys/{id}/results", id).then().statusCode(200).body("completesAtState", equalTo(0));
        as(owner).when().get("/api/surveys/{id}/results", id).then().statusCode(200).body("n", equalTo(1));
        as(analyst).accept("application/json").when().get("/api/surveys/{id}/codebook", id).then().statusCode(200);
        for (String accept : List.of("text/csv", "application/x-ndjson")) {
            as(analyst).accept(accept).when().get("/api/surveys/{id}/responses", id).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        as(analyst).when().post("/api/surveys/{id}/close", id).then().statusCode(403);
        as(analyst).when().get("/api/surveys/{id}/grants", id).then().statusCode(403);
        String cookie = SignIn.cookieFor(analyst);
        assertEquals(200, given().cookie(SignIn.COOKIE, cookie).when().get("/dashboard/{id}", id).statusCode());
        assertTrue(given().cookie(SignIn.COOKIE, cookie).when().get("/dashboard").asString().contains(id));

        // A researcher grant lets Carl run the survey, but not hand out access.
        grant(id, RESEARCHER, "researcher", 201);
        as(researcher).body(definition(id, "Edited by Carl", "")).when().put("/api/surveys/{id}/draft", id)
                .then().statusCode(200).body("version", equalTo(2));
        as(researcher).when().post("/api/surveys/{id}/publish", id).then().statusCode(200);
        as(researcher).accept("text/csv").when().get("/api/surveys/{id}/responses", id).then().statusCode(200);
        as(researcher).body("{\"subject\": \"eve@example.com\", \"role\": \"researcher\"}")
                .when().post("/api/surveys/{id}/grants", id).then().statusCode(403)
                .contentType("application/problem+json");
        as(researcher).when().delete("/api/surveys/{id}/grants/{subject}", id, ANALYST).then().statusCode(403);
        // Nor by writing grants into the definition.
        Response sneaky = as(researcher).body(definition(id, "Sneaky",
                "\"grants\": [{\"group\": \"everyone\", \"role\": \"researcher\"}],"))
                .when().put("/api/surveys/{id}/draft", id);
        assertEquals(403, sneaky.statusCode(), sneaky.asString());
        assertEquals("grants", sneaky.path("errors[0].field"));

        // Granting again changes the role.
        grant(id, ANALYST, "researcher", 200);
        as(analyst).accept("text/csv").when().get("/api/surveys/{id}/responses", id).then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("you have analyst"));
        grant(id, ANALYST, "analyst", 200);

        JsonPath grants = as(owner).when().get("/api/surveys/{id}/grants", id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ANALYST, RESEARCHER), grants.getList("subject"));
        assertEquals(List.of("analyst", "researcher"), grants.getList("role"));
        as(owner).when().get("/api/surveys/{id}/grants/{subject}", id, RESEARCHER).then().statusCode(200)
                .body("role", equalTo("researcher"));

        as(owner).when().delete("/api/surveys/{id}/grants/{subject}", id, RESEARCHER).then().statusCode(204);
        as(owner).when().delete("/api/surveys/{id}/grants/{subject}", id, RESEARCHER).then().statusCode(404)
                .body("type", equalTo("urn:canvass:problem:grant-not-found"));
        as(researcher).when().get("/api/surveys/{id}/versions", id).then().statusCode(404);
        assertFalse(listed(researcher).contains(id));

        // Every grant and revocation is on record, and the owner reads that record.
        List<String> actions = as(owner).when().get("/api/audit?surveyId={id}", id).then().statusCode(200)
                .extract().jsonPath().getList("action");
        assertTrue(actions.containsAll(List.of("grant.set", "grant.revoke", "grant.list")), actions.toString());
        as(owner).when().get("/api/audit?surveyId={id}", id).then()
                .body("find { it.action == 'grant.revoke' }.target", equalTo(RESEARCHER))
                .body("find { it.action == 'grant.revoke' }.actor", equalTo(OWNER));
    }

    @Test
    void anAdminSeesEverySurveyAndManagesItsGrantsButReadsNothingWithoutAGrant() {
        String id = newId();
        ownersPublishedSurvey(id);
        String admin = Tokens.admin();
        assertTrue(listed(admin).contains(id));
        assertTrue(listed(admin).contains("test-grants"), "also surveys whose definition grants nobody of theirs");
        as(admin).body("{\"subject\": \"" + ANALYST + "\", \"role\": \"analyst\"}")
                .when().post("/api/surveys/{id}/grants", id).then().statusCode(201).body("grantedBy", equalTo("ada.admin@example.com"));
        as(admin).when().get("/api/surveys/{id}/grants", id).then().statusCode(200).body("subject", hasItem(ANALYST));
        as(admin).when().get("/api/surveys/{id}/results", id).then().statusCode(403);
        as(admin).when().get("/api/audit?surveyId={id}", id).then().statusCode(200).body("action", hasItem("grant.set"));

        // An admin who is also an analyst still needs a grant to read a survey's results.
        String adminAnalyst = Tokens.staff("ada.admin@example.com", Roles.ADMIN, Roles.ANALYST);
        as(adminAnalyst).when().get("/api/surveys/{id}/results", id).then().statusCode(403)
                .contentType("application/problem+json");
        as(admin).when().delete("/api/surveys/{id}/grants/{subject}", id, ANALYST).then().statusCode(204);
        as(analyst).when().get("/api/surveys/{id}/results", id).then().statusCode(404);
    }

    @Test
    void aGrantNeverLiftsAnyoneAboveTheirTokensRole() {
        String id = newId();
        ownersPublishedSurvey(id);
        grant(id, ANALYST, "researcher", 201);
        as(analyst).when().get("/api/surveys/{id}/results", id).then().statusCode(200);
        as(analyst).accept("text/csv").when().get("/api/surveys/{id}/responses", id).then().statusCode(403);
        as(analyst).when().post("/api/surveys/{id}/close", id).then().statusCode(403);
        // The owner whose token no longer carries researcher acts as an analyst, and no longer manages grants.
        String demoted = Tokens.staff(OWNER, Roles.ANALYST);
        as(demoted).when().get("/api/surveys/{id}/results", id).then().statusCode(200);
        as(demoted).when().post("/api/surveys/{id}/close", id).then().statusCode(403);
        as(demoted).when().get("/api/surveys/{id}/grants", id).then().statusCode(403);
    }

    @Test
    void grantRequestsAreChecked() {
        String id = newId();
        ownersPublishedSurvey(id);
        for (String[] bad : new String[][] {
                {"{\"subject\": \"\", \"role\": \"analyst\"}", "subject"},
                {"{\"subject\": \"   \", \"role\": \"analyst\"}", "subject"},
                {"{\"subject\": \"" + "x".repeat(201) + "\", \"role\": \"analyst\"}", "subject"},
                {"{\"subject\": \"a\\u0000b\", \"role\": \"analyst\"}", "subject"},
                {"{\"role\": \"analyst\"}", "subject"},
                {"{\"subject\": \"x@example.com\", \"role\": \"owner\"}", "role"},
                {"{\"subject\": \"x@example.com\"}", "role"}}) {
            Response response = as(owner).body(bad[0]).when().post("/api/surveys/{id}/grants", id);
            assertEquals(422, response.statusCode(), bad[0] + ": " + response.asString());
            assertEquals("application/problem+json", response.contentType().split(";")[0]);
            assertTrue(response.jsonPath().getList("errors.field").contains(bad[1]), bad[0] + ": " + response.asString());
        }
        as(owner).body("{\"subject\": \"x@example.com\", \"role\": ").when().post("/api/surveys/{id}/grants", id)
                .then().statusCode(400).contentType("application/problem+json");
        as(owner).when().post("/api/surveys/{id}/grants", id).then().statusCode(422);
        as(owner).when().get("/api/surveys/{id}/grants", id).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aDefinitionGrantsByGroupAndOnlyThose() {
        String path = "/api/surveys/test-grants/results";
        as(Tokens.staff("fay@example.com", Roles.ANALYST, "finance")).when().get(path).then().statusCode(200);
        as(Tokens.staff("fay@example.com", Roles.ANALYST)).when().get(path).then().statusCode(404);
        as(Tokens.researcher()).when().get(path).then().statusCode(404);
        assertFalse(listed(Tokens.researcher()).contains("test-grants"));

        // A researcher in the finance group is the survey's analyst: no rows.
        String financeResearcher = Tokens.staff("fred@example.com", Roles.RESEARCHER, "finance");
        as(financeResearcher).when().get(path).then().statusCode(200);
        as(financeResearcher).accept("text/csv").when().get("/api/surveys/test-grants/responses").then().statusCode(403);
        String teamResearcher = Tokens.staff("rosa@example.com", Roles.RESEARCHER, "research-team");
        as(teamResearcher).accept("text/csv").when().get("/api/surveys/test-grants/responses").then().statusCode(200);
        // The group grants researcher, the token only analyst: analyst it is.
        String teamAnalyst = Tokens.staff("rob@example.com", Roles.ANALYST, "research-team");
        as(teamAnalyst).when().get(path).then().statusCode(200);
        as(teamAnalyst).accept("text/csv").when().get("/api/surveys/test-grants/responses").then().statusCode(403);
        // Without an owner, only an admin manages its grants.
        as(teamResearcher).when().get("/api/surveys/test-grants/grants").then().statusCode(403);
    }

    @Test
    void aSurveyWithoutOwnerOrGrantsIsOpenToAllStaff() {
        for (String token : List.of(Tokens.analyst(), Tokens.researcher(), analyst, researcher)) {
            as(token).when().get("/api/surveys/test-access/results").then().statusCode(200);
            assertTrue(listed(token).contains("test-access"));
        }
        as(researcher).accept("text/csv").when().get("/api/surveys/test-access/responses").then().statusCode(200);
        as(analyst).accept("text/csv").when().get("/api/surveys/test-access/responses").then().statusCode(403);
        as(Tokens.noRole()).when().get("/api/surveys/test-access/results").then().statusCode(403);
        assertFalse(listed(analyst).contains("test-grants"));
        as(analyst).when().get("/api/surveys").then().body("id", not(hasItem("test-grants")));
    }
}
