package io.canvass.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./canvass} script in the repository root, as a newcomer runs it beside the packaged service:
 * {@code token} makes the data directory's key pair on first use and prints a token the service accepts;
 * {@code demo} loads the 2023 study's figures into the running service with a progress line.
 */
class CanvassScriptIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("canvass").toAbsolutePath();

    record Run(int exit, String stdout, String stderr) {
    }

    @Test
    void aTokenFromTheScriptIsAcceptedByTheServiceAndDemoLoadsTheFigures(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        Run token = canvass(data, "token", "--role", "researcher", "--subject", "me@example.com");
        assertEquals(0, token.exit(), token.stderr());
        String jwt = token.stdout().strip();
        assertTrue(jwt.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "one token, nothing else: " + token.stdout());
        assertTrue(Files.exists(SigningKeys.folder(data).resolve(SigningKeys.PRIVATE_KEY_FILE)),
                "the key pair is made on first use in " + SigningKeys.folder(data));

        // A copy of the 2023 survey under its own id: on PostgreSQL the suite's database holds other runs' responses.
        String survey = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        Path questionnaires = Files.createDirectory(work.resolve("questionnaire"));
        Files.writeString(questionnaires.resolve(survey + ".yaml"), Files.readString(Path.of("questionnaire", "aiia-genai-2023.yaml"))
                .replaceFirst("(?m)^id: aiia-genai-2023$", "id: " + survey));
        try (PackagedService service = PackagedService.start(work, data, Map.of("CANVASS_RATE_LIMIT_ENABLED", "false")).awaitReady()) {
            var surveys = service.send("GET", "/api/surveys", jwt, null);
            assertEquals(200, surveys.statusCode(), "the service verifies the script's token with the same key pair: " + surveys.body());

            Run demo = canvass(data, "demo", "--url", service.baseUrl(), "--survey", survey,
                    "--definition", questionnaires.resolve(survey + ".yaml").toString());
            assertEquals(0, demo.exit(), demo.stdout() + demo.stderr());
            assertTrue(demo.stdout().contains("1516/1516 respondents (100%): 1000 complete, 480 screened out, 36 quota full"),
                    "the progress line reaches the end: " + demo.stdout());
            assertTrue(demo.stdout().contains("Every receipt was as planned"), demo.stdout());

            JsonNode results = service.awaitResults(survey, jwt, "complete", 1000, java.time.Duration.ofSeconds(30));
            assertEquals(480, results.path("counts").path("screened_out").asLong(), results.toString());
        }
    }

    @Test
    void anUnknownCommandShowsTheUsage(@TempDir Path work) throws Exception {
        Run unknown = canvass(work.resolve("data"), "tokens");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.stderr().contains("unknown command 'tokens'") && unknown.stderr().contains("./canvass token --role"),
                unknown.stderr());
        assertFalse(Files.exists(work.resolve("data")), "nothing made for a command that does not exist");
    }

    /** The script with the suite's own build (CANVASS_APP_DIR), so that it never builds one itself. */
    private static Run canvass(Path data, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("canvass", ".out");
        Path err = Files.createTempFile("canvass", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("CANVASS_DATA_DIR", data.toString());
        builder.environment().put("CANVASS_APP_DIR", PackagedService.jar().getParent().toString());
        Process process = builder.start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "./canvass " + String.join(" ", args) + " did not finish");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
