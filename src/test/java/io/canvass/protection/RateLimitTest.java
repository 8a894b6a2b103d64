package io.canvass.protection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.SignIn;
import io.canvass.access.Tokens;
import io.canvass.observability.LogCapture;
import io.canvass.response.AiiaAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Per-client budgets, with limits low enough to reach (a profile of its own: Quarkus restarts once for it). */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Forwarding on, as behind the shipped nginx, but the trusted proxy is another address than the
            // test client's (127.0.0.1): the client's own X-Forwarded-For must count for nothing.
            return Map.of("canvass.rate-limit.submissions.per-minute", "6",
                    "canvass.rate-limit.submissions.burst", "3",
                    "canvass.rate-limit.sign-in.per-minute", "2",
                    "canvass.rate-limit.sign-in.burst", "2",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "192.0.2.10");
        }
    }

    @Test
    void refusesSubmissionsBeyondTheBurstWithRetryAfterAndCountsFormPostsToo() {
        List<String> logged;
        try (LogCapture capture = LogCapture.of(
                record -> record.getLoggerName().startsWith("io.canvass.protection") && record instanceof ExtLogRecord,
                record -> ((ExtLogRecord) record).getMdc("requestId"))) {
            for (int i = 0; i < 3; i++) {
                // Each attempt counts, whatever it leads to: these are invalid (422).
                given().contentType(ContentType.JSON).body(Map.of("answers", Map.of()))
                        .header("X-Forwarded-For", "198.51.100." + i)
                        .when().post("/api/surveys/{id}/responses", AiiaAnswers.SURVEY)
                        .then().statusCode(422);
            }
            Response refused = given().contentType(ContentType.JSON).body(AiiaAnswers.complete("it").body())
                    .header("X-Request-Id", "limit-check-1")
                    .when().post("/api/surveys/{id}/responses", AiiaAnswers.SURVEY);
            refused.then().statusCode(429).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:canvass:problem:rate-limited"))
                    .body("title", equalTo("Too many requests"))
                    .body("status", equalTo(429))
                    .body("detail", containsString("Try again in"));
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 10, "6 a minute: a token within 10 s, got " + retryAfter);

            // The respondent pages' form posts draw on the same budget (before CSRF is even looked at).
            given().redirects().follow(false).contentType(ContentType.URLENC).formParam("t", "")
                    .when().post("/s/{id}/start", AiiaAnswers.SURVEY)
                    .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
            logged = capture.lines();
        }
        assertEquals(List.of("limit-check-1"), logged,
                "one log line for the run of refusals, with the request id and no address");
    }

    @Test
    void aForgedXForwardedForFromAnUntrustedClientDoesNotBuyAFreshBudget() {
        SignIn form = SignIn.form();
        int refused = 0;
        for (int i = 0; i < 4; i++) {
            Response attempt = given().redirects().follow(false).cookie("csrf-token", form.csrfCookie)
                    .header("X-Forwarded-For", "203.0.113." + (i + 1) + ", 198.51.100.7")
                    .header("Forwarded", "for=203.0.113." + (i + 101))
                    .contentType(ContentType.URLENC).formParam("csrf-token", form.csrfField).formParam("token", "forged-" + i)
                    .when().post("/login");
            refused += attempt.statusCode() == 429 ? 1 : 0;
        }
        // A burst of 2: four attempts from one address trip the limit, whatever addresses they claim to come from.
        assertTrue(refused >= 2, "the limit still trips behind forged X-Forwarded-For headers: " + refused + " of 4 refused");
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotClaimHttpsForStrictTransportSecurity() {
        Response response = given().header("X-Forwarded-Proto", "https").when().get("/api/surveys/{id}", AiiaAnswers.SURVEY);
        assertEquals(200, response.statusCode());
        assertEquals(null, response.header("Strict-Transport-Security"),
                "plain HTTP from a client that is not the trusted proxy: no HSTS, whatever it claims");
    }

    @Test
    void refusesSignInAttemptsBeyondTheBurstWhateverTheToken() {
        SignIn form = SignIn.form();
        assertEquals(400, form.post("not-a-token", null).statusCode());
        assertEquals(303, form.post(Tokens.analyst(), null).statusCode());
        Response refused = form.post(Tokens.analyst(), null);
        assertEquals(429, refused.statusCode(), refused.asString());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        // Reading the form is not an attempt.
        assertEquals(200, SignIn.form().formPage.statusCode());
    }

    private static final String PROBLEM_JSON = "application/problem+json";
}
