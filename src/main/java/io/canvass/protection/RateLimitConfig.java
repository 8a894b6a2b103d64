package io.canvass.protection;

import io.smallrye.config.ConfigMapping;

/**
 * Per-client request budgets for the endpoints that write or check secrets. The values, and why
 * they are what they are, stand in {@code application.properties} (canvass.rate-limit.*).
 */
@ConfigMapping(prefix = "canvass.rate-limit")
public interface RateLimitConfig {

    /** Switches every limit off (e.g. behind a gateway that already throttles). */
    boolean enabled();

    /**
     * How many clients' buckets are kept per limit. Beyond it the least useful are dropped (a
     * dropped bucket starts full again), so a flood of addresses costs bounded memory.
     */
    int maxClients();

    /** Response submissions through the API and the respondent pages' form posts. */
    Limit submissions();

    /** Staff sign-in attempts (POST /login): tokens are secrets, guessing them must be slow. */
    Limit signIn();

    /** A token bucket: {@code burst} requests at once, refilled at {@code perMinute}. */
    interface Limit {
        int perMinute();

        int burst();
    }
}
