package io.canvass.problem;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Whatever a client sends, an error body says what went wrong in words, never how the service is built. */
@QuarkusTest
class ErrorBodiesTest {

    private static final List<String> LEAKS = List.of("exception", "at io.", "at org.", "at java.", "sql", "hibernate",
            "jdbc", "h2", "postgres", "vertx", "resteasy", "jackson", "stack", ".java:");
    private static final String SURVEY = "aiia-genai-2023";
    private static final byte[] TWO_MEGABYTES = new byte[2 * 1024 * 1024];

    private record Probe(String what, Function<RequestSpecification, Response> send, int status) {
    }

    @Test
    void errorBodiesLeakNoStackTraceClassNameOrSql() throws Exception {
        java.util.Arrays.fill(TWO_MEGABYTES, (byte) 'a');
        String researcher = Tokens.researcher();
        List<Probe> probes = List.of(
                new Probe("malformed JSON", r -> r.contentType(ContentType.JSON).body("{\"answers\": {")
                        .post("/api/surveys/{id}/responses", SURVEY), 400),
                new Probe("JSON of the wrong shape", r -> r.contentType(ContentType.JSON).body("[1, 2]")
                        .post("/api/surveys/{id}/responses", SURVEY), 422),
                new Probe("deeply nested JSON", r -> r.contentType(ContentType.JSON)
                        .body("{\"answers\": " + "[".repeat(500) + "]".repeat(500) + "}")
                        .post("/api/surveys/{id}/responses", SURVEY), 400),
                new Probe("not JSON at all", r -> r.contentType("text/plain").body("hello")
                        .post("/api/surveys/{id}/responses", SURVEY), 415),
                new Probe("unknown route", r -> r.get("/api/no-such-thing"), 404),
                new Probe("unknown route under /q", r -> r.get("/q/no-such-thing"), 404),
                new Probe("wrong method", r -> r.delete("/api/surveys/{id}/publish", SURVEY), 405),
                new Probe("wrong method on a page", r -> r.put("/login"), 405),
                new Probe("SQL probe in a survey id", r -> r.get("/api/surveys/{id}", "' OR 1=1--"), 404),
                new Probe("SQL probe in a submission's survey id", r -> r.contentType(ContentType.JSON)
                        .body("{\"answers\": {}}").post("/api/surveys/{id}/responses", "x'; SELECT pg_sleep(5)--"), 404),
                new Probe("SQL probe in an invitation", r -> r.contentType(ContentType.JSON)
                        .body("{\"answers\": {}, \"invitation\": \"' OR '1'='1\"}")
                        .post("/api/surveys/{id}/responses", SURVEY), 422),
                new Probe("SQL probe in a resume token", r -> r.get("/s/{id}/r/{token}/1", SURVEY, "' UNION SELECT 1--"), 404),
                new Probe("SQL probe in a results filter", r -> r.header("Authorization", "Bearer " + researcher)
                        .queryParam("filter", "industry:it' OR 1=1--")
                        .get("/api/surveys/{id}/results", SURVEY), 400),
                new Probe("a 2 MB definition", r -> r.header("Authorization", "Bearer " + researcher)
                        .contentType(ContentType.JSON).body(TWO_MEGABYTES).post("/api/surveys"), 413),
                new Probe("a 2 MB submission", r -> r.contentType(ContentType.JSON).body(TWO_MEGABYTES)
                        .post("/api/surveys/{id}/responses", SURVEY), 413),
                new Probe("a 100 KB submission", r -> r.contentType(ContentType.JSON)
                        .body("{\"answers\": {\"comments\": \"" + "a".repeat(100_000) + "\"}}")
                        .post("/api/surveys/{id}/responses", SURVEY), 413));
        for (Probe probe : probes) {
            Response response = send(probe);
            String body = response.asString();
            assertTrue(response.statusCode() == probe.status(),
                    probe.what() + ": expected " + probe.status() + ", got " + response.statusCode() + " " + body);
            String lower = body.toLowerCase(Locale.ROOT);
            for (String leak : LEAKS) {
                assertFalse(lower.contains(leak), probe.what() + " leaks '" + leak + "': " + body);
            }
            // The respondent pages answer people, in HTML; everything else answers programs, in problem+json.
            String expectedType = probe.what().contains("resume token") ? "text/html" : "application/problem+json";
            if (!body.isEmpty()) {
                assertTrue(String.valueOf(response.contentType()).startsWith(expectedType),
                        probe.what() + " answers with problem+json, not " + response.contentType() + ": " + body);
            }
        }
    }

    @Test
    void aRequestHttpCannotParseLeaksNothingEither() throws Exception {
        // Below REST: no client library sends these, so they go over a plain socket.
        for (String line : List.of("GET /api/surveys/%zz HTTP/1.1", "GET /s/%zz/start HTTP/1.1",
                "GET /api/surveys/" + "a".repeat(5000) + " HTTP/1.1")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write((line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(answer.matches("(?s)HTTP/1\\.[01] 4.*"), line.substring(0, Math.min(40, line.length())) + " → " + answer);
                String lower = answer.toLowerCase(Locale.ROOT);
                for (String leak : LEAKS) {
                    assertFalse(lower.contains(leak), line.substring(0, Math.min(40, line.length())) + " leaks '" + leak + "': " + answer);
                }
            }
        }
    }

    /**
     * The service may answer an oversized body (413) and close the connection before the client has
     * finished writing it, which the client sees as a broken pipe; the answer is then asked for again.
     */
    private static Response send(Probe probe) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return probe.send().apply(given().redirects().follow(false));
            } catch (Exception failure) {
                // REST Assured lets the socket's own (checked) exception through undeclared.
                if (attempt == 3 || !brokenConnection(failure)) {
                    throw failure;
                }
            }
        }
    }

    private static boolean brokenConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
    }
}
