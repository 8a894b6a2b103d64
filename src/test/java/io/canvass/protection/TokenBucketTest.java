package io.canvass.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void letsABurstThroughThenOneRequestPerRefillInterval() {
        TokenBucket bucket = new TokenBucket(3, 60, 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.take(0).allowed(), "request " + i + " of the burst");
        }
        TokenBucket.Outcome refused = bucket.take(0);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds(), "60 a minute: one token a second");
        assertTrue(refused.firstRefusal());
        assertFalse(bucket.take(SECOND / 2).firstRefusal(), "only the first refusal of a run is marked");
        assertTrue(bucket.take(SECOND).allowed());
        assertFalse(bucket.take(SECOND).allowed());
    }

    @Test
    void neverHoldsMoreThanTheBurstHoweverLongItWasIdle() {
        TokenBucket bucket = new TokenBucket(2, 600, 0);
        long later = 3600 * SECOND;
        assertTrue(bucket.take(later).allowed());
        assertTrue(bucket.take(later).allowed());
        assertFalse(bucket.take(later).allowed());
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        TokenBucket bucket = new TokenBucket(1, 10, 0);
        bucket.take(0);
        assertEquals(6, bucket.take(0).retryAfterSeconds(), "10 a minute: a token every 6 s");
        assertEquals(3, bucket.take(3 * SECOND).retryAfterSeconds());
        assertEquals(6 * SECOND, TokenBucket.fullRefillNanos(1, 10));
    }
}
