package io.canvass.observability;

import io.canvass.response.ResponseRecorded;
import io.canvass.response.ResponsesWritten;
import io.canvass.screening.QuotaCounter;
import io.canvass.screening.QuotaCounterRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * canvass_quota_filled and canvass_quota_cap {survey,quota,cell}, read from the quota counters
 * themselves (the numbers the quota rule enforces), when Prometheus scrapes and at most once a
 * second however often it does; canvass_quota_cells is the number of cells. A cell that appears
 * (a survey published) is exported from the scrape after the one that first sees it.
 */
@ApplicationScoped
public class QuotaMetrics {

    private static final long MIN_AGE = Duration.ofSeconds(1).toNanos();
    private static final long MAX_AGE = Duration.ofSeconds(10).toNanos();

    private final MeterRegistry registry;
    private final QuotaCounterRepository counters;
    private final Set<QuotaCounter.Key> exported = ConcurrentHashMap.newKeySet();
    private Map<QuotaCounter.Key, QuotaCounter> snapshot = Map.of();
    private long readAt;
    private boolean read;
    private volatile boolean changed;

    public QuotaMetrics(MeterRegistry registry, QuotaCounterRepository counters) {
        this.registry = registry;
        this.counters = counters;
    }

    // After the definitions are imported (their counters prepared) at the default priority.
    void onStart(@Observes @Priority(3000) StartupEvent event) {
        Gauge.builder("canvass.quota.cells", this, metrics -> metrics.current().size())
                .description("Quota cells across all surveys")
                .register(registry);
        current();
    }

    void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ResponseRecorded event) {
        changed = true;
    }

    void onWritten(@Observes ResponsesWritten event) {
        if (!event.stored().isEmpty()) {
            changed = true;
        }
    }

    private synchronized Map<QuotaCounter.Key, QuotaCounter> current() {
        long age = System.nanoTime() - readAt;
        if (read && (age < MIN_AGE || (!changed && age < MAX_AGE))) {
            return snapshot;
        }
        changed = false;
        snapshot = QuarkusTransaction.requiringNew().call(() -> counters.listAll().stream()
                .collect(Collectors.toUnmodifiableMap(c -> new QuotaCounter.Key(c.surveyId, c.quotaId, c.cell),
                        Function.identity())));
        readAt = System.nanoTime();
        read = true;
        snapshot.keySet().stream().filter(exported::add).forEach(this::export);
        return snapshot;
    }

    private void export(QuotaCounter.Key key) {
        Tags tags = Tags.of("survey", key.surveyId, "quota", key.quotaId, "cell", key.cell);
        Gauge.builder("canvass.quota.filled", this, metrics -> metrics.value(key, false))
                .description("Completes holding a place in the quota cell").tags(tags).register(registry);
        Gauge.builder("canvass.quota.cap", this, metrics -> metrics.value(key, true))
                .description("The quota cell's cap").tags(tags).register(registry);
    }

    private double value(QuotaCounter.Key key, boolean cap) {
        QuotaCounter counter = current().get(key);
        return counter == null ? Double.NaN : cap ? counter.cap : counter.filled;
    }
}
