package io.canvass.results;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the results index is built: a replica must not serve results it has not counted. */
@Readiness
@ApplicationScoped
public class ResultsIndexHealthCheck implements HealthCheck {

    private final ResultsIndex index;

    public ResultsIndexHealthCheck(ResultsIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("results-index").status(index.isLoaded()).build();
    }
}
