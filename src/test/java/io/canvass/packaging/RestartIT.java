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

    private HttpResponse<String> submit(PackagedService service, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/surveys/aiia-genai-2023/responses"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
