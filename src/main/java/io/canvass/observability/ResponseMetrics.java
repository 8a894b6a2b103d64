package io.canvass.observability;

import io.canvass.response.ResponseRecorded;
import io.canvass.response.ResponsesWritten;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * canvass_responses_total{survey,status}: every stored change of a response's status, counted
 * after its transaction commits (a rolled-back submission is not a response). A web respondent
 * counts once as in_progress when they start and once more with their outcome.
 */
@ApplicationScoped
public class ResponseMetrics {

    private final MeterRegistry registry;

    public ResponseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ResponseRecorded event) {
        if (event.previous() == event.status()) {
            return;
        }
        registry.counter("canvass.responses", "survey", event.surveyId(), "status", event.status().code()).increment();
    }

    void onWritten(@Observes ResponsesWritten event) {
        for (ResponsesWritten.StoredResponse response : event.stored()) {
            registry.counter("canvass.responses", "survey", response.surveyId(), "status", response.status().code()).increment();
        }
    }
}
