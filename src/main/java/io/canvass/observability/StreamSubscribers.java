package io.canvass.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** canvass_stream_subscribers{survey}: how many live-results streams are open per survey. */
@ApplicationScoped
public class StreamSubscribers {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public StreamSubscribers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The stream, counted from subscription to completion, failure or the client going away. */
    public <T> Multi<T> track(String surveyId, Multi<T> stream) {
        AtomicInteger count = open.computeIfAbsent(surveyId,
                id -> registry.gauge("canvass.stream.subscribers", Tags.of("survey", id), new AtomicInteger()));
        return stream.onSubscription().invoke(count::incrementAndGet)
                .onTermination().invoke(count::decrementAndGet);
    }

    /** Open streams of a survey (for tests and health pages). */
    public int of(String surveyId) {
        AtomicInteger count = open.get(surveyId);
        return count == null ? 0 : count.get();
    }
}
