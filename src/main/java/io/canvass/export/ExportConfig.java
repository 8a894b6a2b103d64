package io.canvass.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the response export; the defaults suit a million rows. */
@ConfigMapping(prefix = "canvass.export")
public interface ExportConfig {

    /** Rows fetched from the database per round trip: the memory an export holds at once. */
    @WithDefault("500")
    int fetchSize();

    /** How long one export may stream: its read transaction stays open that long at most. */
    @WithDefault("PT1H")
    Duration maxDuration();
}
