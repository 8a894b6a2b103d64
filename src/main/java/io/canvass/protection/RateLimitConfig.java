package io.canvass.protection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-client request budgets for the endpoints that write or check secrets. */
@ConfigMapping(prefix = "canvass.rate-limit")
public interface RateLimitConfig {

    /** Switches every limit off (e.g. behind a gateway that already throttles). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Key clients by the last address in X-Forwarded-For rather than the connection's address.
     * Only for a service that is reachable through exactly one trusted proxy, which appends the
     * address it saw: anyone else can write any X-Forwarded-For they like.
     */
    @WithDefault("false")
    boolean trustForwardedFor();

    /**
     * How many clients' buckets are kept per limit. Beyond it the least useful are dropped (a
     * dropped bucket starts full again), so a flood of addresses costs bounded memory.
     */
    @WithDefault("100000")
    int maxClients();

    /** Response submissions through the API and the respondent pages' form posts. */
    Submissions submissions();

    /** Staff sign-in attempts (POST /login): tokens are secrets, guessing them must be slow. */
    SignIn signIn();

    /** A token bucket: {@code burst} requests at once, refilled at {@code perMinute}. */
    interface Limit {
        int perMinute();

        int burst();
    }

    /** A respondent continues a page every few seconds at most; a whole office behind one NAT needs room. */
    interface Submissions extends Limit {
        @Override
        @WithDefault("120")
        int perMinute();

        @Override
        @WithDefault("60")
        int burst();
    }

    interface SignIn extends Limit {
        @Override
        @WithDefault("10")
        int perMinute();

        @Override
        @WithDefault("5")
        int burst();
    }
}
