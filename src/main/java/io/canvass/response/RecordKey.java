package io.canvass.response;

import java.security.SecureRandom;

/**
 * A response's record key for the cell-key method (docs/confidentiality.md, "Disclosure control"): uniformly random
 * in {@code 0..RANGE-1}, drawn once when the response is stored, never exported or shown. Drawn
 * apart from the response id, which respondents and exports see, so that nothing shown reveals it.
 */
public final class RecordKey {

    /** Keys are 0..255: eight bits, and the size of the perturbation table's cell-key range. */
    public static final int RANGE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordKey() {
    }

    public static int draw() {
        return RANDOM.nextInt(RANGE);
    }
}
