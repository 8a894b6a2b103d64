package io.canvass.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.response.AiiaAnswers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service keeps what it stored across a restart, and a restart imports nothing twice. */
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersAndSurveysSurviveARestart(@TempDir Path work) throws Exception {
        Files.createSymbolicLink(work.resolve("questionnaire"), Path.of("questionnaire").toAbsolutePath());
        Path data = work.resolve("data");
        String key = "restart-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(AiiaAnswers.complete("legal").body());

        String firstId;
        try (PackagedService service = PackagedService.start(work, data, Map.of()).awaitReady()) {
            operationsStayOffThePublicPort(service);
            HttpResponse<String> first = submit(service, key, body);
            assertEquals(201, first.statusCode(), first.body());
            firstId = JSON.readTree(first.body()).get("id").asText();
            service.stop();
            assertTrue(service.output().contains("stopped in"), "SIGTERM shuts down cleanly: " + service.output());
        }
        try (PackagedService service = PackagedService.start(work, data, Map.of()).awaitReady()) {
            HttpResponse<String> retry = submit(service, key, body);
            assertEquals(201, retry.statusCode(), retry.body());
            assertEquals(firstId, JSON.readTree(retry.body()).get("id").asText(), "the stored response is still there");
            assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(""));

            String token = io.canvass.access.TokenMinter.mint(data, "ops@example.com",
                    java.util.Set.of(io.canvass.access.Roles.ANALYST), java.time.Duration.ofMinutes(5));
            JsonNode surveys = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/surveys"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            long copies = 0;
            for (JsonNode survey : surveys) {
                copies += survey.get("id").asText().equals(AiiaAnswers.SURVEY) ? 1 : 0;
            }
            assertEquals(1, copies, surveys.toString());
            assertTrue(service.output().contains("Already have aiia-genai-2023 version 1"), service.output());
        }
    }

    /** As packaged (the prod profile): health and metrics only on the management port, no Swagger UI, OpenAPI public. */
    private void operationsStayOffThePublicPort(PackagedService service) throws Exception {
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/swagger-ui/")) {
            assertEquals(404, get(service.baseUrl() + path).statusCode(), "the public port answers 404 for " + path);
        }
        assertEquals(200, get(service.baseUrl() + "/q/openapi").statusCode(), "the OpenAPI document stays public");
        assertEquals(200, get(service.managementUrl() + "/q/health/live").statusCode());
        HttpResponse<String> metrics = get(service.managementUrl() + "/q/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("canvass_quota_cap{"), "Prometheus text with the service's own metrics");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> submit(PackagedService service, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/surveys/aiia-genai-2023/responses"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
