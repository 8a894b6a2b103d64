package io.canvass.faults;

import io.canvass.packaging.PackagedService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients submitting to a survey as fast as they are answered, the way a careful API client does:
 * every submission carries its own Idempotency-Key, and one that got no {@code 201} (the connection
 * broke, or the service said 503) is retried later with the same key and body. The ledger keeps which
 * key was acknowledged with which response id, so that a test can hold the database against it.
 */
final class SubmissionLoad {

    /** One HTTP exchange: status -1 when the connection failed before any answer came. */
    record Attempt(String key, String target, int status, long millis, String contentType, String body, long startedAt) {
    }

    private static final Pattern RESPONSE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String survey;
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Integer> picks = new ConcurrentHashMap<>();
    private final Queue<String> unsettled = new ConcurrentLinkedQueue<>();
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger robin = new AtomicInteger();
    private volatile List<PackagedService> targets;
    private volatile boolean running;
    private ExecutorService clients;

    SubmissionLoad(String survey, List<PackagedService> targets) {
        this.survey = survey;
        this.targets = List.copyOf(targets);
    }

    /** Starts {@code count} clients that submit new responses until {@link #stop()}. */
    SubmissionLoad start(int count) {
        running = true;
        clients = Executors.newFixedThreadPool(count);
        for (int i = 0; i < count; i++) {
            clients.submit(() -> {
                while (running) {
                    submitNew();
                }
                return null;
            });
        }
        return this;
    }

    void stop() throws InterruptedException {
        running = false;
        clients.shutdown();
        if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("load clients did not finish");
        }
    }

    /** Where new submissions go from now on, e.g. away from an instance that was stopped. */
    void sendTo(List<PackagedService> live) {
        targets = List.copyOf(live);
    }

    /** Retries every submission that got no 201 until each has one, as a client would once the service is back. */
    void settle(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String key;
        while ((key = unsettled.poll()) != null) {
            while (!acknowledged.containsKey(key)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("submission " + key + " was never acknowledged; last attempts: " + lastAttempts(key));
                }
                if (attempt(key) != 201) {
                    Thread.sleep(200);
                }
            }
        }
    }

    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** How many acknowledged submissions picked {@code code}. */
    long acknowledgedPicking(String code) {
        int wanted = "x".equals(code) ? 0 : 1;
        return acknowledged.keySet().stream().filter(key -> picks.get(key) == wanted).count();
    }

    List<Attempt> attempts() {
        return new ArrayList<>(attempts);
    }

    int bodiesSent() {
        return bodies.size();
    }

    /** A new submission's key; its body is {@link #body(String)}. */
    String newSubmission() {
        String key = "load-" + UUID.randomUUID();
        int pick = ThreadLocalRandom.current().nextInt(2);
        picks.put(key, pick);
        bodies.put(key, """
                {"answers": {"pick": "%s", "note": "%s", "email": "%s@example.com"}}"""
                .formatted(pick == 0 ? "x" : "y", "note ".repeat(20).strip(), key));
        return key;
    }

    String body(String key) {
        return bodies.get(key);
    }

    /** The answer to a submission sent some other way than this class (e.g. byte by byte over a socket). */
    void record(String key, String target, int status, String body, long millis) {
        attempts.add(new Attempt(key, target, status, millis, "", status == 201 ? "" : body, System.currentTimeMillis()));
        if (status == 201) {
            acknowledge(key, body);
        } else {
            unsettled.add(key);
        }
    }

    private void submitNew() {
        String key = newSubmission();
        if (attempt(key) != 201) {
            unsettled.add(key);
        }
    }

    private int attempt(String key) {
        List<PackagedService> now = targets;
        PackagedService target = now.get(Math.floorMod(robin.getAndIncrement(), now.size()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/surveys/" + survey + "/responses"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(key)))
                .build();
        long startedAt = System.currentTimeMillis();
        long start = System.nanoTime();
        int status;
        String contentType = "";
        String body = "";
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            body = response.body();
        } catch (IOException broken) {
            status = -1;
            body = broken.toString();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        attempts.add(new Attempt(key, target.baseUrl(), status, millis, contentType, status == 201 ? "" : body, startedAt));
        if (status == 201) {
            acknowledge(key, body);
        }
        return status;
    }

    private void acknowledge(String key, String body) {
        Matcher id = RESPONSE_ID.matcher(body);
        if (!id.find()) {
            throw new AssertionError("201 without a response id: " + body);
        }
        String previous = acknowledged.putIfAbsent(key, id.group(1));
        if (previous != null && !previous.equals(id.group(1))) {
            throw new AssertionError("key " + key + " acknowledged as " + previous + " and as " + id.group(1));
        }
    }

    private List<Attempt> lastAttempts(String key) {
        return attempts.stream().filter(a -> a.key().equals(key)).toList();
    }
}
