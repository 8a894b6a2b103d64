package io.canvass.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the response export. The values, and why they are what they are, stand in
 * {@code application.properties} (canvass.export.*).
 */
@ConfigMapping(prefix = "canvass.export")
public interface ExportConfig {

    /** Rows fetched from the database per round trip: the memory an export holds at once. */
    @WithDefault("500")
    int fetchSize();

    /** How long one export may stream: its read transaction stays open that long at most. */
    Duration maxDuration();

    /** Exports running at once on one instance, by everyone. */
    int maxConcurrent();

    /** Exports one staff member (token subject) may run at once on one instance. */
    int maxConcurrentPerSubject();

    /** What a refused export is told to wait (Retry-After) before trying again. */
    Duration retryAfter();
}
