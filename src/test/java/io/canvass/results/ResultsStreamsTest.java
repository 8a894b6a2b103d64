package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The places and lifetimes of live results streams, without HTTP. */
class ResultsStreamsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static ResultsStreams streams(int perSubject, int maxOpen) {
        return new ResultsStreams(new StreamConfig() {
            @Override
            public int perSubject() {
                return perSubject;
            }

            @Override
            public int maxOpen() {
                return maxOpen;
            }

            @Override
            public Duration maxAge() {
                return Duration.ofHours(1);
            }
        });
    }

    @Test
    void anInstanceServesNoMoreThanItsMaximumAndTakesPlacesBack() {
        ResultsStreams streams = streams(5, 3);
        ResultsStreams.Lease first = streams.open("a", null, NOW);
        streams.open("b", null, NOW);
        streams.open("c", null, NOW);
        TooManyStreamsException refused = assertThrows(TooManyStreamsException.class, () -> streams.open("d", null, NOW));
        assertFalse(refused.forSubject(), "the instance's limit: 503");
        assertEquals(3, streams.open());
        first.close();
        first.close();
        assertEquals(2, streams.open(), "closing twice gives back one place");
        streams.open("d", null, NOW);
    }

    @Test
    void onePersonHoldsNoMoreThanTheirShare() {
        ResultsStreams streams = streams(2, 100);
        streams.open("a", null, NOW);
        ResultsStreams.Lease second = streams.open("a", null, NOW);
        TooManyStreamsException refused = assertThrows(TooManyStreamsException.class, () -> streams.open("a", null, NOW));
        assertTrue(refused.forSubject(), "the person's limit: 429");
        streams.open("b", null, NOW);
        second.close();
        streams.open("a", null, NOW);
        assertEquals(3, streams.open());
    }

    @Test
    void aStreamEndsAtItsTokensExpiryOrItsMaximumAgeWhicheverIsFirst() {
        Duration hour = Duration.ofHours(1);
        assertEquals(NOW.plusSeconds(60), ResultsStreams.endOf(NOW.plusSeconds(60), NOW, hour));
        assertEquals(NOW.plus(hour), ResultsStreams.endOf(NOW.plus(Duration.ofDays(30)), NOW, hour));
        assertEquals(NOW.plus(hour), ResultsStreams.endOf(null, NOW, hour));
        assertEquals(NOW.plusSeconds(60), streams(1, 1).open("a", NOW.plusSeconds(60), NOW).ends());
    }
}
