package io.canvass.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.access.Roles;
import io.canvass.access.TokenMinter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the packaged service on one PostgreSQL: a quota holds exactly when submissions
 * race across both, each instance's results count the other's submissions within a second or so,
 * a results stream on one instance sees submissions made to the other, analysts read the same
 * published state and the same perturbed counts on both (record keys travel with the change log), and
 * a respondent's pages can alternate between them. PostgreSQL only: two processes cannot share the
 * embedded database.
 */
class ReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoInstancesOnOneDatabaseAgreeOnQuotasAndLiveResults(@TempDir Path work) throws Exception {
        assumeTrue("postgresql".equals(System.getProperty("quarkus.datasource.db-kind")),
                "replicas need a shared database: run with -Ppostgresql");
        Files.createDirectories(work.resolve("questionnaire"));
        Path data = work.resolve("data");
        String survey = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        try (PackagedService first = PackagedService.start(work, data, Map.of()).awaitReady();
                PackagedService second = PackagedService.start(work, data, Map.of()).awaitReady()) {
            String researcher = TokenMinter.mint(data, "rita@example.com", Set.of(Roles.RESEARCHER), Duration.ofMinutes(10));
            String analyst = TokenMinter.mint(data, "anil@example.com", Set.of(Roles.ANALYST), Duration.ofMinutes(10));
            String definition = """
                    {"id": "%s", "title": "Replicas", "minGroupSize": 5,
                     "pages": [{"id": "p", "title": "P", "questions": [
                       {"id": "pick", "type": "single", "text": "Pick", "options": [
                         {"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]}]}],
                     "quotas": [{"id": "pick", "question": "pick", "limits": {"x": 5}}]}
                    """.formatted(survey);
            assertEquals(201, first.send("POST", "/api/surveys", researcher, definition).statusCode());
            assertEquals(200, second.send("POST", "/api/surveys/" + survey + "/publish", researcher, null).statusCode());
            grantsHoldOnEveryInstance(first, second, survey, researcher, analyst);

            // A researcher's stream and results: exact, every change at once.
            BlockingQueue<JsonNode> events = stream(first, survey, researcher);
            assertEquals(0, events.poll(10, TimeUnit.SECONDS).path("counts").path("complete").asLong());

            for (int i = 0; i < 3; i++) {
                assertEquals(201, submit(second, survey, "y").statusCode());
            }
            awaitEvent(events, doc -> doc.path("counts").path("complete").asLong() == 3);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<HttpResponse<String>>> racing = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                PackagedService target = i % 2 == 0 ? first : second;
                racing.add(pool.submit(() -> submit(target, survey, "x")));
            }
            int completes = 0;
            int quotaFull = 0;
            for (Future<HttpResponse<String>> submission : racing) {
                HttpResponse<String> response = submission.get();
                assertEquals(201, response.statusCode(), response.body());
                String status = JSON.readTree(response.body()).path("status").asText();
                completes += status.equals("complete") ? 1 : 0;
                quotaFull += status.equals("quota_full") ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(5, completes, "the quota of 5 holds across both instances");
            assertEquals(19, quotaFull);

            JsonNode onFirst = awaitResults(first, survey, researcher, 27);
            JsonNode onSecond = awaitResults(second, survey, researcher, 27);
            for (JsonNode results : List.of(onFirst, onSecond)) {
                assertEquals(27, results.path("counts").path("started").asLong(), results.toString());
                assertEquals(19, results.path("counts").path("quota_full").asLong(), results.toString());
                assertEquals(5, results.path("questions").path(0).path("options").path(0).path("count").asLong());
                assertEquals(3, results.path("questions").path(0).path("options").path(1).path("count").asLong());
            }
            assertEquals(strip(onFirst), strip(onSecond), "both instances give the same results");

            // Twenty completes: both instances publish the state of the twentieth, and perturb its counts alike.
            for (int i = 0; i < 12; i++) {
                assertEquals(201, submit(i % 2 == 0 ? first : second, survey, "y").statusCode());
            }
            JsonNode stateOnFirst = first.awaitResults(survey, analyst, "complete", 20, Duration.ofSeconds(10));
            JsonNode stateOnSecond = second.awaitResults(survey, analyst, "complete", 20, Duration.ofSeconds(10));
            assertEquals(20, stateOnFirst.path("completesAtState").asLong(), stateOnFirst.toString());
            assertEquals(strip(stateOnFirst), strip(stateOnSecond), "the same published state on both instances");
            for (String query : List.of("/results?filter=pick:y", "/results/crosstab?rows=pick&columns=pick")) {
                JsonNode a = JSON.readTree(first.send("GET", "/api/surveys/" + survey + query, analyst, null).body());
                JsonNode b = JSON.readTree(second.send("GET", "/api/surveys/" + survey + query, analyst, null).body());
                assertEquals("cell-key", a.path("disclosureControl").path("method").asText(), a.toString());
                assertEquals(strip(a), strip(b), query + ": the same perturbed counts on both instances");
            }

            respondentPagesAlternateBetweenInstances(first, second, researcher);
        }
    }

    /**
     * One executive's pages, each request to the other instance than the one before (a load balancer
     * without sticky sessions): progress, the CSRF token and the answers so far travel with the
     * respondent and the database, not with an instance.
     */
    private void respondentPagesAlternateBetweenInstances(PackagedService first, PackagedService second, String researcher)
            throws Exception {
        String survey = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        String definition = """
                {"id": "%s", "title": "Pages across replicas", "minGroupSize": 5, "pages": [
                  {"id": "one", "title": "One", "questions": [{"id": "pick", "type": "single", "text": "Pick",
                    "options": [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]}]},
                  {"id": "two", "title": "Two", "questions": [{"id": "note", "type": "text", "text": "Note"}]},
                  {"id": "three", "title": "Three", "questions": [{"id": "done", "type": "single", "text": "Done?",
                    "options": [{"code": "yes", "label": "Yes"}]}]}]}
                """.formatted(survey);
        assertEquals(201, first.send("POST", "/api/surveys", researcher, definition).statusCode());
        assertEquals(200, second.send("POST", "/api/surveys/" + survey + "/publish", researcher, null).statusCode());
        assertEquals(201, second.send("POST", "/api/surveys/" + survey + "/grants", researcher,
                "{\"subject\": \"anil@example.com\", \"role\": \"analyst\"}").statusCode());

        Respondent respondent = new Respondent();
        HttpResponse<String> start = respondent.get(first, "/s/" + survey);
        assertEquals(200, start.statusCode(), start.body());
        String page1 = respondent.post(second, "/s/" + survey + "/start", Map.of());
        assertTrue(page1.endsWith("/1"), page1);
        assertEquals(200, respondent.get(first, page1).statusCode());
        String page2 = respondent.post(second, page1, Map.of("action", "continue", "pick", "y"));
        assertTrue(page2.endsWith("/2"), page2);
        HttpResponse<String> second2 = respondent.get(first, page2);
        assertTrue(second2.body().contains("name=\"note\""), second2.body());

        HttpResponse<String> back = respondent.get(second, page1);
        assertTrue(back.body().matches("(?s).*value=\"y\"[^>]*checked.*"), "the answer given on the other instance is there");
        String page3 = respondent.post(first, page2, Map.of("action", "continue", "note", "Said on the first"));
        assertTrue(page3.endsWith("/3"), page3);
        String thanks = respondent.post(second, page3, Map.of("action", "continue", "done", "yes"));
        assertTrue(thanks.endsWith("/thank-you"), thanks);
        HttpResponse<String> finished = respondent.get(first, thanks);
        assertEquals(200, finished.statusCode());
        assertTrue(finished.body().contains("Thank you"), finished.body());

        for (PackagedService service : List.of(first, second)) {
            JsonNode results = service.awaitResults(survey, researcher, "complete", 1, Duration.ofSeconds(10));
            assertEquals(1, results.path("counts").path("complete").asLong(), results.toString());
            assertEquals(1, results.path("questions").path(0).path("options").path(1).path("count").asLong(), results.toString());
        }
    }

    /**
     * Grants live in the database: one made or revoked on one instance holds on the other at once (each
     * access check reads it), and the survey does not exist for the analyst on either until then.
     */
    private static void grantsHoldOnEveryInstance(PackagedService first, PackagedService second, String survey,
            String researcher, String analyst) throws Exception {
        String results = "/api/surveys/" + survey + "/results";
        assertEquals(404, first.send("GET", results, analyst, null).statusCode());
        assertEquals(404, second.send("GET", results, analyst, null).statusCode());
        String grant = "{\"subject\": \"anil@example.com\", \"role\": \"analyst\"}";
        assertEquals(201, first.send("POST", "/api/surveys/" + survey + "/grants", researcher, grant).statusCode());
        assertEquals(200, second.send("GET", results, analyst, null).statusCode(), "granted on the first, read on the second");
        assertEquals(204, second.send("DELETE", "/api/surveys/" + survey + "/grants/anil@example.com", researcher, null)
                .statusCode());
        assertEquals(404, first.send("GET", results, analyst, null).statusCode(), "revoked on the second, gone on the first");
        assertEquals(201, second.send("POST", "/api/surveys/" + survey + "/grants", researcher, grant).statusCode());
        assertEquals(200, first.send("GET", results, analyst, null).statusCode());
    }

    /** A browser without JavaScript: cookies kept by hand, forms posted with their CSRF token, redirects not followed. */
    private final class Respondent {
        private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
        private static final Pattern CSRF_COOKIE = Pattern.compile("csrf-token=([^;]+)");
        private String cookie;
        private String csrf;

        HttpResponse<String> get(PackagedService service, String path) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path));
            if (cookie != null) {
                request.header("Cookie", "csrf-token=" + cookie);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            remember(response);
            return response;
        }

        /** Posts the form and returns the path it redirects to. */
        String post(PackagedService service, String path, Map<String, String> fields) throws Exception {
            StringBuilder form = new StringBuilder("csrf-token=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
            fields.forEach((name, value) -> form.append('&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "csrf-token=" + cookie)
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, response.statusCode(), response.body());
            remember(response);
            return URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
        }

        private void remember(HttpResponse<String> response) {
            response.headers().allValues("Set-Cookie").stream().map(CSRF_COOKIE::matcher).filter(Matcher::find)
                    .forEach(found -> cookie = found.group(1));
            Matcher field = CSRF_FIELD.matcher(response.body());
            if (field.find()) {
                csrf = field.group(1);
            }
        }
    }

    /** The results once they count every response started on either instance (each polls the other's changes). */
    private static JsonNode awaitResults(PackagedService service, String survey, String token, long started) throws Exception {
        return service.awaitResults(survey, token, "started", started, Duration.ofSeconds(10));
    }

    private static JsonNode strip(JsonNode results) {
        ObjectNode copy = results.deepCopy();
        copy.remove("asOf");
        return copy;
    }

    private static void awaitEvent(BlockingQueue<JsonNode> events, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && wanted.test(event)) {
                return;
            }
        }
        throw new AssertionError("the stream on one instance never counted the other's submissions");
    }

    private BlockingQueue<JsonNode> stream(PackagedService service, String survey, String token) {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        http.sendAsync(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/surveys/" + survey + "/results/stream"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
                    try {
                        events.add(JSON.readTree(line.substring(5).strip()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
        return events;
    }

    private HttpResponse<String> submit(PackagedService service, String survey, String code) throws Exception {
        return service.send("POST", "/api/surveys/" + survey + "/responses", null,
                "{\"answers\": {\"pick\": \"" + code + "\"}}");
    }
}
