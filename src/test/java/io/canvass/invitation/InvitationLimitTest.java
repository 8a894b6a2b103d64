package io.canvass.invitation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A survey holds a bounded number of invitations: a request beyond it is refused whole. */
@QuarkusTest
@TestProfile(InvitationLimitTest.FiveInvitations.class)
class InvitationLimitTest {

    public static class FiveInvitations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("canvass.max-invitations-per-survey", "5");
        }
    }

    private static RequestSpecification researcher() {
        return given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON);
    }

    @Test
    void aSurveyHoldsAtMostItsAllowanceOfInvitations() {
        researcher().body(Map.of("count", 3)).when().post("/api/surveys/test-invite/invitations").then().statusCode(201);
        researcher().body(Map.of("labels", List.of("a", "b", "c"))).when().post("/api/surveys/test-invite/invitations")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:too-many-invitations"))
                .body("errors[0].field", equalTo("count"));
        researcher().when().get("/api/surveys/test-invite/invitations").then().statusCode(200).body("size()", equalTo(3));
        researcher().body(Map.of("count", 2)).when().post("/api/surveys/test-invite/invitations").then().statusCode(201);
        researcher().body(Map.of("count", 1)).when().post("/api/surveys/test-invite/invitations").then().statusCode(409);
    }
}
