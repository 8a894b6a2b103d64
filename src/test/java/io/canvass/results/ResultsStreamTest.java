package io.canvass.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The live results stream of a survey's researcher: a document on connect, then coalesced updates
 * after submissions (an analyst's stream moves in published states: {@link PublishedStatesTest}).
 */
@QuarkusTest
class ResultsStreamTest {

    private static final String SURVEY = "test-results-live";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/surveys/" + SURVEY + "/results/stream")
    URL stream;

    @Test
    void sendsTheResultsOnConnectAndAgainSoonAfterASubmission() throws Exception {
        try (Events events = open("")) {
            JsonNode first = events.next(5);
            long before = first.path("counts").path("complete").asLong();
            assertEquals(SURVEY, first.path("surveyId").asText());

            submit("x");
            JsonNode update = events.nextWhere(doc -> doc.path("counts").path("complete").asLong() == before + 1, 5);
            assertEquals(before + 1, update.path("n").asLong());
        }
    }

    @Test
    void coalescesABurstOfSubmissionsIntoAtMostOneEventEveryHalfSecond() throws Exception {
        try (Events events = open("")) {
            long before = events.next(5).path("counts").path("complete").asLong();
            for (int i = 0; i < 12; i++) {
                submit(i % 2 == 0 ? "x" : "y");
            }
            JsonNode last = events.nextWhere(doc -> doc.path("counts").path("complete").asLong() == before + 12, 10);
            assertNotNull(last);
            List<Long> arrivals = events.arrivals();
            for (int i = 2; i < arrivals.size(); i++) {
                long gap = arrivals.get(i) - arrivals.get(i - 1);
                assertTrue(gap >= 400, "events " + (i - 1) + " and " + i + " came " + gap + " ms apart");
            }
        }
    }

    /**
     * An analyst's filtered stream: every event says it is perturbed by the cell-key method, its counts are within
     * the maximum adjustment of the truth at the state it shows (zero stays zero), the unfiltered funnel is exact;
     * the survey's researcher gets the exact numbers of the same filter.
     */
    @Test
    void appliesFiltersToTheStreamToo() throws Exception {
        // A survey of its own, so the truth at every state is known: ten x first, then ten y.
        String surveyId = "test-stream-ck-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String owner = Tokens.staff("stream.owner@example.com", io.canvass.access.Roles.RESEARCHER);
        String analystSubject = "stream.analyst@example.com";
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("""
                {"id": "%s", "title": "Stream cell key", "minGroupSize": 5, "pages": [{"id": "only", "title": "Only",
                 "questions": [{"id": "pick", "type": "single", "text": "Pick one",
                   "options": [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]}]}]}""".formatted(surveyId))
                .when().post("/api/surveys").then().statusCode(201);
        given().auth().oauth2(owner).contentType(ContentType.JSON).when().post("/api/surveys/{id}/publish", surveyId).then().statusCode(200);
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("subject", analystSubject, "role", "analyst"))
                .when().post("/api/surveys/{id}/grants", surveyId).then().statusCode(201);
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("pick", i < 10 ? "x" : "y")))
                    .when().post("/api/surveys/{id}/responses", surveyId).then().statusCode(201);
        }
        String url = stream.toString().replace(SURVEY, surveyId) + "?filter=pick:y";
        try (ServerSentEvents events = ServerSentEvents.open(url, Tokens.analyst(analystSubject))) {
            JsonNode event = events.nextWhere(doc -> doc.path("completesAtState").asLong() == 20
                    && !doc.path("suppressed").asBoolean(true), 10);
            JsonNode control = event.path("disclosureControl");
            assertEquals("cell-key", control.path("method").asText(), event.toString());
            assertEquals(2, control.path("maxAdjustment").asInt(), event.toString());
            assertEquals(5, control.path("minGroupSize").asInt(), event.toString());
            assertEquals("pick", event.path("filters").path(0).path("question").asText());
            // At 20 completes the y group is the last ten; counts published for it move by at most 2, zero stays zero.
            long trueY = 10;
            long n = event.path("n").asLong();
            assertTrue(Math.abs(n - trueY) <= 2, "n " + n + " within 2 of " + trueY + ": " + event);
            JsonNode options = event.path("questions").path(0).path("options");
            for (JsonNode option : options) {
                long count = option.path("count").asLong();
                long truth = option.path("code").asText().equals("y") ? trueY : 0;
                assertTrue(Math.abs(count - truth) <= 2, option.path("code").asText() + ": " + count + " within 2 of " + truth);
                if (truth == 0) {
                    assertEquals(0, count, "a true zero is published as zero: " + option);
                }
            }
            assertEquals(20, event.path("counts").path("complete").asLong(), "the unfiltered funnel is exact: " + event);
        }
        // The researcher's filtered stream of the same survey is exact and says nothing of perturbation.
        try (ServerSentEvents events = ServerSentEvents.open(url, owner)) {
            JsonNode event = events.nextWhere(doc -> doc.path("completesAtState").asLong() == 20, 10);
            assertTrue(event.path("disclosureControl").isMissingNode() || event.path("disclosureControl").isNull(), event.toString());
            assertEquals(10, event.path("n").asLong(), event.toString());
        }
    }

    @Test
    void refusesBadRequestsBeforeTheStreamOpens() {
        given().when().get("/api/surveys/{id}/results/stream", SURVEY).then().statusCode(401);
        given().auth().oauth2(Tokens.noRole()).when().get("/api/surveys/{id}/results/stream", SURVEY).then().statusCode(403);
        given().auth().oauth2(Tokens.analyst()).queryParam("filter", "pick:z")
                .when().get("/api/surveys/{id}/results/stream", SURVEY)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("filter"));
        given().auth().oauth2(Tokens.analyst()).when().get("/api/surveys/{id}/results/stream", "no-such-survey")
                .then().statusCode(404);
    }

    private static void submit(String code) {
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("pick", code)))
                .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(201).body("status", equalTo("complete"));
    }

    private Events open(String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + query))
                .header("Authorization", "Bearer " + Tokens.researcher())
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        return new Events(response.body());
    }

    /** The data of each event as it arrives, with its arrival time. */
    private static final class Events implements AutoCloseable {
        private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        private final List<Long> arrivals = new ArrayList<>();
        private final Stream<String> lines;

        Events(Stream<String> lines) {
            this.lines = lines;
            CompletableFuture.runAsync(() -> lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                try {
                    synchronized (arrivals) {
                        arrivals.add(System.currentTimeMillis());
                    }
                    queue.add(JSON.readTree(line.substring(5).strip()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        JsonNode next(int seconds) throws InterruptedException {
            JsonNode event = queue.poll(seconds, TimeUnit.SECONDS);
            assertNotNull(event, "no event within " + seconds + " s");
            return event;
        }

        JsonNode nextWhere(java.util.function.Predicate<JsonNode> wanted, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                JsonNode event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && wanted.test(event)) {
                    return event;
                }
            }
            throw new AssertionError("no matching event within " + seconds + " s");
        }

        List<Long> arrivals() {
            synchronized (arrivals) {
                return List.copyOf(arrivals);
            }
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
