package io.canvass.results;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Limits of the live results streams; the values stand in {@code application.properties} (canvass.results.streams.*). */
@ConfigMapping(prefix = "canvass.results.streams")
public interface StreamConfig {

    /** Streams one staff member (token subject) may hold open at once: a few dashboards' worth. */
    int perSubject();

    /** Streams this instance holds open at once, for everyone together. */
    int maxOpen();

    /** How long a stream runs at most; the client then reconnects, and signs in again if its token expired. */
    Duration maxAge();
}
