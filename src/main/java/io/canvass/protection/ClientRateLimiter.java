package io.canvass.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * One token bucket per client and limit. The buckets live in bounded caches that forget a client
 * once its bucket has had time to fill up again (it would be the same as a new one), so memory
 * stays bounded however many addresses send requests.
 */
@ApplicationScoped
public class ClientRateLimiter {

    private final RateLimitConfig config;
    private final Map<RateLimit, Cache<String, TokenBucket>> buckets = new EnumMap<>(RateLimit.class);

    public ClientRateLimiter(RateLimitConfig config) {
        this.config = config;
        for (RateLimit limit : RateLimit.values()) {
            RateLimitConfig.Limit settings = limit.of(config);
            buckets.put(limit, Caffeine.newBuilder()
                    .maximumSize(config.maxClients())
                    .expireAfterAccess(Duration.ofNanos(TokenBucket.fullRefillNanos(settings.burst(), settings.perMinute())))
                    .build());
        }
    }

    /** Counts a request of {@code client} against {@code limit}. */
    TokenBucket.Outcome take(RateLimit limit, String client) {
        if (!config.enabled()) {
            return TokenBucket.Outcome.ALLOWED;
        }
        RateLimitConfig.Limit settings = limit.of(config);
        long now = System.nanoTime();
        return buckets.get(limit)
                .get(client, c -> new TokenBucket(settings.burst(), settings.perMinute(), now))
                .take(now);
    }
}
