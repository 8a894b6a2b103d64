package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A results stream as a client reads it: each event's document as it arrives, and whether the stream ended. */
final class ServerSentEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    private final List<JsonNode> all = new ArrayList<>();
    private final Stream<String> lines;
    private final CompletableFuture<Void> ended;

    private ServerSentEvents(Stream<String> lines) {
        this.lines = lines;
        this.ended = CompletableFuture.runAsync(() -> lines.filter(line -> line.startsWith("data:")).forEach(line -> {
            try {
                JsonNode document = JSON.readTree(line.substring(5).strip());
                synchronized (all) {
                    all.add(document);
                }
                queue.add(document);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    /** Opens a stream with a bearer token; fails unless it answers 200 with an event stream. */
    static ServerSentEvents open(String url, String token) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        return new ServerSentEvents(response.body());
    }

    JsonNode next(int seconds) throws InterruptedException {
        JsonNode event = queue.poll(seconds, TimeUnit.SECONDS);
        assertNotNull(event, "no event within " + seconds + " s");
        return event;
    }

    JsonNode nextWhere(Predicate<JsonNode> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonNode event = queue.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no matching event within " + seconds + " s; events: " + received());
    }

    /** Every document received so far. */
    List<JsonNode> received() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** Whether the server ended the stream within the time. */
    boolean endsWithin(long millis) {
        try {
            ended.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
