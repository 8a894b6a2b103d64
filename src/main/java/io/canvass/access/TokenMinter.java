package io.canvass.access;

import io.smallrye.jwt.build.Jwt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Mints a signed staff token from the self-hosted key pair, for self-hosting and development:
 *
 * <pre>java -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*" io.canvass.access.TokenMinter \
 *     --subject alice@example.com --role researcher --expires-in 8h</pre>
 *
 * Issuer and audience come from {@code MP_JWT_VERIFY_ISSUER} and {@code MP_JWT_VERIFY_AUDIENCES}
 * (defaults as in application.properties), the key from {@code CANVASS_DATA_DIR} (default ./data).
 */
public final class TokenMinter {

    static final String DEFAULT_ISSUER = "urn:canvass";
    static final String DEFAULT_AUDIENCE = "canvass-api";
    /** The service refuses tokens issued longer ago than this ({@code mp.jwt.verify.token.age}, 12 h by default). */
    static final long DEFAULT_MAX_AGE_SECONDS = 43_200;
    private static final Set<String> ROLES = Set.of(Roles.RESEARCHER, Roles.ANALYST, Roles.ADMIN);

    private TokenMinter() {
    }

    public static void main(String[] args) {
        String subject = null;
        Set<String> roles = new LinkedHashSet<>();
        Duration lifetime = Duration.ofHours(8);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--subject" -> { subject = value; i++; }
                case "--role" -> { roles.add(value); i++; }
                case "--expires-in" -> { lifetime = parseDuration(value); i++; }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (subject == null || subject.isBlank()) {
            usage("--subject is required");
        }
        if (roles.isEmpty() || !ROLES.containsAll(roles)) {
            usage("--role must be researcher, analyst or admin (repeat it for several)");
        }
        if (lifetime.compareTo(maxLifetime()) > 0) {
            usage("--expires-in may be at most " + maxLifetime().toHours() + "h: the service refuses older tokens "
                    + "(MP_JWT_VERIFY_TOKEN_AGE)");
        }
        Path dataDir = Path.of(env("CANVASS_DATA_DIR", "./data"));
        SigningKeys.ensure(dataDir);
        System.out.println(mint(dataDir, subject, roles, lifetime));
    }

    /**
     * A token as the service verifies it: RS256, issuer, audience, subject, groups, issued-at and expiry.
     * A lifetime beyond the service's maximum token age is refused: such a token would stop working early.
     */
    public static String mint(Path dataDir, String subject, Set<String> roles, Duration lifetime) {
        if (lifetime.compareTo(maxLifetime()) > 0) {
            throw new IllegalArgumentException("A staff token may live at most " + maxLifetime() + ", not " + lifetime);
        }
        List<String> audiences = new ArrayList<>(List.of(env("MP_JWT_VERIFY_AUDIENCES", DEFAULT_AUDIENCE).split(",")));
        return Jwt.issuer(env("MP_JWT_VERIFY_ISSUER", DEFAULT_ISSUER))
                .audience(new LinkedHashSet<>(audiences))
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(lifetime)
                .sign(SigningKeys.readPrivateKey(dataDir));
    }

    /** The service's maximum token age, from the same variable the service reads. */
    static Duration maxLifetime() {
        String seconds = env("MP_JWT_VERIFY_TOKEN_AGE", String.valueOf(DEFAULT_MAX_AGE_SECONDS));
        try {
            return Duration.ofSeconds(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException notANumber) {
            return Duration.ofSeconds(DEFAULT_MAX_AGE_SECONDS);
        }
    }

    static Duration parseDuration(String text) {
        if (text == null || !text.matches("\\d+[smhd]")) {
            usage("--expires-in takes a number and a unit: 90m, 8h, 7d");
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.toLowerCase(Locale.ROOT).charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: TokenMinter --subject NAME --role researcher|analyst|admin [--role ...] [--expires-in 8h]");
        System.exit(2);
    }
}
