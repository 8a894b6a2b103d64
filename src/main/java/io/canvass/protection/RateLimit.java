package io.canvass.protection;

/** The budgets requests are counted against, each per client. */
public enum RateLimit {
    SUBMISSIONS,
    SIGN_IN;

    RateLimitConfig.Limit of(RateLimitConfig config) {
        return switch (this) {
            case SUBMISSIONS -> config.submissions();
            case SIGN_IN -> config.signIn();
        };
    }
}
