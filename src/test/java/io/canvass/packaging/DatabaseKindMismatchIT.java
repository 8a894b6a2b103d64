package io.canvass.packaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar started with a JDBC URL for the other database kind than it was built for (the
 * PostgreSQL build on the default H2 file, as after {@code ./mvnw verify -Ppostgresql}; or the H2 build
 * given a PostgreSQL URL) stops at once with one line saying so and the command that fixes it.
 */
class DatabaseKindMismatchIT {

    @Test
    void aJarStartedOnTheOtherDatabaseSaysSoInOneLineWithTheCommandThatFixesIt(@TempDir Path work) throws Exception {
        boolean builtForPostgresql = System.getProperty("quarkus.datasource.db-kind", "h2").startsWith("p");
        String otherUrl = builtForPostgresql ? "jdbc:h2:file:" + work.resolve("data").resolve("canvass")
                : "jdbc:postgresql://127.0.0.1:1/canvass";
        try (PackagedService service = PackagedService.start(work, work.resolve("data"),
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", otherUrl))) {
            assertTrue(service.process().waitFor(90, TimeUnit.SECONDS), "the service should stop by itself");
            String output = service.output();
            assertNotEquals(0, service.process().exitValue(), output);
            String expected = builtForPostgresql
                    ? "This build of Canvass is for PostgreSQL, but the JDBC URL (QUARKUS_DATASOURCE_JDBC_URL) is for H2."
                    : "This build of Canvass is for H2, but the JDBC URL (QUARKUS_DATASOURCE_JDBC_URL) is for PostgreSQL.";
            assertTrue(output.lines().anyMatch(line -> line.startsWith(expected) && line.contains("./mvnw -B package")), output);
            assertFalse(output.contains("\tat ") || output.contains("Exception"), "no stack trace, only the line: " + output);
            assertFalse(output.contains("Driver does not support"), output);
        }
    }
}
