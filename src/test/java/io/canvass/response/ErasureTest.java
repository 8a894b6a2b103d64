package io.canvass.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErasureTest {

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

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
}
