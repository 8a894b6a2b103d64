package io.canvass.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sign-in cookie is a credential for reading: a page elsewhere can make a browser send it, so
 * no call that changes anything is accepted on it alone (cross-site request forgery). And a CSRF
 * cookie the service cannot read never locks anyone out.
 */
@QuarkusTest
class CookieCredentialsTest {

    private static final String OWNER = "cora.cookie@example.com";

    private static String ownedOpenSurvey(String ownerToken) {
        String id = "test-cookie-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body("""
                {"id": "%s", "title": "Cookies", "pages": [{"id": "only", "title": "Only", "questions": [
                  {"id": "ok", "type": "single", "text": "Fine?", "options": [{"code": "yes", "label": "Yes"}]}]}]}"""
                .formatted(id)).when().post("/api/surveys").then().statusCode(201);
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).when().post("/api/surveys/{id}/publish", id)
                .then().statusCode(200);
        return id;
    }

    private static String status(String token, String surveyId) {
        return given().auth().oauth2(token).when().get("/api/surveys").then().statusCode(200).extract()
                .path("find { it.id == '" + surveyId + "' }.status");
    }

    @Test
    void aChangeWithOnlyTheCookieIsRefusedAndChangesNothing() {
        String token = Tokens.staff(OWNER, Roles.RESEARCHER);
        String id = ownedOpenSurvey(token);
        String cookie = SignIn.cookieFor(token);

        // What a form on another page of the same site can send: text/plain, or a form without the CSRF field.
        for (ContentType type : List.of(ContentType.TEXT, ContentType.URLENC, ContentType.JSON)) {
            Response refused = given().cookie(SignIn.COOKIE, cookie).contentType(type).body("x=y")
                    .when().post("/api/surveys/{id}/close", id);
            assertEquals(403, refused.statusCode(), type + ": " + refused.asString());
            assertEquals("application/problem+json", refused.contentType().split(";")[0]);
            assertEquals("urn:canvass:problem:cookie-not-accepted", refused.path("type"));
        }
        given().cookie(SignIn.COOKIE, cookie).contentType(ContentType.JSON).when().delete("/api/surveys/{id}/invitations/x", id)
                .then().statusCode(403);
        given().cookie(SignIn.COOKIE, cookie).contentType(ContentType.JSON).body("{\"count\": 1}")
                .when().post("/api/surveys/{id}/invitations", id).then().statusCode(403);
        assertEquals("open", status(token, id), "nothing changed");
        given().auth().oauth2(token).when().get("/api/surveys/{id}/invitations", id).then().body("size()", equalTo(0));

        // With the token in the Authorization header the same call works, cookie or not.
        given().cookie(SignIn.COOKIE, cookie).auth().oauth2(token).contentType(ContentType.TEXT).body("x=y")
                .when().post("/api/surveys/{id}/close", id).then().statusCode(200).body("status", equalTo("closed"));
        assertEquals("closed", status(token, id));
    }

    @Test
    void readsStillTakeTheCookie() {
        String token = Tokens.staff(OWNER, Roles.RESEARCHER);
        String id = ownedOpenSurvey(token);
        String cookie = SignIn.cookieFor(token);
        given().cookie(SignIn.COOKIE, cookie).when().get("/api/surveys/{id}/results", id).then().statusCode(200);
        given().cookie(SignIn.COOKIE, cookie).accept("text/csv").when().get("/api/surveys/{id}/responses", id)
                .then().statusCode(200);
        given().cookie(SignIn.COOKIE, cookie).when().head("/api/surveys/{id}/results", id).then().statusCode(200);
    }

    @Test
    void theBearerHeaderWinsOverTheCookie() {
        String ownerToken = Tokens.staff(OWNER, Roles.RESEARCHER);
        String id = ownedOpenSurvey(ownerToken);
        String strangersCookie = SignIn.cookieFor(Tokens.analyst());
        // The stranger's cookie would make the survey not exist; the owner's header is the credential that counts.
        given().cookie(SignIn.COOKIE, strangersCookie).auth().oauth2(ownerToken).when().get("/api/surveys/{id}/versions", id)
                .then().statusCode(200);
        given().cookie(SignIn.COOKIE, strangersCookie).auth().oauth2(ownerToken).contentType(ContentType.JSON)
                .when().post("/api/surveys/{id}/close", id).then().statusCode(200);
        given().auth().oauth2(ownerToken).queryParam("surveyId", id).when().get("/api/audit").then()
                .body("find { it.action == 'survey.close' }.actor", equalTo(OWNER));
    }

    @Test
    void anUnreadableCsrfCookieNeverLocksARespondentOut() {
        for (String bad : List.of("%%%", "abc", "not base64!", "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            for (String page : List.of("/s/test-access", "/login")) {
                Response response = given().redirects().follow(false).cookie("csrf-token", bad).when().get(page);
                assertEquals(200, response.statusCode(), page + " with csrf-token=" + bad + ": " + response.asString());
                assertTrue(response.contentType().startsWith("text/html"));
                String fresh = response.getCookie("csrf-token");
                assertNotNull(fresh, "a fresh CSRF cookie replaces the bad one");
                assertNotEquals(bad, fresh);
            }
        }
        // The fresh cookie and the form's field then work together, and other cookies are left alone.
        Response start = given().cookie("csrf-token", "%%%").cookie("other", "kept").when().get("/s/test-access");
        String cookie = start.getCookie("csrf-token");
        Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(start.asString());
        assertTrue(field.find());
        given().redirects().follow(false).cookie("csrf-token", cookie).contentType(ContentType.URLENC)
                .formParam("csrf-token", field.group(1)).when().post("/s/test-access/start").then().statusCode(303);
        // A form posted with an unreadable cookie is refused like one without a token, not served.
        given().redirects().follow(false).cookie("csrf-token", "%%%").contentType(ContentType.URLENC)
                .formParam("csrf-token", "%%%").when().post("/s/test-access/start").then().statusCode(400);
    }
}
