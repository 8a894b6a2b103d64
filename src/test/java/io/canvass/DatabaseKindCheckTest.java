package io.canvass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one line a start on the wrong database gets: what is wrong, and the command that fixes it. */
class DatabaseKindCheckTest {

    @Test
    void aPostgresqlBuildOnTheDefaultH2FileIsToldToRunTheH2BuildOrSetAPostgresqlUrl() {
        String line = DatabaseKindCheck.mismatch("postgresql", "jdbc:h2:file:./data/canvass;LOCK_TIMEOUT=10000").orElseThrow();
        assertTrue(line.startsWith("This build of Canvass is for PostgreSQL, but the JDBC URL (QUARKUS_DATASOURCE_JDBC_URL) is for H2."), line);
        assertTrue(line.contains("./mvnw -B package -DskipTests && java -jar target/quarkus-app/quarkus-run.jar"), line);
        assertTrue(line.contains("QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://HOST:5432/DATABASE"), line);
        assertFalse(line.contains("\n"), "one line: " + line);
    }

    @Test
    void anH2BuildGivenAPostgresqlUrlIsToldToRunThePostgresqlBuild() {
        String line = DatabaseKindCheck.mismatch("h2", "jdbc:postgresql://db:5432/canvass?password=secret").orElseThrow();
        assertTrue(line.contains("is for H2, but the JDBC URL (QUARKUS_DATASOURCE_JDBC_URL) is for PostgreSQL"), line);
        assertTrue(line.contains("./mvnw -B package -Ppostgresql -DskipTests && java -jar target/postgresql/quarkus-app/quarkus-run.jar"), line);
        assertFalse(line.contains("secret") || line.contains("db:5432"), "the URL is never quoted (it may carry a password): " + line);
    }

    @Test
    void matchingKindsAndKindsItDoesNotKnowPass() {
        assertEquals(Optional.empty(), DatabaseKindCheck.mismatch("h2", "jdbc:h2:mem:canvass-test;DB_CLOSE_DELAY=-1"));
        assertEquals(Optional.empty(), DatabaseKindCheck.mismatch("postgresql", "jdbc:postgresql://127.0.0.1:5432/canvass"));
        assertEquals(Optional.empty(), DatabaseKindCheck.mismatch("pgsql", "JDBC:PostgreSQL://127.0.0.1/canvass"));
        assertEquals(Optional.empty(), DatabaseKindCheck.mismatch("mysql", "jdbc:h2:mem:x"));
        assertEquals(Optional.empty(), DatabaseKindCheck.mismatch("h2", "jdbc:mysql://db/canvass"));
        assertEquals(Optional.empty(), DatabaseKindCheck.mismatch("h2", "not a url"));
    }
}
