package io.canvass.protection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.canvass.response.AiiaAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What crosses the perimeter: caching and sniffing headers, long form answers, the public definition, error bodies. */
@QuarkusTest
class PerimeterHygieneTest {

    @Test
    void apiResponsesAreNeverCachedOrSniffed() {
        for (Response response : new Response[] {
                given().auth().oauth2(Tokens.analyst()).get("/api/surveys"),
                given().auth().oauth2(Tokens.researcher()).get("/api/surveys/{id}/results", AiiaAnswers.SURVEY),
                given().auth().oauth2(Tokens.researcher()).accept("text/csv").get("/api/surveys/{id}/responses", AiiaAnswers.SURVEY),
                given().get("/api/surveys/{id}", AiiaAnswers.SURVEY),
                given().get("/api/surveys/no-such-survey")}) {
            response.then().header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        // The HTML under /api keeps the pages' policy (styles and scripts from the site itself).
        given().auth().oauth2(Tokens.researcher()).accept(ContentType.HTML).get("/api/surveys/{id}/preview", AiiaAnswers.SURVEY)
                .then().statusCode(200).header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("style-src 'self'"));
    }

    @Test
    void thePublicDefinitionShowsNoScreenerOrQuotas() {
        String body = given().get("/api/surveys/{id}", AiiaAnswers.SURVEY).then().statusCode(200)
                .body("pages.questions.flatten().find { it.id == 'revenue' }.options.code", hasItem("lt_1b"))
                .extract().asString();
        for (String hidden : new String[] {"screenOut", "\"quotas\"", "minGroupSize", "\"grants\"", "\"target\""}) {
            assertFalse(body.contains(hidden), "the public definition reveals " + hidden);
        }
    }

    @Test
    void anInvitationOnlyDefinitionNeedsAUsableInvitation() {
        String survey = "test-invite";
        given().get("/api/surveys/{id}", survey).then().statusCode(403).contentType("application/problem+json");
        given().queryParam("invitation", "made-up-token").get("/api/surveys/{id}", survey).then().statusCode(403);
        String token = given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("count", 1))
                .post("/api/surveys/{id}/invitations", survey).then().statusCode(201).extract().path("[0].token");
        given().queryParam("invitation", token).get("/api/surveys/{id}", survey).then().statusCode(200)
                .body("id", equalTo(survey)).body(not(containsString("screenOut")));
        given().queryParam("invitation", token).get("/api/surveys/{id}", "aiia-genai-2023").then().statusCode(200);
    }

    @Test
    void aBodyOfTheWrongTypeNamesTheFieldAndNoJavaType() {
        Response refused = given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body("{\"count\":\"x\"}")
                .post("/api/surveys/{id}/invitations", "test-invite");
        refused.then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("count")).body("errors[0].pointer", equalTo("/count"))
                .body("detail", containsString("'count'")).body("detail", containsString("whole number"));
        String text = refused.asString();
        for (String internal : new String[] {"java.", "Integer", "`", "Cannot deserialize", "io.canvass", "StreamReadConstraints"}) {
            assertFalse(text.contains(internal), "the problem quotes Jackson or Java: " + text);
        }
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body("{\"count\": 1,,}")
                .post("/api/surveys/{id}/invitations", "test-invite")
                .then().statusCode(400).body("detail", containsString("line 1")).body(not(containsString("Unexpected character")));
        String deep = "{\"answers\": {\"x\": " + "[".repeat(50) + "]".repeat(50) + "}}";
        String nested = given().contentType(ContentType.JSON).body(deep).post("/api/surveys/{id}/responses", AiiaAnswers.SURVEY)
                .then().statusCode(400).extract().asString();
        assertFalse(nested.contains("StreamReadConstraints") || nested.contains("getMaxNestingDepth"), nested);
    }

    @Test
    void longAnswersFullOfPunctuationAndCjkAreSavedFromTheWebForm() {
        String id = "test-long-answers";
        String definition = """
                {"id": "%s", "title": "Long answers", "pages": [{"id": "p1", "title": "Tell us", "questions": [
                  {"id": "sector", "type": "single", "text": "Sector?", "options": [
                    {"code": "other", "label": "Other", "specify": true}, {"code": "it", "label": "IT"}]},
                  {"id": "comments", "type": "text", "text": "Comments?", "maxLength": 2000}]}]}""".formatted(id);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(definition).post("/api/surveys")
                .then().statusCode(201);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).post("/api/surveys/{id}/publish", id)
                .then().statusCode(200);

        String comment = "a, \"b\" & c; d/e?\r\n".repeat(120).substring(0, 1998).replace("\r\n", "\n") + "é!";
        String cjk = "調査の回答".repeat(100);
        Map<String, String> cookies = new HashMap<>();
        Response start = given().redirects().follow(false).get("/s/{id}", id);
        cookies.putAll(start.getCookies());
        String csrf = csrf(start.asString());
        String page = given().redirects().follow(false).cookies(cookies).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf).post("/s/{id}/start", id).then().statusCode(303).extract().header("Location")
                .replaceAll("^https?://[^/]+", "");
        // As a browser sends it: UTF-8, percent-encoded (REST Assured's default for forms would be ISO-8859-1).
        Response sent = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf-token", csrf).formParam("sector", "other").formParam("sector.other", cjk)
                .formParam("comments", comment.replace("\n", "\r\n")).formParam("action", "continue").post(page);
        assertEquals(303, sent.statusCode(), "the page is accepted, not refused as too large: " + sent.asString());

        String export = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson")
                .get("/api/surveys/{id}/responses", id).then().statusCode(200).extract().asString();
        assertTrue(export.contains(cjk), "the 500-character CJK text is stored: " + export.substring(0, Math.min(1500, export.length())));
        assertTrue(export.contains("a, \\\"b\\\" & c; d/e?\\n"), "the comment is stored with its punctuation and line breaks");
        assertTrue(export.contains("é!\""), "the comment is stored whole, to its last character");

        // A field beyond the form limit gets a page in words, not a JSON document.
        Response tooLong = given().redirects().follow(false).cookies(cookies).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf).formParam("comments", "x".repeat(300_000)).post(page);
        tooLong.then().statusCode(413).contentType(containsString("text/html")).body(containsString("too long"));
    }

    private static String csrf(String html) {
        Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(field.find(), "the page has a CSRF field");
        return field.group(1);
    }
}
