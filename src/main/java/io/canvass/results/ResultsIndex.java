package io.canvass.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.ResponseRecorded;
import io.canvass.response.ResponseStatus;
import io.canvass.survey.SurveyCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The live results of every survey, kept in memory and fed by the log of response changes
 * ({@code response_change}): replayed once at start-up (before the HTTP port opens), then tailed
 * every {@value #POLL_MILLIS} ms so that changes committed by any replica reach this one within a
 * second. This replica's own commits are applied at once, so a client reads its own writes; the
 * {@link ChangeCursor} makes sure each change counts exactly once. See the README for why this and
 * not counters in the database.
 */
@ApplicationScoped
public class ResultsIndex {

    static final long POLL_MILLIS = 200;
    /** Longer than any transaction may run (Quarkus' default timeout is 60 s). */
    private static final long GIVE_UP_ON_GAP_MILLIS = 180_000;
    private static final Logger LOG = Logger.getLogger(ResultsIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 1000;
    private static final int POLL_BATCH = 5000;
    private static final int LOAD_TIMEOUT_SECONDS = 3600;
    private static final String CHANGES = "select c.id, c.surveyId, c.previousStatus, c.status, r.surveyVersion, r.answers"
            + " from ResponseChange c join SurveyResponse r on r.id = c.responseId";

    private final Map<String, SurveyTally> tallies = new ConcurrentHashMap<>();
    private final ChangeCursor cursor = new ChangeCursor();
    private final EntityManager entityManager;
    private final SurveyCatalog catalog;
    private final TransactionSynchronizationRegistry transactions;
    private final ScheduledExecutorService tail = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "results-tail");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean loaded;
    /** Consecutive failed polls; touched by the tail thread only. */
    private long failedPolls;

    public ResultsIndex(EntityManager entityManager, SurveyCatalog catalog, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    void onStart(@Observes @Priority(2000) StartupEvent event) {
        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(LOAD_TIMEOUT_SECONDS).run(this::replay);
        cursor.settleHistory();
        loaded = true;
        long completes = tallies.values().stream().mapToLong(t -> t.snapshot().size()).sum();
        LOG.infof("Results index built: %d surveys, %d completes in %d ms", tallies.size(), completes,
                (System.nanoTime() - started) / 1_000_000);
        tail.scheduleWithFixedDelay(this::pollSafely, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        tail.shutdownNow();
    }

    private void replay() {
        try (Stream<Object[]> changes = entityManager.createQuery(CHANGES + " order by c.id", Object[].class)
                .setHint("org.hibernate.fetchSize", FETCH_SIZE)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream()) {
            long now = System.currentTimeMillis();
            changes.forEach(row -> apply(row, now));
        }
    }

    private void pollSafely() {
        try {
            QuarkusTransaction.requiringNew().run(this::poll);
            if (failedPolls > 0) {
                LOG.infof("Reading response changes again after %d failed attempts", failedPolls);
                failedPolls = 0;
            }
        } catch (RuntimeException e) {
            // The database may be away for a while; the next poll picks up where this one stopped. One line per
            // outage, not five a second.
            if (failedPolls++ == 0) {
                LOG.warnf("Could not read new response changes, retrying every %d ms: %s", POLL_MILLIS, e.getMessage());
            }
        }
    }

    private void poll() {
        long now = System.currentTimeMillis();
        List<Long> missing = cursor.missing(now - GIVE_UP_ON_GAP_MILLIS);
        TypedQuery<Object[]> query = missing.isEmpty()
                ? entityManager.createQuery(CHANGES + " where c.id > :highest order by c.id", Object[].class)
                : entityManager.createQuery(CHANGES + " where c.id > :highest or c.id in :missing order by c.id", Object[].class)
                        .setParameter("missing", missing.size() > POLL_BATCH ? missing.subList(0, POLL_BATCH) : missing);
        query.setParameter("highest", cursor.highest()).setMaxResults(POLL_BATCH).getResultList()
                .forEach(row -> apply(row, now));
    }

    private void apply(Object[] row, long now) {
        if (!cursor.accept((Long) row[0], now)) {
            return;
        }
        String surveyId = (String) row[1];
        ResponseStatus status = (ResponseStatus) row[3];
        SurveyDefinition definition = catalog.publishedDefinition(surveyId, (Integer) row[4]);
        tally(surveyId).record(definition, (ResponseStatus) row[2], status,
                status == ResponseStatus.COMPLETE ? parse((String) row[5]) : null);
    }

    /** Logs the change in the same transaction, and counts it here as soon as that commits. */
    void onRecorded(@Observes ResponseRecorded event) {
        if (event.previous() == event.status()) {
            return;
        }
        ResponseChange change = new ResponseChange();
        change.responseId = event.responseId();
        change.surveyId = event.surveyId();
        change.previousStatus = event.previous();
        change.status = event.status();
        change.createdAt = Instant.now();
        // The change refers to the response row: write that first (an identity insert runs at once).
        entityManager.flush();
        entityManager.persist(change);
        long id = change.id;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED && cursor.accept(id, System.currentTimeMillis())) {
                    ObjectNode answers = event.status() == ResponseStatus.COMPLETE ? parse(event.answers()) : null;
                    tally(event.surveyId()).record(event.definition(), event.previous(), event.status(), answers);
                }
            }
        });
    }

    /** Whether the start-up build has finished: readiness waits for it. */
    public boolean isLoaded() {
        return loaded;
    }

    SurveyTally tally(String surveyId) {
        return tallies.computeIfAbsent(surveyId, id -> new SurveyTally());
    }

    private static ObjectNode parse(String answers) {
        try {
            return (ObjectNode) JSON.readTree(answers);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
