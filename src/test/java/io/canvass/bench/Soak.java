package io.canvass.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed load against several instances behind no load balancer but round-robin clients: respondents
 * paging through the survey in HTML (each request to the next instance), API submissions with
 * Idempotency-Keys, analysts polling results (plain, filtered, crosstab) and holding live streams.
 * Then it checks the database against what was acknowledged and prints BENCH lines.
 *
 * <p>Usage: Soak SECONDS SURVEY_ID TOKEN JDBC_URL BASE_URL@PID [BASE_URL@PID ...]
 */
public final class Soak {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_COOKIE = Pattern.compile("csrf-token=([^;]+)");
    private static final Pattern RESPONSE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** Workers and their pace: about 300 requests a second in all, well inside what two cores serve. */
    private static final int SUBMITTERS = 6;
    private static final long SUBMIT_EVERY_MILLIS = 40;
    private static final int RESPONDENTS = 8;
    private static final long RESPONDENT_THINK_MILLIS = 100;
    private static final int ANALYSTS = 4;
    private static final long ANALYST_EVERY_MILLIS = 250;
    private static final int STREAMS_PER_INSTANCE = 2;

    private final String survey;
    private final String token;
    private final List<String> bases;
    private final SurveyDefinition definition;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Queue<long[]>> samples = new ConcurrentHashMap<>();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong errorCount = new AtomicLong();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong journeysFinished = new AtomicLong();
    private final AtomicLong journeysBegun = new AtomicLong();
    private final Map<Integer, AtomicLong> streamLastComplete = new ConcurrentHashMap<>();
    private final AtomicLong streamEvents = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;

    private Soak(String survey, String token, List<String> bases, SurveyDefinition definition) {
        this.survey = survey;
        this.token = token;
        this.bases = bases;
        this.definition = definition;
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String survey = args[1];
        String token = args[2];
        String jdbcUrl = args[3];
        List<String> bases = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        List<String> managementBases = new ArrayList<>();
        // Each instance as base@pid@managementBase: metrics are on the management port, not the public one.
        for (String instance : Arrays.copyOfRange(args, 4, args.length)) {
            String[] parts = instance.split("@");
            bases.add(parts[0]);
            pids.add(Long.parseLong(parts[1]));
            managementBases.add(parts[2]);
        }
        HttpResponse<String> definition = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(bases.get(0) + "/api/surveys/" + survey)).build(),
                HttpResponse.BodyHandlers.ofString());
        Soak soak = new Soak(survey, token, bases, DefinitionParser.fromCanonicalJson(definition.body()));
        soak.run(seconds);
        soak.report(seconds, jdbcUrl, pids, managementBases);
    }

    private void run(int seconds) throws Exception {
        for (int i = 0; i < bases.size() * STREAMS_PER_INSTANCE; i++) {
            openStream(i, bases.get(i % bases.size()));
        }
        ExecutorService workers = Executors.newFixedThreadPool(SUBMITTERS + RESPONDENTS + ANALYSTS);
        for (int i = 0; i < SUBMITTERS; i++) {
            long seed = i;
            workers.submit(() -> paced(SUBMIT_EVERY_MILLIS, new SubmitLoop(seed)));
        }
        for (int i = 0; i < RESPONDENTS; i++) {
            long seed = 1000 + i;
            workers.submit(() -> respondentLoop(seed));
        }
        for (int i = 0; i < ANALYSTS; i++) {
            int analyst = i;
            workers.submit(() -> paced(ANALYST_EVERY_MILLIS, new AnalystLoop(analyst)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int minute = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.min(1000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1));
            int elapsedMinutes = (int) TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - startNanos);
            if (elapsedMinutes > minute) {
                minute = elapsedMinutes;
                System.err.printf("minute %d: %d acknowledged, %d journeys, %d errors%n", minute, acknowledged.size(),
                        journeysFinished.get(), errorCount.get());
            }
        }
        running = false;
        workers.shutdown();
        if (!workers.awaitTermination(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("workers did not finish");
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs the step at a fixed pace (not faster when the service is fast, so the mix stays the same). */
    private Object paced(long everyMillis, Step step) throws Exception {
        long next = System.nanoTime();
        while (running) {
            step.run();
            next += TimeUnit.MILLISECONDS.toNanos(everyMillis);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            } else {
                next = System.nanoTime();
            }
        }
        return null;
    }

    private final class SubmitLoop implements Step {
        private final RandomAnswers answers;
        private int turn;

        SubmitLoop(long seed) {
            answers = new RandomAnswers(definition, seed);
            turn = (int) seed;
        }

        @Override
        public void run() throws Exception {
            String key = "soak-" + UUID.randomUUID();
            String body = JSON.writeValueAsString(Map.of("answers", answers.next()));
            // A client retries a broken exchange with the same key; only the acknowledgement counts.
            for (int attempt = 0; attempt < 5; attempt++) {
                String base = bases.get(Math.floorMod(turn++, bases.size()));
                HttpResponse<String> response = timed("api submit", HttpRequest.newBuilder(
                                URI.create(base + "/api/surveys/" + survey + "/responses"))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
                if (response != null && response.statusCode() == 201) {
                    Matcher id = RESPONSE_ID.matcher(response.body());
                    if (id.find()) {
                        acknowledged.put(key, id.group(1));
                    }
                    return;
                }
            }
        }
    }

    private final class AnalystLoop implements Step {
        private final String[] queries = {"/results", "/results?filter=industry:it,financial&filter=hq_region:eu,us",
            "/results/crosstab?rows=genai_priority_2023&columns=hq_region", "/results?filter=revenue:10b_50b"};
        private int turn;

        AnalystLoop(int analyst) {
            turn = analyst;
        }

        @Override
        public void run() {
            String base = bases.get(Math.floorMod(turn, bases.size()));
            String query = queries[Math.floorMod(turn++, queries.length)];
            timed("analyst results", HttpRequest.newBuilder(URI.create(base + "/api/surveys/" + survey + query))
                    .header("Authorization", "Bearer " + token), 200);
        }
    }

    /** Whole questionnaires in the browser's way, each request to the next instance, until the soak ends. */
    private Object respondentLoop(long seed) throws Exception {
        RandomAnswers answers = new RandomAnswers(definition, seed);
        int turn = (int) seed;
        while (running) {
            journeysBegun.incrementAndGet();
            String form = formOf(answers.next());
            String[] cookie = new String[1];
            HttpResponse<String> start = page(bases.get(Math.floorMod(turn++, bases.size())), "/s/" + survey, null, cookie, 200);
            Matcher csrf = start == null ? null : CSRF_FIELD.matcher(start.body());
            if (csrf == null || !csrf.find()) {
                continue;
            }
            String csrfField = "csrf-token=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            String location = redirect(page(bases.get(Math.floorMod(turn++, bases.size())), "/s/" + survey + "/start",
                    csrfField, cookie, 303));
            while (location != null && !location.matches(".*/(thank-you|not-eligible|quota-full)$")) {
                Thread.sleep(RESPONDENT_THINK_MILLIS);
                if (page(bases.get(Math.floorMod(turn++, bases.size())), location, null, cookie, 200) == null) {
                    location = null;
                    break;
                }
                location = redirect(page(bases.get(Math.floorMod(turn++, bases.size())), location,
                        csrfField + "&action=continue&" + form, cookie, 303));
            }
            if (location != null && location.endsWith("/thank-you")
                    && page(bases.get(Math.floorMod(turn++, bases.size())), location, null, cookie, 200) != null) {
                journeysFinished.incrementAndGet();
            } else if (location != null) {
                error("journey ended at " + location);
            }
        }
        return null;
    }

    private HttpResponse<String> page(String base, String path, String form, String[] cookie, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie[0] != null) {
            request.header("Cookie", "csrf-token=" + cookie[0]);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        HttpResponse<String> response = timed(form == null ? "page GET" : "page POST", request, expected);
        if (response != null) {
            response.headers().allValues("Set-Cookie").stream().map(CSRF_COOKIE::matcher).filter(Matcher::find)
                    .forEach(found -> cookie[0] = found.group(1));
        }
        return response;
    }

    private static String redirect(HttpResponse<String> response) {
        return response == null ? null : URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
    }

    /** The answers as the page forms name them: repeated fields for multiple choice, question.row for a matrix. */
    private static String formOf(ObjectNode answers) {
        List<String> fields = new ArrayList<>();
        answers.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                value.forEach(code -> fields.add(pair(field.getKey(), code.asText())));
            } else if (value.isObject()) {
                value.fields().forEachRemaining(cell -> fields.add(pair(field.getKey() + "." + cell.getKey(),
                        cell.getValue().asText())));
            } else {
                fields.add(pair(field.getKey(), value.asText()));
            }
        });
        return String.join("&", fields);
    }

    private static String pair(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> timed(String kind, HttpRequest.Builder request, int expected) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            samples.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>())
                    .add(new long[] {TimeUnit.NANOSECONDS.toSeconds(start - startNanos), micros});
            if (response.statusCode() != expected) {
                error(kind + " " + response.statusCode() + " " + response.body().substring(0, Math.min(200, response.body().length())));
                return null;
            }
            return response;
        } catch (IOException | InterruptedException e) {
            error(kind + " " + e);
            return null;
        }
    }

    private void error(String what) {
        if (errorCount.incrementAndGet() <= 20) {
            errors.add(what);
        }
    }

    private void openStream(int index, String base) {
        http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/surveys/" + survey + "/results/stream"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
                    try {
                        long complete = JSON.readTree(line.substring(5).strip()).path("counts").path("complete").asLong();
                        streamLastComplete.computeIfAbsent(index, i -> new AtomicLong()).set(complete);
                        streamEvents.incrementAndGet();
                    } catch (IOException e) {
                        error("stream " + e);
                    }
                }))
                .exceptionally(failure -> {
                    if (running) {
                        error("stream " + index + " ended: " + failure);
                    }
                    return null;
                });
    }

    private void report(int seconds, String jdbcUrl, List<Long> pids, List<String> managementBases) throws Exception {
        long requests = samples.values().stream().mapToLong(Queue::size).sum();
        System.out.printf("BENCH soak seconds=%d instances=%d requests=%d rps=%.0f errors=%d%n", seconds, bases.size(), requests,
                requests / (double) seconds, errorCount.get());
        List<long[]> all = new ArrayList<>();
        samples.forEach((kind, list) -> {
            all.addAll(list);
            System.out.printf("BENCH %-16s %s%n", kind, summary(new ArrayList<>(list), seconds));
        });
        System.out.printf("BENCH %-16s %s%n", "all", summary(all, seconds));
        for (int minute = 0; minute * 60 < seconds; minute++) {
            int from = minute * 60;
            List<long[]> window = all.stream().filter(s -> s[0] >= from && s[0] < from + 60).toList();
            System.out.printf("BENCH minute %2d    %s%n", minute + 1, summary(new ArrayList<>(window), 60));
        }
        errors.forEach(error -> System.out.println("ERROR " + error));

        for (int i = 0; i < bases.size(); i++) {
            System.out.printf("BENCH instance %d rss_mib=%d heap_used_mib=%d%n", i + 1, rssMib(pids.get(i)),
                    heapUsedMib(managementBases.get(i)));
        }
        check(jdbcUrl);
    }

    private static String summary(List<long[]> samples, int seconds) {
        if (samples.isEmpty()) {
            return "requests=0";
        }
        long[] micros = samples.stream().mapToLong(s -> s[1]).sorted().toArray();
        return String.format("requests=%d rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f", micros.length,
                micros.length / (double) seconds, micros[micros.length / 2] / 1000.0,
                micros[(int) Math.min(micros.length - 1, Math.ceil(micros.length * 0.99) - 1)] / 1000.0,
                micros[micros.length - 1] / 1000.0);
    }

    /** The database against what clients were told, and every instance's live results against the database. */
    private void check(String jdbcUrl) throws Exception {
        Map<String, String> keys = new HashMap<>();
        long complete;
        long inProgress;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (PreparedStatement statement = db.prepareStatement(
                    "select idem_key, response_id from idempotency_key where survey_id = ?")) {
                statement.setString(1, survey);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            complete = count(db, "COMPLETE");
            inProgress = count(db, "IN_PROGRESS");
        }
        boolean apiExact = keys.equals(acknowledged);
        long expectedCompletes = acknowledged.size() + journeysFinished.get();
        System.out.printf("CHECK api: %d acknowledged, %d keys stored, identical=%s%n", acknowledged.size(), keys.size(), apiExact);
        System.out.printf("CHECK completes: stored %d = %d API + %d page journeys: %s (in progress: %d of %d journeys begun)%n",
                complete, acknowledged.size(), journeysFinished.get(), complete == expectedCompletes, inProgress,
                journeysBegun.get());
        Thread.sleep(3000);
        boolean resultsAgree = true;
        for (String base : bases) {
            JsonNode results = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/" + survey + "/results"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            long shown = results.path("counts").path("complete").asLong();
            resultsAgree &= shown == complete;
            System.out.printf("CHECK results on %s: %d completes%n", base, shown);
        }
        boolean streamsAgree = streamLastComplete.size() == bases.size() * STREAMS_PER_INSTANCE
                && streamLastComplete.values().stream().allMatch(last -> last.get() == complete);
        System.out.printf("CHECK streams: %d open, %d events, last events count %s%n", streamLastComplete.size(),
                streamEvents.get(), streamLastComplete.values());
        boolean ok = apiExact && complete == expectedCompletes && resultsAgree && streamsAgree && errorCount.get() == 0;
        System.out.println("CHECK " + (ok ? "PASSED" : "FAILED"));
        if (!ok) {
            System.exit(1);
        }
        System.exit(0);
    }

    private long count(Connection db, String status) throws Exception {
        try (PreparedStatement statement = db.prepareStatement("select count(*) from response where survey_id = ? and status = ?")) {
            statement.setString(1, survey);
            statement.setString(2, status);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private long heapUsedMib(String managementBase) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(managementBase + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double bytes = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(bytes / (1024 * 1024));
    }
}
