package io.canvass.results;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Ends live-results streams as soon as the instance starts to stop. A stream never finishes by
 * itself, so without this a graceful shutdown would wait its whole timeout for them; browsers'
 * EventSource reconnects at once, through the load balancer, to an instance that is staying.
 */
@ApplicationScoped
public class StreamShutdown {

    private static final Logger LOG = Logger.getLogger(StreamShutdown.class);
    private volatile boolean stopping;

    void onStopping(@Observes ShutdownDelayInitiatedEvent event) {
        LOG.info("Stopping: ending live results streams");
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
