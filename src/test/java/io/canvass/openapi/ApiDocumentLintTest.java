package io.canvass.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.testing.NpmTools;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the service serves at {@code /q/openapi} is one analysts can generate clients
 * from: Spectral's OpenAPI ruleset ({@code spectral:oas}) finds no error and no warning in it, and it
 * describes the JSON API under {@code /api} and nothing else (the pages for people are hidden).
 */
@QuarkusTest
class ApiDocumentLintTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RULESET = NpmTools.PACKAGE.resolve("spectral.yaml");

    @Test
    void spectralFindsNoErrorAndNoWarningInTheServedDocument() throws Exception {
        assumeTrue(NpmTools.onPath("node"), "API document lint skipped: install Node.js (apt-get install nodejs npm); .ci/run has it");
        Path spectral = NpmTools.installed(".bin/spectral");
        assumeTrue(Files.isExecutable(spectral), "API document lint skipped: run 'npm ci --prefix src/test/browser' to install Spectral");

        Path document = Files.createDirectories(Path.of("target", "openapi-lint")).resolve("openapi.json");
        Files.writeString(document, served(), StandardCharsets.UTF_8);
        Process lint = new ProcessBuilder(spectral.toAbsolutePath().toString(), "lint", "--ruleset", RULESET.toAbsolutePath().toString(),
                "--format", "json", "--quiet", document.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS), "spectral did not finish");
        JsonNode results = JSON.readTree(output.isBlank() ? "[]" : output);
        List<String> findings = new ArrayList<>();
        for (JsonNode result : results) {
            String severity = switch (result.path("severity").asInt()) {
                case 0 -> "error";
                case 1 -> "warning";
                case 2 -> "info";
                default -> "hint";
            };
            findings.add(severity + " " + result.path("code").asText() + " at " + String.join(".", paths(result.path("path")))
                    + ": " + result.path("message").asText());
        }
        assertEquals(List.of(), findings, "Spectral (spectral:oas) on " + document);
    }

    @Test
    void theDocumentDescribesTheJsonApiAndNoPageForPeople() throws Exception {
        JsonNode paths = JSON.readTree(served()).path("paths");
        Set<String> outsideTheApi = new TreeSet<>();
        paths.fieldNames().forEachRemaining(path -> {
            if (!path.startsWith("/api/")) {
                outsideTheApi.add(path);
            }
        });
        assertEquals(Set.of(), outsideTheApi, "pages for people (/, /s/**, /dashboard, /login, /studio) are hidden with "
                + "@Operation(hidden = true); only the JSON API under /api is documented");
        for (String kept : List.of("/api/surveys", "/api/surveys/{surveyId}/responses", "/api/surveys/{surveyId}/results",
                "/api/surveys/{surveyId}/codebook", "/api/audit")) {
            assertTrue(paths.has(kept), "the document should describe " + kept);
        }
        JsonNode codebook = paths.path("/api/surveys/{surveyId}/codebook").path("get").path("responses").path("200").path("content");
        assertTrue(codebook.has("application/json"), "the codebook is documented as JSON: " + codebook);
    }

    private static String served() {
        return given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
    }

    private static List<String> paths(JsonNode path) {
        List<String> parts = new ArrayList<>();
        path.forEach(part -> parts.add(part.asText()));
        return parts;
    }
}
