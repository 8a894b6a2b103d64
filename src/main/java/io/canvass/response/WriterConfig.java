package io.canvass.response;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the {@link ResponseWriter} groups submissions into transactions. */
@ConfigMapping(prefix = "canvass.writer")
public interface WriterConfig {

    /** Most submissions committed in one transaction. */
    @WithDefault("64")
    int maxGroup();

    /** Submissions waiting for a writer at most; beyond it a submission is refused with 503 and Retry-After. */
    @WithDefault("2000")
    int queueCapacity();

    /** Writer threads, each committing one group at a time on its own connection. */
    @WithDefault("2")
    int threads();

    /** Sent as Retry-After (seconds) when the queue is full. */
    @WithDefault("1")
    int retryAfterSeconds();
}
