package io.canvass.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.Roles;
import io.canvass.access.TokenMinter;
import io.canvass.packaging.PackagedService;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service under load while things go wrong: an instance killed outright, the database
 * stopped and started again, an instance stopped politely. After each, the database holds exactly
 * what the clients were told was stored: every {@code 201} once, whole, and nothing else.
 * PostgreSQL only: replicas share it, and it is the database that can be stopped here.
 */
class FaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** All load comes from one address here: the per-client limits would turn it away. */
    private static final Map<String, String> UNLIMITED = Map.of("CANVASS_RATE_LIMIT_ENABLED", "false");
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

    private final HttpClient http = HttpClient.newHttpClient();
    private Path work;
    private Path data;
    private String survey;

    @BeforeEach
    void onPostgresql(@TempDir Path work) throws Exception {
        assumeTrue("postgresql".equals(System.getProperty("quarkus.datasource.db-kind")),
                "faults are exercised on PostgreSQL: run with -Ppostgresql");
        this.work = work;
        this.data = work.resolve("data");
        this.survey = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(work.resolve("questionnaire"));
    }

    @Test
    void killingAnInstanceUnderLoadLosesNoAcknowledgedSubmission() throws Exception {
        try (PackagedService first = instance(); PackagedService second = instance()) {
            publishSurvey(first);
            SubmissionLoad load = new SubmissionLoad(survey, List.of(first, second)).start(6);
            Thread.sleep(3000);
            first.process().destroyForcibly();
            assertTrue(first.process().waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, first.process().exitValue(), "killed with SIGKILL, no shutdown hooks");
            // The load balancer notices the dead instance and sends everything to the other one.
            load.sendTo(List.of(second));
            Thread.sleep(3000);
            load.stop();
            load.settle(Duration.ofSeconds(60));

            List<SubmissionLoad.Attempt> attempts = load.attempts();
            assertTrue(attempts.stream().anyMatch(a -> a.target().equals(first.baseUrl()) && a.status() == 201),
                    "the killed instance had acknowledged submissions");
            assertTrue(attempts.stream().filter(a -> a.target().equals(second.baseUrl())).allMatch(a -> a.status() == 201),
                    "the surviving instance answered everything: " + failures(attempts, second));
            StoredResponses.assertExactly(survey, load);
            awaitCompletes(second, load.acknowledged().size());
        }
    }

    @Test
    void aDatabaseOutageFailsFastWith503AndTheServiceRecoversByItself() throws Exception {
        assumeTrue(PostgresServer.controllable(), "needs the local PostgreSQL cluster and pg_ctlcluster");
        try (PackagedService service = instance()) {
            publishSurvey(service);
            SubmissionLoad load = new SubmissionLoad(survey, List.of(service)).start(4);
            Thread.sleep(2000);
            long stopped;
            long restarted;
            int readyDuringOutage;
            int liveDuringOutage;
            HttpResponse<String> pageDuringOutage;
            try {
                PostgresServer.stop();
                stopped = System.currentTimeMillis();
                Thread.sleep(4000);
                readyDuringOutage = getManagement(service, "/q/health/ready").statusCode();
                liveDuringOutage = getManagement(service, "/q/health/live").statusCode();
                pageDuringOutage = get(service, "/s/" + survey);
            } finally {
                PostgresServer.start();
            }
            restarted = System.currentTimeMillis();
            awaitAcknowledgedAfter(load, restarted, Duration.ofSeconds(30));
            Thread.sleep(1000);
            load.stop();
            load.settle(Duration.ofSeconds(60));
            Files.writeString(Path.of("target", "faults-outage.log"), service.output());

            assertEquals(503, readyDuringOutage, "readiness reports the database away");
            assertEquals(200, liveDuringOutage, "the process itself is alive: no restart wanted");
            assertEquals(200, getManagement(service, "/q/health/ready").statusCode(), "ready again once the database is back");
            assertEquals(503, pageDuringOutage.statusCode(), "a respondent's page during the outage");
            assertTrue(pageDuringOutage.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(pageDuringOutage.body().contains("Your earlier pages are saved"), pageDuringOutage.body());

            List<SubmissionLoad.Attempt> attempts = load.attempts();
            List<SubmissionLoad.Attempt> refused = attempts.stream().filter(a -> a.status() != 201).toList();
            assertFalse(refused.isEmpty(), "the outage was felt");
            for (SubmissionLoad.Attempt attempt : refused) {
                assertEquals(503, attempt.status(), "during the outage: " + attempt);
                assertTrue(attempt.contentType().startsWith("application/problem+json"), attempt.toString());
                JsonNode problem = JSON.readTree(attempt.body());
                assertEquals(503, problem.path("status").asInt(), attempt.body());
                assertEquals("urn:canvass:problem:service-unavailable", problem.path("type").asText(), attempt.body());
                assertFalse(attempt.body().matches("(?s).*(Exception|SQL|org\\.|java\\.|at io\\.).*"),
                        "no internals in the body: " + attempt.body());
                assertTrue(attempt.millis() < 5000, "fails fast, not after a long wait: " + attempt);
            }
            assertTrue(attempts.stream().anyMatch(a -> a.status() == 503 && a.startedAt() > stopped + 1000
                    && a.startedAt() < restarted), "submissions during the outage were refused, not held");

            StoredResponses.assertExactly(survey, load);
            awaitCompletes(service, load.acknowledged().size());
            System.out.printf("Database outage: %d submissions acknowledged, %d refused with 503 (slowest %d ms), "
                            + "first 201 %d ms after the restart%n", load.acknowledged().size(), refused.size(),
                    refused.stream().mapToLong(SubmissionLoad.Attempt::millis).max().orElse(0),
                    attempts.stream().filter(a -> a.status() == 201 && a.startedAt() > restarted)
                            .mapToLong(a -> a.startedAt() + a.millis() - restarted).min().orElse(-1));
            System.out.printf("Database outage: %d submissions acknowledged, %d refused with 503 (slowest %d ms), "
                            + "first 201 %d ms after the restart%n", load.acknowledged().size(), refused.size(),
                    refused.stream().mapToLong(SubmissionLoad.Attempt::millis).max().orElse(0),
                    attempts.stream().filter(a -> a.status() == 201 && a.startedAt() > restarted)
                            .mapToLong(a -> a.startedAt() + a.millis() - restarted).min().orElse(-1));
        }
    }

    @Test
    void stoppingAnInstanceLetsItsInFlightRequestsFinish() throws Exception {
        try (PackagedService first = instance(); PackagedService second = instance()) {
            publishSurvey(first);
            SubmissionLoad load = new SubmissionLoad(survey, List.of(first, second)).start(4);
            Thread.sleep(2000);

            // Submissions whose bodies are still arriving when the instance is told to stop.
            List<SlowSubmission> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(SlowSubmission.begin(first, survey, load));
            }
            // An analyst watching live results there: the stream must not hold the stop up until the timeout.
            String analyst = TokenMinter.mint(data, "anil@example.com", Set.of(Roles.ANALYST), Duration.ofMinutes(10));
            java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(first.baseUrl() + "/api/surveys/" + survey + "/results/stream"))
                            .header("Authorization", "Bearer " + analyst).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, stream.get(10, TimeUnit.SECONDS).statusCode());
            // Time for the server to read their headers: a request that arrives after SIGTERM is refused with 503.
            Thread.sleep(500);
            first.process().destroy();
            load.sendTo(List.of(second));
            Thread.sleep(1000);
            assertTrue(first.process().isAlive(), "still finishing its requests");
            for (SlowSubmission submission : inFlight) {
                submission.finish();
            }
            long finished = System.nanoTime();
            assertTrue(first.process().waitFor(15, TimeUnit.SECONDS),
                    "stops once its requests are done, without waiting out its 25 s timeout for the open results stream");
            System.out.printf("SIGTERM: stopped %d ms after the last in-flight request finished%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - finished));
            // 143 = 128 + SIGTERM: how the JVM exits on that signal once its shutdown hooks have run.
            assertEquals(143, first.process().exitValue());
            assertTrue(first.output().contains("All HTTP requests complete") && first.output().contains("stopped in"),
                    "a clean stop that waited for its requests:\n" + first.output());
            Thread.sleep(1000);
            load.stop();
            load.settle(Duration.ofSeconds(60));

            for (SlowSubmission submission : inFlight) {
                assertEquals(201, submission.status, "an in-flight submission completes: " + submission.response);
            }
            List<SubmissionLoad.Attempt> attempts = load.attempts();
            assertTrue(attempts.stream().noneMatch(a -> a.status() >= 500 && a.status() != 503),
                    "a stopping instance refuses new work with 503 at most: " + failures(attempts, first));
            StoredResponses.assertExactly(survey, load);
            awaitCompletes(second, load.acknowledged().size());
        }
    }

    /** A submission sent over a raw socket, its body held back halfway until {@link #finish()}. */
    private static final class SlowSubmission {
        private final Socket socket;
        private final byte[] body;
        private final String key;
        private final String target;
        private final SubmissionLoad load;
        private final long started = System.nanoTime();
        int status;
        String response;

        private SlowSubmission(Socket socket, byte[] body, String key, String target, SubmissionLoad load) {
            this.socket = socket;
            this.body = body;
            this.key = key;
            this.target = target;
            this.load = load;
        }

        static SlowSubmission begin(PackagedService service, String survey, SubmissionLoad load) throws Exception {
            String key = load.newSubmission();
            byte[] body = load.body(key).getBytes(StandardCharsets.UTF_8);
            URI base = URI.create(service.baseUrl());
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/surveys/" + survey + "/responses HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            return new SlowSubmission(socket, body, key, service.baseUrl(), load);
        }

        void finish() throws Exception {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                in.transferTo(received);
                response = received.toString(StandardCharsets.UTF_8);
            }
            Matcher line = STATUS_LINE.matcher(response);
            status = line.find() ? Integer.parseInt(line.group(1)) : -1;
            load.record(key, target, status, response, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** An instance of the packaged service on the suite's database, ready for requests. */
    private PackagedService instance() throws Exception {
        return PackagedService.start(work, data, UNLIMITED).awaitReady();
    }

    private void publishSurvey(PackagedService service) throws Exception {
        String researcher = TokenMinter.mint(data, "rita@example.com", Set.of(Roles.RESEARCHER), Duration.ofMinutes(10));
        String definition = """
                {"id": "%s", "title": "Faults", "minGroupSize": 1,
                 "pages": [{"id": "p", "title": "P", "questions": [
                   {"id": "pick", "type": "single", "text": "Pick", "options": [
                     {"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]},
                   {"id": "note", "type": "text", "text": "Note"},
                   {"id": "email", "type": "email", "text": "E-mail", "required": false, "personalData": true}]}],
                 "quotas": [{"id": "pick", "question": "pick", "limits": {"x": 1000000, "y": 1000000}}]}
                """.formatted(survey);
        assertEquals(201, service.send("POST", "/api/surveys", researcher, definition).statusCode());
        assertEquals(200, service.send("POST", "/api/surveys/" + survey + "/publish", researcher, null).statusCode());
        // The survey is the researcher's; the analyst who watches its results needs a grant.
        assertEquals(201, service.send("POST", "/api/surveys/" + survey + "/grants", researcher,
                "{\"subject\": \"anil@example.com\", \"role\": \"analyst\"}").statusCode());
    }

    private static void awaitAcknowledgedAfter(SubmissionLoad load, long since, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (load.attempts().stream().anyMatch(a -> a.status() == 201 && a.startedAt() > since)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not take submissions again after the database came back");
    }

    /**
     * Live results count every stored response: also the instance's own index got over the fault. Read
     * as a researcher, whose numbers are exact and live (an analyst's move in published states).
     */
    private void awaitCompletes(PackagedService service, long completes) throws Exception {
        String researcher = TokenMinter.mint(data, "rita@example.com", Set.of(Roles.RESEARCHER), Duration.ofMinutes(10));
        service.awaitResults(survey, researcher, "complete", completes, Duration.ofSeconds(15));
    }

    private static String failures(List<SubmissionLoad.Attempt> attempts, PackagedService target) {
        return attempts.stream().filter(a -> a.target().equals(target.baseUrl()) && a.status() != 201).limit(5).toList()
                .toString();
    }

    private HttpResponse<String> getManagement(PackagedService service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(PackagedService service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
