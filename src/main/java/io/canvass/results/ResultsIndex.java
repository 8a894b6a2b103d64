package io.canvass.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.ResponseRecorded;
import io.canvass.response.ResponseStatus;
import io.canvass.survey.SurveyCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The live results of every survey, kept in memory: rebuilt from the database once at start-up
 * (before the HTTP port opens) and then fed by every committed status change, so a result never
 * scans the stored answers. See the README for why this and not counters in the database.
 */
@ApplicationScoped
public class ResultsIndex {

    private static final Logger LOG = Logger.getLogger(ResultsIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOAD_FETCH_SIZE = 1000;
    private static final int LOAD_TIMEOUT_SECONDS = 3600;

    private final Map<String, SurveyTally> tallies = new ConcurrentHashMap<>();
    private final EntityManager entityManager;
    private final SurveyCatalog catalog;
    private volatile boolean loaded;

    public ResultsIndex(EntityManager entityManager, SurveyCatalog catalog) {
        this.entityManager = entityManager;
        this.catalog = catalog;
    }

    void onStart(@Observes @Priority(2000) StartupEvent event) {
        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(LOAD_TIMEOUT_SECONDS).run(this::load);
        loaded = true;
        long completes = tallies.values().stream().mapToLong(t -> t.snapshot().size()).sum();
        LOG.infof("Results index built: %d surveys, %d completes in %d ms", tallies.size(), completes,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void load() {
        tallies.clear();
        try (Stream<Object[]> counts = entityManager.createQuery(
                "select r.surveyId, r.status, count(r) from SurveyResponse r where r.status <> :complete"
                        + " group by r.surveyId, r.status", Object[].class)
                .setParameter("complete", ResponseStatus.COMPLETE)
                .getResultStream()) {
            counts.forEach(row -> tally((String) row[0]).add((ResponseStatus) row[1], (Long) row[2]));
        }
        try (Stream<Object[]> completes = entityManager.createQuery(
                "select r.surveyId, r.surveyVersion, r.answers from SurveyResponse r where r.status = :complete",
                Object[].class)
                .setParameter("complete", ResponseStatus.COMPLETE)
                .setHint("org.hibernate.fetchSize", LOAD_FETCH_SIZE)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream()) {
            completes.forEach(row -> {
                String surveyId = (String) row[0];
                SurveyDefinition definition = catalog.publishedDefinition(surveyId, (Integer) row[1]);
                tally(surveyId).record(definition, null, ResponseStatus.COMPLETE, parse((String) row[2]));
            });
        }
    }

    void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ResponseRecorded event) {
        if (event.previous() == event.status()) {
            return;
        }
        ObjectNode answers = event.status() == ResponseStatus.COMPLETE ? parse(event.answers()) : null;
        tally(event.surveyId()).record(event.definition(), event.previous(), event.status(), answers);
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
