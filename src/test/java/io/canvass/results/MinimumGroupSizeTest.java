package io.canvass.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.canvass.access.SignIn;
import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The minimum group size results use: never below the configured floor (5), and never below what
 * any published version promised, so a later version cannot lower it for answers already given.
 */
@QuarkusTest
class MinimumGroupSizeTest {

    private static String definition(String id, int minGroupSize) {
        return """
                {"id": "%s", "title": "Group sizes", "minGroupSize": %d, "pages": [{"id": "p", "title": "P",
                  "questions": [{"id": "pick", "type": "single", "text": "Pick",
                    "options": [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]}]}]}
                """.formatted(id, minGroupSize);
    }

    @Test
    void aDefinitionCannotGoBelowTheFloor() {
        String id = "floor-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(definition(id, 1))
                .when().post("/api/surveys").then().statusCode(201);
        publish(id);
        grantTheAnalyst(id);
        for (int i = 0; i < 4; i++) {
            given().contentType(ContentType.JSON).body("{\"answers\": {\"pick\": \"x\"}}")
                    .when().post("/api/surveys/{id}/responses", id).then().statusCode(201);
        }
        given().auth().oauth2(Tokens.analyst()).when().get("/api/surveys/{id}/results", id).then().statusCode(200)
                .body("minGroupSize", equalTo(5))
                .body("completesAtState", equalTo(0));
        given().auth().oauth2(Tokens.researcher()).queryParam("filter", "pick:x")
                .when().get("/api/surveys/{id}/results", id).then().statusCode(200)
                .body("minGroupSize", equalTo(5))
                .body("suppressed", equalTo(true));
    }

    @Test
    void aLaterVersionCannotLowerWhatAnEarlierOnePromised() {
        String id = "promise-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(definition(id, 8))
                .when().post("/api/surveys").then().statusCode(201);
        publish(id);
        grantTheAnalyst(id);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(definition(id, 5))
                .when().put("/api/surveys/{id}/draft", id).then().statusCode(200);
        publish(id);
        given().auth().oauth2(Tokens.analyst()).when().get("/api/surveys/{id}/results", id).then().statusCode(200)
                .body("version", equalTo(2))
                .body("minGroupSize", equalTo(8));
        given().cookie(SignIn.COOKIE, SignIn.cookieFor(Tokens.analyst())).when().get("/dashboard/{id}", id).then()
                .statusCode(200).body(containsString("Groups of fewer than 8 completes are hidden"));
    }

    private static void publish(String id) {
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .when().post("/api/surveys/{id}/publish", id).then().statusCode(200);
    }

    /** The survey is the researcher's: the analyst reads its results with a grant. */
    private static void grantTheAnalyst(String id) {
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .body(Map.of("subject", "anil.analyst@example.com", "role", "analyst"))
                .when().post("/api/surveys/{id}/grants", id).then().statusCode(201);
    }
}
