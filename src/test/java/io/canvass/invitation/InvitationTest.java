package io.canvass.invitation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.canvass.csv.SafeCsv;
import io.canvass.response.ResponseRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InvitationTest {

    private static final String SURVEY = "test-invite";

    @Inject
    ResponseRepository responses;

    private static List<String> createTokens(int count) {
        return given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("count", count))
                .when().post("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(201).extract().jsonPath().getList("token");
    }

    private static Response submit(String token, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("answers", Map.of("role", role));
        if (token != null) {
            body.put("invitation", token);
        }
        return given().contentType(ContentType.JSON).body(body).when().post("/api/surveys/{id}/responses", SURVEY);
    }

    private long stored() {
        return QuarkusTransaction.requiringNew().call(() -> responses.count("surveyId", SURVEY));
    }

    @Test
    void createsUnguessableSingleUseLinks() {
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("count", 3))
                .when().post("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(201)
                .body("$", hasSize(3))
                .body("[0].state", equalTo("unused"))
                .body("[0].link", startsWith("http://localhost:8080/s/test-invite?t="));
        for (String token : createTokens(5)) {
            assertTrue(token.matches("[A-Za-z0-9_-]{32}"), "192 random bits, URL-safe: " + token);
        }
    }

    @Test
    void aTokenAdmitsExactlyOneResponse() {
        String token = createTokens(1).get(0);
        long before = stored();
        submit(null, "exec").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:invitation-not-valid"));
        submit("made-up-token-000000000000000000", "exec").then().statusCode(403);
        submit(token, "exec").then().statusCode(201).body("status", equalTo("complete"));
        submit(token, "exec").then().statusCode(403)
                .body("detail", equalTo("This survey needs a valid invitation. The link may be mistyped, already used or withdrawn."));
        assertEquals(before + 1, stored());
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(200).body("find { it.token == '" + token + "' }.state", equalTo("completed"))
                .body("find { it.token == '" + token + "' }.usedAt", notNullValue())
                .body("find { it.token == '" + token + "' }.usedOn", equalTo(LocalDate.now(ZoneOffset.UTC).toString()));
    }

    @Test
    void aScreenedOutRespondentSpendsTheTokenToo() {
        String token = createTokens(1).get(0);
        submit(token, "other").then().statusCode(201).body("status", equalTo("screened_out"));
        submit(token, "exec").then().statusCode(403);
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/invitations", SURVEY)
                .then().body("find { it.token == '" + token + "' }.state", equalTo("screened_out"));
    }

    @Test
    void aRevokedTokenAdmitsNothingAndASpentOneCannotBeRevoked() {
        List<String> tokens = createTokens(2);
        given().auth().oauth2(Tokens.researcher()).when()
                .delete("/api/surveys/{id}/invitations/{token}", SURVEY, tokens.get(0)).then().statusCode(204);
        submit(tokens.get(0), "exec").then().statusCode(403);
        submit(tokens.get(1), "exec").then().statusCode(201);
        given().auth().oauth2(Tokens.researcher()).when()
                .delete("/api/surveys/{id}/invitations/{token}", SURVEY, tokens.get(1)).then().statusCode(409);
        given().auth().oauth2(Tokens.researcher()).when()
                .delete("/api/surveys/{id}/invitations/{token}", SURVEY, "nope").then().statusCode(404);
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/invitations", SURVEY)
                .then().body("find { it.token == '" + tokens.get(0) + "' }.state", equalTo("revoked"));
    }

    @Test
    void fiftyRacingSubmissionsOnOneTokenStoreOneResponse() throws Exception {
        String token = createTokens(1).get(0);
        long before = stored();
        ExecutorService pool = Executors.newFixedThreadPool(25);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return submit(token, "exec").statusCode();
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
    }

    @Test
    void labelledInvitationsComeAsSpreadsheetSafeCsv() {
        String csv = given().auth().oauth2(Tokens.researcher()).accept("text/csv").contentType(ContentType.JSON)
                .body(Map.of("labels", List.of("CRM-1042", "=HYPERLINK(\"http://evil\")", "Smith, \"Jo\"")))
                .when().post("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(201).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("token,link,label,state,used_on", lines[0]);
        assertTrue(lines[1].endsWith(",CRM-1042,unused,"), lines[1]);
        assertTrue(lines[2].endsWith(",\"'=HYPERLINK(\"\"http://evil\"\")\",unused,"), lines[2]);
        assertTrue(lines[3].endsWith(",\"Smith, \"\"Jo\"\"\",unused,"), lines[3]);
    }

    @Test
    void refusesBadInvitationRequests() {
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("count", 0))
                .when().post("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("count"));
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/surveys/{id}/invitations", SURVEY).then().statusCode(422);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("count", 1))
                .when().post("/api/surveys/{id}/invitations", "no-such-survey").then().statusCode(404);
    }
}
