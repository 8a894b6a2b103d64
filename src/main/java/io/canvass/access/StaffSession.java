package io.canvass.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** A verified staff token as the browser keeps it: who, which Canvass roles, and until when. */
public record StaffSession(String token, String subject, Set<String> roles, Instant expiresAt) {

    /** What is left of the token's lifetime, never negative. */
    public Duration remaining(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
