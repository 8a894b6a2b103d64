package io.canvass.response;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Response ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits.
 * Ids made one after the other sort in time order, so the primary-key index of a busy table grows at
 * its right edge instead of touching a random page per insert. The random part comes from a
 * generator per thread: one shared {@link SecureRandom} is a lock every submission would queue on.
 */
public final class TimeOrderedIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(TimeOrderedIds::generator);

    private TimeOrderedIds() {
    }

    /** A new id, as the 36-character text stored in the {@code response} table. */
    public static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    /** DRBG keeps its state per instance; the default NativePRNG reads /dev/urandom under one global lock. */
    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    static UUID next(long unixMillis) {
        byte[] random = new byte[10];
        RANDOM.get().nextBytes(random);
        long high = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16
                | 0x7000L
                | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
