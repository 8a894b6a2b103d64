package io.canvass.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErasureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANONYMOUS = "test-anonymous-export";

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    UnlinkedPersonalDataRepository unlinked;

    @Test
    void erasingTheEmailLeavesTheAnswersAndCountsAsTheyWere() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("ok", "yes", "email", "ceo@example.com")))
                .when().post("/api/surveys/test-erasure/responses")
                .then().statusCode(201).extract().path("id");
        SurveyResponse before = QuarkusTransaction.requiringNew().call(() -> responses.findById(id));
        long completes = QuarkusTransaction.requiringNew().call(() -> responses.countByStatus("test-erasure", ResponseStatus.COMPLETE));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(id)).size());

        given().auth().oauth2(Tokens.analyst()).when().delete("/api/responses/{id}/personal-data", id).then().statusCode(403);
        given().auth().oauth2(Tokens.researcher()).when().delete("/api/responses/{id}/personal-data", id).then().statusCode(204);
        given().auth().oauth2(Tokens.researcher()).when().delete("/api/responses/{id}/personal-data", id).then().statusCode(204);

        assertTrue(QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(id)).isEmpty());
        SurveyResponse after = QuarkusTransaction.requiringNew().call(() -> responses.findById(id));
        assertEquals(before.answers, after.answers);
        assertEquals(before.status, after.status);
        assertEquals(completes, QuarkusTransaction.requiringNew().call(() -> responses.countByStatus("test-erasure", ResponseStatus.COMPLETE)));
        given().auth().oauth2(Tokens.researcher()).when().get("/api/audit?surveyId=test-erasure")
                .then().statusCode(200).body("target", hasItem(id)).body("action", hasItem("response.erase-personal-data"));
        given().auth().oauth2(Tokens.researcher()).when().delete("/api/responses/{id}/personal-data", "unknown-id")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void erasureAlsoRemovesAnEmailThatAnEarlierReleaseStoredAmongTheAnswers() throws Exception {
        // Before every e-mail question counted as personal data, one without the flag was stored with the answers.
        String id = storeDirectly("test-erasure", ResponseStatus.COMPLETE,
                "{\"ok\":\"no\",\"work_email\":\"old.cfo@example.com\"}");

        given().auth().oauth2(Tokens.researcher()).when().delete("/api/responses/{id}/personal-data", id).then().statusCode(204);

        SurveyResponse after = QuarkusTransaction.requiringNew().call(() -> responses.findById(id));
        assertEquals(JSON.readTree("{\"ok\":\"no\"}"), JSON.readTree(after.answers), "the address is gone, the answer stays");
        given().auth().oauth2(Tokens.researcher()).when().get("/api/audit?surveyId=test-erasure").then().statusCode(200)
                .body("find { it.target == '" + id + "' }.detail", equalTo("1 item(s) erased"));
    }

    @Test
    void aPersonalTextAsLongAsTheDefinitionAllowsIsStoredAndALongerOneRefusedNeverA500() {
        String longest = "\uD83D\uDE00".repeat(10_000); // 10,000 characters, 20,000 UTF-16 units
        // Sent as UTF-8 text (40,000 bytes), not as escaped surrogate pairs, to stay within the 64 KiB a submission may take.
        String id = given().contentType("application/json; charset=UTF-8")
                .body(("{\"answers\": {\"ok\": \"yes\", \"name\": \"" + longest + "\"}}").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/surveys/test-erasure/responses").then().statusCode(201).extract().path("id");
        assertEquals(longest, QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(id)).get(0).value);

        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("ok", "yes", "name", "x".repeat(10_001))))
                .when().post("/api/surveys/test-erasure/responses")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/answers/name")).body("errors[0].code", equalTo("too_long"));
    }

    @Test
    void onAnAnonymousSurveyAResearcherErasesAnAddressWhereverItIsKept() throws Exception {
        String unique = "erase." + UUID.randomUUID().toString().substring(0, 8);
        String address = unique + "@example.com";
        submitAnonymously("a", unique.toUpperCase(Locale.ROOT) + "@Example.com");
        submitAnonymously("b", address);
        submitAnonymously("a", "keep." + unique + "@example.com");
        // A respondent still answering in the browser keeps the address with the response until the end.
        String partial = storeDirectly(ANONYMOUS, ResponseStatus.IN_PROGRESS, "{\"pick\":\"a\"}");
        QuarkusTransaction.requiringNew().run(() -> {
            PersonalDataEntry entry = new PersonalDataEntry();
            entry.responseId = partial;
            entry.questionId = "email";
            entry.value = address;
            personalData.persist(entry);
        });
        // An earlier release's response with the address among the answers.
        String legacy = storeDirectly(ANONYMOUS, ResponseStatus.COMPLETE,
                "{\"pick\":\"b\",\"email\":\"" + address + "\"}");
        assertEquals(2, listed(address));

        String path = "/api/surveys/{id}/personal-data/erasure";
        given().contentType(ContentType.JSON).body(Map.of("value", address)).when().post(path, ANONYMOUS)
                .then().statusCode(401);
        given().auth().oauth2(Tokens.analyst()).contentType(ContentType.JSON).body(Map.of("value", address))
                .when().post(path, ANONYMOUS).then().statusCode(403);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("value", " "))
                .when().post(path, ANONYMOUS).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("value"));
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of())
                .when().post(path, ANONYMOUS).then().statusCode(422).body("errors[0].field", equalTo("value"));
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("value", address))
                .when().post(path, "no-such-survey").then().statusCode(404);

        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .body(Map.of("value", "  " + address.replace("erase", "ERASE") + " "))
                .when().post(path, ANONYMOUS).then().statusCode(200).body("erased", equalTo(4));
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("value", address))
                .when().post(path, ANONYMOUS).then().statusCode(200).body("erased", equalTo(0));

        assertEquals(0, listed(address));
        assertEquals(1, listed("keep." + address), "other addresses stay");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(partial)).isEmpty());
        assertEquals(JSON.readTree("{\"pick\":\"b\"}"),
                JSON.readTree(QuarkusTransaction.requiringNew().call(() -> responses.findById(legacy)).answers));
        String audit = given().auth().oauth2(Tokens.researcher()).when().get("/api/audit?surveyId=" + ANONYMOUS)
                .then().statusCode(200).body("action", hasItem("personal-data.erase"))
                .body("detail", hasItem("4 item(s) erased")).extract().asString();
        assertFalse(audit.toLowerCase(Locale.ROOT).contains(unique), "the audit log never holds the address");
    }

    private static void submitAnonymously(String pick, String email) {
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("pick", pick, "email", email)))
                .when().post("/api/surveys/{id}/responses", ANONYMOUS).then().statusCode(201);
    }

    private long listed(String address) {
        return QuarkusTransaction.requiringNew().call(() -> unlinked.ofSurvey(ANONYMOUS).stream()
                .filter(entry -> entry.value.equalsIgnoreCase(address)).count());
    }

    /** A response row as an earlier release (or a browser session) left it, stored without the service's checks. */
    private String storeDirectly(String surveyId, ResponseStatus status, String answers) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            SurveyResponse response = new SurveyResponse();
            response.id = id;
            response.surveyId = surveyId;
            response.surveyVersion = 1;
            response.status = status;
            response.answers = answers;
            response.startedAt = Instant.now();
            response.submittedAt = status == ResponseStatus.IN_PROGRESS ? null : Instant.now();
            responses.persist(response);
        });
        return id;
    }
}
