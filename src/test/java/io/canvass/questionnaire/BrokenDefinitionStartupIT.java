package io.canvass.questionnaire;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.packaging.PackagedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service refuses to start on a broken definition and says where it is broken. */
class BrokenDefinitionStartupIT {

    @Test
    void theServiceStopsAtStartUpNamingTheFileThePathAndTheProblem(@TempDir Path work) throws Exception {
        Path questionnaires = Files.createDirectory(work.resolve("questionnaire"));
        Files.writeString(questionnaires.resolve("board-survey.yaml"), """
                id: board-survey
                title: Board survey
                pages:
                  - id: p1
                    title: First
                    questions:
                      - id: seats
                        type: dropdown
                        text: How many seats?
                """);
        try (PackagedService service = PackagedService.start(work, work.resolve("data"), Map.of())) {
            assertTrue(service.process().waitFor(90, TimeUnit.SECONDS), "the service should stop by itself");
            String output = service.output();
            assertNotEquals(0, service.process().exitValue(), output);
            assertTrue(output.contains("board-survey.yaml"), output);
            assertTrue(output.contains("/pages/0/questions/0/type"), output);
            assertTrue(output.contains("single"), "the message lists the known types: " + output);
        }
    }
}
