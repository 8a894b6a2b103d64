package io.canvass.access;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks a staff token pasted into the sign-in form exactly as the API checks a bearer token:
 * SmallRye JWT's parser with the same {@code mp.jwt.verify.*} settings (signature and algorithm,
 * issuer, audience, expiry, maximum age), and then that it carries a role that may read results.
 */
@ApplicationScoped
public class StaffSignIn {

    /** Roles that may use the dashboard. */
    public static final List<String> DASHBOARD_ROLES = List.of(Roles.ANALYST, Roles.RESEARCHER);
    /** Far above any real JWT; keeps a pasted novel out of the parser. */
    static final int MAX_TOKEN_LENGTH = 8192;
    /** A compact JWS: three base64url parts. Also keeps the cookie value free of characters cookies cannot carry. */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final JWTParser parser;
    private final Clock clock;
    private final Duration maxTokenAge;

    public StaffSignIn(JWTParser parser, @ConfigProperty(name = "mp.jwt.verify.token.age") long maxTokenAgeSeconds) {
        this.parser = parser;
        this.clock = Clock.systemUTC();
        this.maxTokenAge = Duration.ofSeconds(maxTokenAgeSeconds);
    }

    /** The session the token opens, or {@link SignInRefusedException} saying why not (never echoing the token). */
    public StaffSession verify(String pasted) {
        if (pasted == null || pasted.isBlank()) {
            throw SignInRefusedException.missing();
        }
        String token = pasted.strip();
        // People paste the header they used with curl.
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.length() > MAX_TOKEN_LENGTH || !COMPACT_JWS.matcher(token).matches()) {
            throw SignInRefusedException.notValid();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException | RuntimeException notValid) {
            throw SignInRefusedException.notValid();
        }
        // The verifier refuses a token older than the maximum age; the cookie must not outlive that either.
        Instant expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
        Instant tooOld = Instant.ofEpochSecond(jwt.getIssuedAtTime()).plus(maxTokenAge);
        if (tooOld.isBefore(expiresAt)) {
            expiresAt = tooOld;
        }
        // The verifier allows some clock skew; a cookie needs lifetime left.
        if (!expiresAt.isAfter(clock.instant())) {
            throw SignInRefusedException.notValid();
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : DASHBOARD_ROLES) {
            if (jwt.getGroups() != null && jwt.getGroups().contains(role)) {
                roles.add(role);
            }
        }
        if (roles.isEmpty()) {
            throw SignInRefusedException.noRole();
        }
        return new StaffSession(token, jwt.getName(), Set.copyOf(roles), expiresAt);
    }
}
