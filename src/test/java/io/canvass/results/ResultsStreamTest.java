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

/** The live results stream: a document on connect, then coalesced updates after submissions. */
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

    @Test
    void appliesFiltersToTheStreamToo() throws Exception {
        submit("y");
        try (Events events = open("?filter=pick:y")) {
            JsonNode first = events.next(5);
            assertEquals("pick", first.path("filters").path(0).path("question").asText());
            assertTrue(first.has("suppressed"));
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
                .header("Authorization", "Bearer " + Tokens.analyst())
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
