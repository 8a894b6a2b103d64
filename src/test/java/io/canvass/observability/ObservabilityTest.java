package io.canvass.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.canvass.response.AiiaAnswers;
import io.canvass.screening.QuotaCounter;
import io.canvass.screening.QuotaCounterRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What an operator relies on: health and metrics (on the management port), API docs, request ids, and logs free of personal data. */
@QuarkusTest
class ObservabilityTest {

    private static final String SURVEY = AiiaAnswers.SURVEY;

    @Inject
    QuotaCounterRepository counters;

    @Inject
    StreamSubscribers subscribers;

    @TestHTTPResource("/api/surveys/test-results-live/results/stream")
    URL stream;

    @Test
    void livenessIsUpAndReadinessChecksTheDatabase() {
        given().baseUri(ManagementPort.url()).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(ManagementPort.url()).when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void publishesOpenApi() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/surveys/{surveyId}/responses"));
    }

    @Test
    void countsStoredResponsesTimesSubmissionsAndExportsQuotaFill() {
        Map<String, String> complete = Map.of("survey", SURVEY, "status", "complete");
        Metrics before = Metrics.scrape();
        double submissionsTimed = before.total("canvass_submission_seconds_count", Map.of());

        String status = given().contentType(ContentType.JSON).body(AiiaAnswers.complete("hospitality").body())
                .when().post("/api/surveys/{id}/responses", SURVEY)
                .then().statusCode(201).extract().path("status");

        Metrics after = Metrics.scrape();
        Map<String, String> stored = Map.of("survey", SURVEY, "status", status);
        assertEquals(before.valueOrZero("canvass_responses_total", stored) + 1,
                after.valueOrZero("canvass_responses_total", stored), "one more " + status + " response");
        if (!status.equals("complete")) {
            assertEquals(before.valueOrZero("canvass_responses_total", complete),
                    after.valueOrZero("canvass_responses_total", complete));
        }
        // The timer stops as the response is written, so the client may scrape a moment before it is recorded.
        eventually(() -> Metrics.scrape().total("canvass_submission_seconds_count", Map.of()) == submissionsTimed + 1,
                "one more submission timed");
        assertTrue(after.value("canvass_submission_seconds_bucket", Map.of("le", "+Inf")).isPresent(),
                "submission latency is a histogram");
        assertTrue(after.value("http_server_requests_seconds_count",
                Map.of("status", "201", "uri", "/api/surveys/{surveyId}/responses")).isPresent(),
                "HTTP responses by status, by route template (no ids or tokens in labels)");

        QuotaCounter counter = QuarkusTransaction.requiringNew()
                .call(() -> counters.findById(new QuotaCounter.Key(SURVEY, "industry", "hospitality")));
        Map<String, String> cell = Map.of("survey", SURVEY, "quota", "industry", "cell", "hospitality");
        eventually(() -> Metrics.scrape().valueOrZero("canvass_quota_filled", cell) == counter.filled,
                "canvass_quota_filled equals the counter (" + counter.filled + ")");
        assertEquals(counter.cap, Metrics.scrape().valueOrZero("canvass_quota_cap", cell));
        assertTrue(counter.filled >= 1);
    }

    @Test
    void countsOpenResultsStreams() throws Exception {
        Map<String, String> survey = Map.of("survey", "test-results-live");
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Bearer " + Tokens.analyst())
                .header("Accept", "text/event-stream").build();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Stream<String> lines = response.body();
        CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(
                () -> lines.filter(line -> line.startsWith("data:")).findFirst().orElse(""));
        firstEvent.get(10, TimeUnit.SECONDS);
        assertEquals(1.0, Metrics.scrape().valueOrZero("canvass_stream_subscribers", survey));
        lines.close();
        eventually(() -> subscribers.of("test-results-live") == 0, "the stream is no longer counted once closed");
        assertEquals(0.0, Metrics.scrape().valueOrZero("canvass_stream_subscribers", survey));
    }

    @Test
    void returnsTheCallersRequestIdOrANewOne() {
        given().header("X-Request-Id", "trace-7f3a_b").when().get("/api/surveys/{id}", SURVEY)
                .then().statusCode(200).header("X-Request-Id", "trace-7f3a_b");
        given().header("X-Request-Id", "not a sane id; <script>").when().get("/api/surveys/nope")
                .then().statusCode(404).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().accept("application/json").when().get("/q/openapi").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void logsNoAnswersEmailsOrTokens() {
        String email = "log-probe-" + System.nanoTime() + "@example.com";
        String comment = "Confidential remark " + System.nanoTime();
        String token = Tokens.analyst();
        List<String> lines;
        try (LogCapture capture = LogCapture.everything()) {
            given().contentType(ContentType.JSON)
                    .body(AiiaAnswers.complete("media").set("report_copy_email", email).set("comments", comment).body())
                    .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(201);
            given().contentType(ContentType.JSON).body("{\"answers\": {\"report_copy_email\": \"" + email + "\",}")
                    .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(400);
            given().contentType(ContentType.JSON)
                    .body(AiiaAnswers.complete("media").set("report_copy_email", email + " not an address").body())
                    .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(422);
            given().header("Authorization", "Bearer " + token).when().get("/api/surveys").then().statusCode(200);
            given().header("Authorization", "Bearer " + token + "x").when().get("/api/surveys").then().statusCode(401);
            lines = capture.lines();
        }
        for (String line : lines) {
            assertFalse(line.contains(email) || line.contains("log-probe-"), "an e-mail in the log: " + line);
            assertFalse(line.contains(comment), "an answer in the log: " + line);
            assertFalse(line.contains(token.substring(token.lastIndexOf('.') + 1)), "a token in the log: " + line);
        }
    }

    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("not within 15 s: " + what);
    }
}
