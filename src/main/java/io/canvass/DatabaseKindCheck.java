package io.canvass;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Stops the start with one line, naming the command that fixes it, when the JDBC URL is for another
 * database than the one this build is for. Quarkus fixes the driver and the dialect when it builds
 * ({@code quarkus.datasource.db-kind}), so a PostgreSQL build cannot open the default H2 file and an
 * H2 build cannot reach PostgreSQL; without this the start fails with a long stack trace ("Driver
 * does not support the provided URL"). It runs where Flyway is configured, before the first connection,
 * and Quarkus prints a {@link ConfigurationException}'s message alone.
 */
@Singleton
public class DatabaseKindCheck implements FlywayConfigurationCustomizer {

    /** The JDBC sub-protocol of each database kind a Canvass build can be made for, and how to make and run that build. */
    private static final Map<String, Build> BUILDS = Map.of(
            "h2", new Build("H2", "h2", "./mvnw -B package -DskipTests && java -jar target/quarkus-app/quarkus-run.jar"),
            "postgresql", new Build("PostgreSQL", "postgresql",
                    "./mvnw -B package -Ppostgresql -DskipTests && java -jar target/postgresql/quarkus-app/quarkus-run.jar"));

    private final String builtFor;
    private final Optional<String> jdbcUrl;

    public DatabaseKindCheck(@ConfigProperty(name = "quarkus.datasource.db-kind") String builtFor,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl) {
        this.builtFor = builtFor;
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        jdbcUrl.flatMap(url -> mismatch(builtFor, url)).ifPresent(problem -> {
            throw new ConfigurationException(problem);
        });
    }

    /**
     * What is wrong and what to run instead, in one line, when {@code jdbcUrl} is for another database
     * than {@code builtFor}; empty when they agree or either is one this check does not know. The URL
     * itself is never quoted (it may carry a password).
     */
    public static Optional<String> mismatch(String builtFor, String jdbcUrl) {
        Build build = BUILDS.get(canonicalKind(builtFor));
        Build wanted = BUILDS.values().stream().filter(b -> b.protocol().equals(subProtocol(jdbcUrl))).findFirst().orElse(null);
        if (build == null || wanted == null || build == wanted) {
            return Optional.empty();
        }
        // The usual case: the PostgreSQL build started without a PostgreSQL URL, so on the default H2 file.
        String orSetTheUrl = wanted.protocol().equals("h2")
                ? ", or point it at " + build.name() + ": QUARKUS_DATASOURCE_JDBC_URL=jdbc:" + build.protocol()
                        + "://HOST:5432/DATABASE"
                : "";
        return Optional.of("This build of Canvass is for " + build.name()
                + ", but the JDBC URL (QUARKUS_DATASOURCE_JDBC_URL) is for " + wanted.name()
                + ". Run the " + wanted.name() + " build: " + wanted.command() + orSetTheUrl);
    }

    /** Quarkus' aliases of a database kind, by their canonical name. */
    private static String canonicalKind(String kind) {
        String lower = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "pgsql", "pg" -> "postgresql";
            default -> lower;
        };
    }

    /** {@code h2} of {@code jdbc:h2:file:...}; empty for anything that is not a JDBC URL. */
    private static String subProtocol(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.strip().toLowerCase(Locale.ROOT);
        if (!url.startsWith("jdbc:")) {
            return "";
        }
        int end = url.indexOf(':', 5);
        return end < 0 ? "" : url.substring(5, end);
    }

    private record Build(String name, String protocol, String command) {
    }
}
