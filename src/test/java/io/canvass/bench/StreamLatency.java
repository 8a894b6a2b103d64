package io.canvass.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Submit-to-event latency of the live results stream: opens the stream, then submits complete
 * responses one at a time and times each until an event counts it. Prints one BENCH line.
 *
 * <p>Usage: StreamLatency BASE_URL SURVEY_ID TOKEN COUNT BODIES_FILE (one submission body a line)
 */
public final class StreamLatency {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String survey = args[1];
        String token = args[2];
        int count = Integer.parseInt(args[3]);
        List<String> bodies = Files.readAllLines(Path.of(args[4]));
        HttpClient client = HttpClient.newHttpClient();
        BlockingQueue<Long> completes = new LinkedBlockingQueue<>();
        HttpRequest streamRequest = HttpRequest.newBuilder(URI.create(base + "/api/surveys/" + survey + "/results/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        client.sendAsync(streamRequest, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> {
                    try {
                        JsonNode document = JSON.readTree(line.substring(5).strip());
                        completes.add(document.path("counts").path("complete").asLong());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
        long seen = completes.poll(30, TimeUnit.SECONDS);
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> receipt = client.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/surveys/" + survey + "/responses"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (receipt.statusCode() != 201 || !receipt.body().contains("\"complete\"")) {
                throw new IllegalStateException("submission " + i + ": " + receipt.statusCode() + " " + receipt.body());
            }
            long target = seen + 1;
            while (seen < target) {
                Long next = completes.poll(10, TimeUnit.SECONDS);
                if (next == null) {
                    throw new IllegalStateException("no event counted submission " + i + " within 10 s");
                }
                seen = Math.max(seen, next);
            }
            latencies.add((System.nanoTime() - start) / 1e6);
            // Let the stream's 500 ms window pass, so that each submission is timed from a quiet start.
            Thread.sleep(200 + (long) (Math.random() * 400));
        }
        Collections.sort(latencies);
        System.out.printf("BENCH submissions=%d p50_ms=%.0f p95_ms=%.0f max_ms=%.0f%n", count,
                latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1),
                latencies.get(latencies.size() - 1));
        System.exit(0);
    }
}
