package io.canvass.respondent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.canvass.response.SurveyResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The respondent pages over plain HTTP: what a browser without script, or an attacker, sends. */
@QuarkusTest
class RespondentPagesTest {

    @Inject
    ResponseRepository responses;

    @Inject
    RespondentSessionRepository sessions;

    /** A respondent: the CSRF cookie and field a browser would carry, and where it is now. */
    static final class Visitor {
        String cookie;
        String csrf;
        String location;

        Response get(String path) {
            io.restassured.specification.RequestSpecification request = given().redirects().follow(false);
            if (cookie != null) {
                request.cookie("csrf-token", cookie);
            }
            Response response = request.when().get(path);
            if (response.getCookie("csrf-token") != null) {
                cookie = response.getCookie("csrf-token");
            }
            Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(response.asString());
            if (field.find()) {
                csrf = field.group(1);
            }
            return response;
        }

        Response post(String path, Map<String, ?> form) {
            Response response = given().redirects().follow(false).cookie("csrf-token", cookie)
                    .contentType(ContentType.URLENC).formParam("csrf-token", csrf).formParams(form)
                    .when().post(path);
            String next = response.getHeader("Location");
            if (next != null) {
                location = next.replaceAll("^https?://[^/]+", "");
            }
            return response;
        }

        String token() {
            return location.split("/")[4];
        }
    }

    private SurveyResponse responseOf(Visitor visitor) {
        return QuarkusTransaction.requiringNew().call(() -> responses.findById(sessions.findById(visitor.token()).responseId));
    }

    private static Visitor started(String surveyId) {
        Visitor visitor = new Visitor();
        visitor.get("/s/" + surveyId).then().statusCode(200);
        visitor.post("/s/" + surveyId + "/start", Map.of()).then().statusCode(303);
        return visitor;
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        Visitor visitor = started("test-escaping");
        for (String path : List.of("/s/test-escaping", visitor.location)) {
            given().when().get(path).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Cache-Control", equalTo("no-store"));
        }
    }

    @Test
    void definitionTextIsShownAsTextNeverAsMarkup() {
        Visitor visitor = started("test-escaping");
        String start = given().when().get("/s/test-escaping").asString();
        String page = given().when().get(visitor.location).asString();
        for (String html : List.of(start, page)) {
            assertFalse(html.contains("<script>alert"), html);
            assertFalse(html.contains("<img src=x"), html);
            assertFalse(html.contains("<svg onload"), html);
            assertFalse(html.contains("<iframe"), html);
            assertFalse(html.contains("<b>bold</b>"), html);
        }
        assertTrue(page.contains("Question &lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt;"), page);
        assertTrue(page.contains("Option &quot;&gt;&lt;svg onload=alert(1)&gt;"), page);
        // What a respondent types comes back escaped too.
        Response invalid = visitor.post(visitor.location, Map.of("action", "continue",
                "note", "</textarea><script>alert('typed')</script>"));
        assertEquals(422, invalid.statusCode());
        assertFalse(invalid.asString().contains("<script>alert('typed')"), invalid.asString());
        assertTrue(invalid.asString().contains("&lt;/textarea&gt;&lt;script&gt;"));
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefusedAndStoresNothing() {
        Visitor visitor = started("test-escaping");
        long before = QuarkusTransaction.requiringNew().call(() -> responses.count());
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("pick", "b")
                .formParam("action", "continue").when().post(visitor.location).then().statusCode(400);
        given().redirects().follow(false).contentType(ContentType.URLENC).when().post("/s/test-escaping/start")
                .then().statusCode(400);
        assertEquals(before, QuarkusTransaction.requiringNew().call(() -> responses.count()));
        assertEquals("{}", responseOf(visitor).answers, "the forged post saved nothing");
    }

    @Test
    void eachPageIsSavedAsAPartialResponseThatNeverCountsAsComplete() {
        Visitor visitor = started("test-escaping");
        assertEquals(ResponseStatus.IN_PROGRESS, responseOf(visitor).status);
        visitor.post(visitor.location, Map.of("action", "continue", "pick", "b", "note", "First thoughts"))
                .then().statusCode(303);
        SurveyResponse partial = responseOf(visitor);
        assertEquals(ResponseStatus.IN_PROGRESS, partial.status);
        assertEquals("{\"pick\":\"b\",\"note\":\"First thoughts\"}", partial.answers);
        assertTrue(visitor.location.endsWith("/2"));
    }

    @Test
    void aDoubleSubmitOfTheLastPageStoresOneResponse() throws Exception {
        Visitor visitor = started("test-escaping");
        visitor.post(visitor.location, Map.of("action", "continue", "pick", "a")).then().statusCode(303);
        String last = visitor.location;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> clicks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clicks.add(pool.submit(() -> {
                start.await();
                return given().redirects().follow(false).cookie("csrf-token", visitor.cookie)
                        .contentType(ContentType.URLENC).formParam("csrf-token", visitor.csrf)
                        .formParam("action", "continue").formParam("done", "y").when().post(last);
            }));
        }
        start.countDown();
        for (Future<Response> click : clicks) {
            Response response = click.get();
            assertEquals(303, response.statusCode());
            assertTrue(response.getHeader("Location").endsWith("/thank-you"), response.getHeader("Location"));
        }
        pool.shutdown();
        assertEquals(ResponseStatus.COMPLETE, responseOf(visitor).status);
        long completes = QuarkusTransaction.requiringNew().call(() ->
                responses.count("id = ?1 and status = ?2", responseOf(visitor).id, ResponseStatus.COMPLETE));
        assertEquals(1, completes);
        // Refresh and back after the end lead to the thank-you page, never to a second response.
        given().redirects().follow(false).when().get(last).then().statusCode(303)
                .header("Location", containsString("/thank-you"));
    }

    @Test
    void anInvitationLinkResumesWhereTheRespondentStopped() {
        String token = given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("count", 1))
                .when().post("/api/surveys/test-invite/invitations").then().statusCode(201)
                .extract().jsonPath().getString("[0].token");
        Visitor visitor = new Visitor();
        visitor.get("/s/test-invite?t=" + token).then().statusCode(200);
        visitor.post("/s/test-invite/start", Map.of("t", token)).then().statusCode(303);
        String firstPage = visitor.location;

        Visitor again = new Visitor();
        Response back = again.get("/s/test-invite?t=" + token);
        assertEquals(303, back.statusCode());
        assertEquals(firstPage, back.getHeader("Location").replaceAll("^https?://[^/]+", ""));
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/test-invite/invitations")
                .then().body("find { it.token == '" + token + "' }.state", equalTo("in_progress"));

        visitor.post(firstPage, Map.of("action", "continue", "role", "exec")).then().statusCode(303);
        assertTrue(visitor.location.endsWith("/thank-you"));
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/test-invite/invitations")
                .then().body("find { it.token == '" + token + "' }.state", equalTo("completed"));
        // Clicking the e-mail link again later starts nothing and, unlike the resume link, shows no outcome.
        given().when().get("/s/test-invite?t=" + token).then().statusCode(403)
                .body(containsString("This invitation has already been used")).body(not(containsString("Thank you")));
        new Visitor().get("/s/test-invite?t=not-a-token").then().statusCode(403)
                .contentType(containsString("text/html")).body(containsString("This survey is by invitation"));
        new Visitor().get("/s/test-invite").then().statusCode(403);
    }

    @Test
    void wrongLinksGetPolitePages() {
        given().when().get("/s/no-such-survey").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("Survey not found"));
        given().when().get("/s/test-escaping/r/not-a-real-token/1").then().statusCode(404)
                .contentType(containsString("text/html"));
        given().when().get("/s/test-escaping/r/' OR 1=1 --/1").then().statusCode(404);
    }
}
