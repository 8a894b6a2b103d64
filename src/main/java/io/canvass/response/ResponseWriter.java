package io.canvass.response;

import io.agroal.api.AgroalDataSource;
import io.canvass.problem.DatabaseOutage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Stores checked submissions in groups: a few writer threads each take whatever is waiting (up to
 * {@code canvass.writer.max-group}) and commit it in one transaction ({@link GroupTransaction}). The
 * submitter hears back only after the commit, and after the results index has counted the group, so
 * a {@code 201} means stored and a client reads its own writes. Groups form by themselves: while one
 * commits, the next fills, so a quiet service writes one submission at a time and a busy one shares
 * each commit (and its fsync) among many. When a group fails, its members are written one by one, so
 * one bad row fails alone; when the database is out of reach, every member fails at once with it.
 */
@ApplicationScoped
public class ResponseWriter {

    private static final Logger LOG = Logger.getLogger(ResponseWriter.class);
    /** Within Quarkus' shutdown timeout (25 s). */
    private static final long DRAIN_MILLIS = 20_000;
    private static final int ATTEMPTS_ALONE = 3;

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<ResponsesWritten> written;
    private final WriterConfig config;
    private final BlockingQueue<PendingResponse> queue;
    private final DistributionSummary groupSizes;
    /** Groups being written right now. */
    private final AtomicInteger writing = new AtomicInteger();
    private volatile Boolean postgresql;

    public ResponseWriter(AgroalDataSource dataSource, Event<ResponsesWritten> written, WriterConfig config,
            MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.written = written;
        this.config = config;
        this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
        this.groupSizes = DistributionSummary.builder("canvass.writer.group.size")
                .description("Submissions committed together in one transaction")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                .register(registry);
        Gauge.builder("canvass.writer.queue.depth", queue, BlockingQueue::size)
                .description("Checked submissions waiting for a writer")
                .register(registry);
        for (int i = 0; i < Math.max(1, config.threads()); i++) {
            Thread writer = new Thread(this::run, "response-writer-" + i);
            writer.setDaemon(true);
            writer.start();
        }
    }

    /** Queues a checked submission; its future completes once it is stored (or refused, or failed). */
    CompletableFuture<Submission> write(PendingResponse pending) {
        if (!queue.offer(pending)) {
            throw new WriterBusyException(config.retryAfterSeconds());
        }
        return pending.outcome;
    }

    /**
     * Whatever is queued or being written when the application stops is written before the datasource
     * goes away. The writers keep taking work meanwhile: a request still finishing (Quarkus lets
     * in-flight requests complete on SIGTERM) must not be turned away for want of a writer.
     */
    void onStop(@Observes ShutdownEvent event) {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        while ((!queue.isEmpty() || writing.get() > 0) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run() {
        List<PendingResponse> group = new ArrayList<>(config.maxGroup());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                PendingResponse first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writing.incrementAndGet();
                try {
                    group.add(first);
                    queue.drainTo(group, config.maxGroup() - 1);
                    writeInTurn(group);
                } finally {
                    writing.decrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Never lose a writer thread: whoever was waiting hears of the failure.
                group.forEach(member -> member.outcome.completeExceptionally(e));
                LOG.errorf(e, "Response writer failed on a group of %d", group.size());
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Members with one Idempotency-Key go to separate groups, in turn: the second then finds the
     * first's key stored and answers with its receipt.
     */
    private void writeInTurn(List<PendingResponse> members) {
        List<PendingResponse> pending = members;
        while (!pending.isEmpty()) {
            List<PendingResponse> group = new ArrayList<>(pending.size());
            List<PendingResponse> later = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (PendingResponse member : pending) {
                if (member.idempotencyKey == null || keys.add(member.surveyId + "\n" + member.idempotencyKey)) {
                    group.add(member);
                } else {
                    later.add(member);
                }
            }
            writeGroup(group);
            pending = later;
        }
    }

    void writeGroup(List<PendingResponse> group) {
        groupSizes.record(group.size());
        try {
            attempt(group);
            return;
        } catch (SQLException | RuntimeException failure) {
            if (DatabaseOutage.causedBy(failure)) {
                // Nothing to learn from trying each: fail fast, the clients retry (503).
                ResponseWriteFailedException outage = new ResponseWriteFailedException(failure);
                group.forEach(member -> member.outcome.completeExceptionally(outage));
                return;
            }
            if (group.size() == 1) {
                retryAlone(group.get(0), failure);
                return;
            }
        }
        for (PendingResponse member : group) {
            try {
                attempt(List.of(member));
            } catch (SQLException | RuntimeException failure) {
                retryAlone(member, failure);
            }
        }
    }

    /**
     * More tries for a member that failed on its own: what it ran into may have been a racing
     * transaction's (a key another writer was storing, a lock conflict), which a retry finds committed.
     * A row the database refuses for itself fails every time, and alone.
     */
    private void retryAlone(PendingResponse member, Exception first) {
        Exception failure = first;
        for (int attempt = 1; attempt < ATTEMPTS_ALONE && !DatabaseOutage.causedBy(failure); attempt++) {
            try {
                attempt(List.of(member));
                return;
            } catch (SQLException | RuntimeException again) {
                failure = again;
            }
        }
        if (!DatabaseOutage.causedBy(failure)) {
            LOG.errorf(failure, "Could not store a response of survey %s", member.surveyId);
        }
        member.outcome.completeExceptionally(new ResponseWriteFailedException(failure));
    }

    /** One transaction for the group; outcomes are told only after it commits and results have counted it. */
    private void attempt(List<PendingResponse> group) throws SQLException {
        GroupTransaction transaction;
        try (Connection connection = dataSource.getConnection()) {
            boolean onPostgresql = isPostgresql(connection);
            connection.setAutoCommit(false);
            transaction = new GroupTransaction(connection, onPostgresql, group);
            boolean commitSent = false;
            try {
                transaction.write();
                commitSent = true;
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                if (!transaction.changeIds.isEmpty()) {
                    // A commit that failed on its way may still have committed: its rows must be looked for, and a
                    // retry of the same Idempotency-Key will answer from them.
                    List<Long> changeIds = List.copyOf(transaction.changeIds);
                    written.fire(commitSent ? ResponsesWritten.commitUnanswered(changeIds)
                            : ResponsesWritten.rolledBack(changeIds));
                }
                throw e;
            } finally {
                restoreAutoCommit(connection);
            }
        }
        committed(group);
        for (PendingResponse member : group) {
            if (member.refusal != null) {
                member.outcome.completeExceptionally(member.refusal);
            } else {
                member.outcome.complete(member.result);
            }
        }
    }

    /** Tells the results index and the metrics of a committed group's stored members. */
    private void committed(List<PendingResponse> group) {
        List<ResponsesWritten.StoredResponse> stored = new ArrayList<>(group.size());
        for (PendingResponse member : group) {
            if (member.changeId != 0) {
                stored.add(new ResponsesWritten.StoredResponse(member.changeId, member.responseId, member.surveyId,
                        member.definition, member.previousStatus(), member.status, member.answers, member.recordKey,
                        member.flags(), member.storedDuration(), member.language));
            }
        }
        if (!stored.isEmpty()) {
            try {
                written.fire(ResponsesWritten.committed(stored));
            } catch (RuntimeException e) {
                // Stored is stored: the results index reads what it missed from the change log.
                LOG.warnf("Counting a stored group failed (%s); the change log catches it up", e.getClass().getName());
            }
        }
    }

    /**
     * Writes one member in the caller's transaction (the browser's: it holds the response row), with the
     * statements a group uses, on the transaction's own connection; the results index hears of it once that
     * transaction commits. Returns what the member came to; a refusal is thrown.
     */
    PendingResponse writeWithin(PendingResponse member) {
        // Within a JTA transaction the pool hands out the connection enlisted in it, the one Hibernate uses; closing
        // this handle gives nothing back before the transaction ends.
        try (Connection connection = dataSource.getConnection()) {
            GroupTransaction transaction = new GroupTransaction(connection, isPostgresql(connection), List.of(member));
            transaction.write();
            List<Long> changeIds = List.copyOf(transaction.changeIds);
            transactions.registerInterposedSynchronization(new Synchronization() {
                private boolean committing;

                @Override
                public void beforeCompletion() {
                    committing = true;
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        committed(List.of(member));
                    } else if (!changeIds.isEmpty()) {
                        written.fire(committing ? ResponsesWritten.commitUnanswered(changeIds)
                                : ResponsesWritten.rolledBack(changeIds));
                    }
                }
            });
        } catch (SQLException e) {
            throw new ResponseWriteFailedException(e);
        }
        if (member.refusal != null) {
            throw member.refusal;
        }
        return member;
    }

    private boolean isPostgresql(Connection connection) throws SQLException {
        Boolean known = postgresql;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            postgresql = known;
        }
        return known;
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The pool checks and discards a broken connection; nothing else to do here.
        }
    }

    /** Storing failed: a fault (500), or the database being away (503), as {@link DatabaseOutage} tells. */
    static final class ResponseWriteFailedException extends RuntimeException {
        ResponseWriteFailedException(Throwable cause) {
            super("The response could not be stored", cause);
        }
    }
}
