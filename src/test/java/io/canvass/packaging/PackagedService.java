package io.canvass.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/quarkus-app}; {@code target/postgresql/quarkus-app} with
 * {@code -Ppostgresql}) run as its own process, the way an operator runs it, on the database the
 * suite runs on (an H2 file in a data directory by default).
 */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private PackagedService(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the jar in {@code workDir} (where its {@code questionnaire/} folder is looked for). */
    public static PackagedService start(Path workDir, Path dataDir, Map<String, String> extraEnv) throws IOException {
        int port = freePort();
        // Several instances run at once (replicas, restarts, a suite beside them): each its own management port too.
        int managementPort = freePort();
        Path log = Files.createTempFile(workDir, "service", ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", jar().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("CANVASS_DATA_DIR", dataDir.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        copyDatabaseSettings(env);
        env.putAll(extraEnv);
        return new PackagedService(builder.start(), log, port, managementPort);
    }

    public static Path jar() {
        // The pom passes the directory of the build for the suite's database kind (target/postgresql/quarkus-app with -Ppostgresql).
        return Path.of(System.getProperty("canvass.app-dir", "target/quarkus-app"), "quarkus-run.jar").toAbsolutePath();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The operators' port: health at {@code /q/health}, metrics at {@code /q/metrics}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** A JSON request to this instance, with a bearer token when one is given. */
    public HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * This instance's results of a survey once {@code counts.<count>} equals {@code expected}: live
     * results on a replica catch up with the others' commits within a second or so.
     */
    public JsonNode awaitResults(String survey, String token, String count, long expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode results = null;
        while (System.nanoTime() < deadline) {
            results = JSON.readTree(send("GET", "/api/surveys/" + survey + "/results", token, null).body());
            if (results.path("counts").path(count).asLong() == expected) {
                return results;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("results on " + baseUrl() + " did not reach " + expected + " " + count + ": " + results);
    }

    public Process process() {
        return process;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Waits until readiness reports UP, or fails with the service's output. */
    public PackagedService awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        // Generous: a start on a loaded two-core machine (builds beside it) has taken over 90 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Service exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Service not ready in time:\n" + output());
    }

    /** Stops the service the way an orchestrator does (SIGTERM) and waits for it to exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static void copyDatabaseSettings(Map<String, String> env) {
        String url = System.getProperty("quarkus.datasource.jdbc.url");
        // The suite's in-memory H2 lives in the test JVM only; the child keeps its own H2 file instead.
        if (url != null && !url.startsWith("jdbc:h2:mem:")) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
            String user = System.getProperty("quarkus.datasource.username");
            if (user != null) {
                env.put("QUARKUS_DATASOURCE_USERNAME", user);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
