package io.canvass.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.CompletionTimes;
import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.ResponseRecorded;
import io.canvass.response.ResponseStatus;
import io.canvass.response.ResponsesWritten;
import io.canvass.response.SurveyCompletionTimes;
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
import java.util.Set;
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
 * {@link ChangeCursor} makes sure each change counts exactly once, and says up to which change the
 * log is complete: each survey's tally publishes the states analysts read up to there, never beyond.
 * See docs/results.md for why this and not counters in the database.
 */
@ApplicationScoped
public class ResultsIndex implements SurveyCompletionTimes {

    static final long POLL_MILLIS = 200;
    /** Longer than any transaction may run (Quarkus' default timeout is 60 s). */
    private static final long GIVE_UP_ON_GAP_MILLIS = 180_000;
    /**
     * How long after a commit that got no answer a read of the log is sure to see it, had it committed:
     * the database finishes a commit it received at once, and aborts one it did not.
     */
    private static final long UNCERTAIN_COMMIT_SETTLES_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(ResultsIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 1000;
    private static final int POLL_BATCH = 5000;
    private static final int LOAD_TIMEOUT_SECONDS = 3600;
    /** During the start-up replay, states are published every so many changes so that few wait at once. */
    private static final int REPLAY_PUBLISH_EVERY = 10_000;
    private static final String CHANGES = "select c.id, c.surveyId, c.previousStatus, c.status, r.surveyVersion, r.answers,"
            + " r.recordKey, r.flags, r.durationSeconds, c.reversesChangeId, r.language"
            + " from ResponseChange c join SurveyResponse r on r.id = c.responseId";

    /** What a survey without any change reads as; nothing is ever recorded into it. */
    private static final SurveyTally EMPTY = new SurveyTally(1);

    private final Map<String, SurveyTally> tallies = new ConcurrentHashMap<>();
    private final ChangeCursor cursor = new ChangeCursor();
    /** Change ids whose failure to count was logged already: one line per change, not five a second. */
    private final Set<Long> reportedFailures = ConcurrentHashMap.newKeySet();
    private final EntityManager entityManager;
    private final SurveyCatalog catalog;
    private final TransactionSynchronizationRegistry transactions;
    private final int minGroupSizeFloor;
    private final ScheduledExecutorService tail = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "results-tail");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean loaded;
    /** Consecutive failed polls; touched by the tail thread only. */
    private long failedPolls;

    public ResultsIndex(EntityManager entityManager, SurveyCatalog catalog, TransactionSynchronizationRegistry transactions,
            DisclosureConfig disclosure) {
        this.entityManager = entityManager;
        this.catalog = catalog;
        this.transactions = transactions;
        this.minGroupSizeFloor = disclosure.minGroupSizeFloor();
    }

    void onStart(@Observes @Priority(2000) StartupEvent event) {
        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(LOAD_TIMEOUT_SECONDS).run(this::replay);
        cursor.settleHistory();
        publishStates();
        loaded = true;
        long completes = tallies.values().stream().mapToLong(SurveyTally::size).sum();
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
            long[] replayed = {0};
            changes.forEach(row -> {
                apply(row, now);
                // The log is read in id order: a gap far enough behind is a rollback, as at the end of the replay.
                if (++replayed[0] % REPLAY_PUBLISH_EVERY == 0) {
                    cursor.settleHistory();
                    publishStates();
                }
            });
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
        List<Object[]> rows = query.setParameter("highest", cursor.highest()).setMaxResults(POLL_BATCH).getResultList();
        rows.forEach(row -> apply(row, now));
        if (rows.size() < POLL_BATCH && missing.size() <= POLL_BATCH) {
            // Everything this read looked for that exists has arrived.
            cursor.readLogFrom(now, UNCERTAIN_COMMIT_SETTLES_MILLIS);
        }
        // Also when nothing arrived: a gap given up on (a rollback elsewhere) may let states be published.
        publishStates();
    }

    /** Counts a change read from the log; one that fails to count is read again later, not lost. */
    private void apply(Object[] row, long now) {
        long id = (Long) row[0];
        if (!cursor.accept(id, now)) {
            return;
        }
        try {
            String surveyId = (String) row[1];
            ResponseStatus status = (ResponseStatus) row[3];
            SurveyDefinition definition = catalog.usableDefinition(surveyId, (Integer) row[4]).orElse(null);
            if (definition == null) {
                // A version that breaks this release's rules (logged at start-up) counts in no results: it is
                // taken as seen, so it neither holds up the published states nor is read again.
                counted(id);
                return;
            }
            // A response's flags and duration never change once it is complete: reading them now reads them as they were.
            tally(surveyId).record(id, definition, (ResponseStatus) row[2], status,
                    status == ResponseStatus.COMPLETE ? parse((String) row[5]) : null, (Integer) row[6],
                    QualityFlag.decode((String) row[7]), (Integer) row[8], (Long) row[9], (String) row[10]);
            counted(id);
        } catch (RuntimeException e) {
            countingFailed(id, e);
        }
    }

    private void counted(long id) {
        cursor.applied(id);
        reportedFailures.remove(id);
    }

    private void countingFailed(long id, RuntimeException e) {
        cursor.failed(id, System.currentTimeMillis());
        if (reportedFailures.add(id)) {
            if (reportedFailures.size() > 10_000) {
                reportedFailures.clear();
            }
            // The exception's class only: a message about the answers' JSON could quote them.
            LOG.warnf("Could not count response change %d (%s); reading it from the log again until it counts", id,
                    e.getClass().getName());
        }
    }

    /** Publishes whatever states every survey's settled changes reach. */
    private void publishStates() {
        long settledThrough = cursor.settledThrough();
        tallies.values().forEach(tally -> tally.publish(settledThrough));
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
        change.reversesChangeId = event.reversesChange();
        // The change refers to the response row: write that first (an identity insert runs at once).
        entityManager.flush();
        entityManager.persist(change);
        long id = change.id;
        transactions.registerInterposedSynchronization(new Synchronization() {
            /** Whether the commit was attempted: beforeCompletion runs only then, never for a plain rollback. */
            private boolean committing;

            @Override
            public void beforeCompletion() {
                committing = true;
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    if (committing) {
                        // A commit that failed on its way may have committed all the same: look for it in the log.
                        cursor.uncertain(id, System.currentTimeMillis());
                    } else {
                        // Rolled back before any commit: the id is spent and will never be in the log.
                        cursor.discard(id);
                    }
                    return;
                }
                if (!cursor.accept(id, System.currentTimeMillis())) {
                    return;
                }
                try {
                    ObjectNode answers = event.status() == ResponseStatus.COMPLETE ? parse(event.answers()) : null;
                    SurveyTally tally = tally(event.surveyId());
                    tally.record(id, event.definition(), event.previous(), event.status(), answers, event.recordKey(),
                            event.flags(), event.durationSeconds(), event.reversesChange(), event.language());
                    counted(id);
                    tally.publish(cursor.settledThrough());
                } catch (RuntimeException e) {
                    countingFailed(id, e);
                }
            }
        });
    }

    /**
     * A group the response writer stored: counted here before its submitters hear back, so a client
     * reads its own writes; the change-log ids of a rolled-back attempt will never come.
     */
    void onWritten(@Observes ResponsesWritten event) {
        event.discardedChanges().forEach(cursor::discard);
        long now = System.currentTimeMillis();
        event.uncertainChanges().forEach(id -> cursor.uncertain(id, now));
        if (event.stored().isEmpty()) {
            return;
        }
        Set<SurveyTally> touched = new java.util.HashSet<>();
        for (ResponsesWritten.StoredResponse response : event.stored()) {
            long id = response.changeId();
            if (!cursor.accept(id, System.currentTimeMillis())) {
                continue;
            }
            try {
                SurveyTally tally = tally(response.surveyId());
                tally.record(id, response.definition(), response.previous(), response.status(),
                        response.status() == ResponseStatus.COMPLETE ? response.answers() : null, response.recordKey(),
                        response.flags(), response.durationSeconds(), null, response.language());
                counted(id);
                touched.add(tally);
            } catch (RuntimeException e) {
                countingFailed(id, e);
            }
        }
        long settled = cursor.settledThrough();
        touched.forEach(tally -> tally.publish(settled));
    }

    /**
     * The durations of the survey's live completes, for the speeder rule: every replica's index is fed the
     * same log, so every replica converges on the same distribution.
     */
    @Override
    public CompletionTimes of(String surveyId) {
        return read(surveyId).completionTimes();
    }

    /** Whether the start-up build has finished: readiness waits for it. */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * A survey's tally for reading; one with no changes yet reads as empty. Never adds an entry:
     * only changes in the log do, so asking about unknown ids costs no memory.
     */
    SurveyTally read(String surveyId) {
        SurveyTally tally = tallies.get(surveyId);
        return tally != null ? tally : EMPTY;
    }

    /** How many surveys the index holds (for tests: reading must not add any). */
    int surveys() {
        return tallies.size();
    }

    private SurveyTally tally(String surveyId) {
        return tallies.computeIfAbsent(surveyId, id -> new SurveyTally(minGroupSizeFloor));
    }

    private static ObjectNode parse(String answers) {
        try {
            return (ObjectNode) JSON.readTree(answers);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
