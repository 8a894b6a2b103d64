package io.canvass.results;

import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyCatalog;
import io.canvass.survey.SurveyVersion;
import io.canvass.survey.SurveyVersionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The disclosure-control parameters of every survey: the perturbation table (read and checked at
 * start-up, so a broken table stops the service rather than publishing wrong numbers) and the
 * minimum group size results apply.
 */
@Startup
@ApplicationScoped
public class DisclosurePolicy {

    private final SurveyCatalog catalog;
    private final SurveyVersionRepository versions;
    private final DisclosureConfig config;
    private final PerturbationTable table;
    private final Map<SurveyVersion.Key, Integer> minGroupSizes = new ConcurrentHashMap<>();

    public DisclosurePolicy(SurveyCatalog catalog, SurveyVersionRepository versions, DisclosureConfig config) {
        this.catalog = catalog;
        this.versions = versions;
        this.config = config;
        this.table = load(config);
    }

    /**
     * The minimum group size a survey's results use: the largest any of its published versions
     * declares (respondents answered under that promise, so a later version cannot lower it for
     * their answers), and never below the configured floor.
     */
    public int minGroupSize(PublishedSurvey survey) {
        return minGroupSizes.computeIfAbsent(new SurveyVersion.Key(survey.id(), survey.version()),
                key -> QuarkusTransaction.joiningExisting().call(() -> {
                    int largest = Math.max(config.minGroupSizeFloor(), survey.definition().minGroupSize());
                    for (SurveyVersion version : versions.versionsOf(survey.id())) {
                        if (version.published && version.version <= survey.version()) {
                            largest = Math.max(largest, catalog.storedDefinition(survey.id(), version.version).minGroupSize());
                        }
                    }
                    return largest;
                }));
    }

    /** The most the cell-key method moves any count. */
    public int maxAdjustment() {
        return table.maxAdjustment();
    }

    /** What an analyst's document with perturbed counts says about them. */
    DisclosureControl describe(int minGroupSize) {
        return new DisclosureControl(DisclosureControl.CELL_KEY, table.maxAdjustment(), minGroupSize);
    }

    PerturbationTable table() {
        return table;
    }

    private static PerturbationTable load(DisclosureConfig config) {
        String location = config.perturbationTable();
        try (InputStream resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(location);
                Reader reader = resource != null ? new InputStreamReader(resource, StandardCharsets.UTF_8)
                        : Files.newBufferedReader(Path.of(location), StandardCharsets.UTF_8)) {
            return PerturbationTable.read(reader, config.maxAdjustment());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the perturbation table " + location, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The perturbation table " + location + " is not usable: " + e.getMessage(), e);
        }
    }
}
