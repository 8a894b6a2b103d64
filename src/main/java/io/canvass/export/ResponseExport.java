package io.canvass.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.response.ResponseStatus;
import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyCatalog;
import io.canvass.survey.SurveyVersion;
import io.canvass.survey.SurveyVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Exports a survey's responses as CSV (one column per answer, see {@link ExportColumns}) or
 * NDJSON (the answers as stored), streaming row by row, and describes the CSV in a codebook.
 * Personal data never leaves: it has no column, and is removed from the NDJSON answers too.
 */
@ApplicationScoped
public class ResponseExport {

    /** What one export needs before its first byte: everything that can still fail with a 4xx. */
    public record ExportPlan(String surveyId, Set<ResponseStatus> statuses, ExportColumns columns,
            Map<Integer, AnsweredVersion> versions) {
    }

    private static final int WRITE_BUFFER = 64 * 1024;

    private final SurveyCatalog catalog;
    private final SurveyVersionRepository versions;
    private final ResponseRows rows;
    private final ObjectMapper json;

    public ResponseExport(SurveyCatalog catalog, SurveyVersionRepository versions, ResponseRows rows, ObjectMapper json) {
        this.catalog = catalog;
        this.versions = versions;
        this.rows = rows;
        this.json = json;
    }

    /** Checks the survey and the filter (404, 400) and loads every published version's definition. */
    @Transactional
    public ExportPlan plan(String surveyId, List<String> statusFilter) {
        PublishedSurvey survey = catalog.published(surveyId);
        Set<ResponseStatus> statuses = StatusFilter.parse(statusFilter);
        Map<Integer, AnsweredVersion> answered = new HashMap<>();
        Map<Integer, String> titles = new TreeMap<>();
        for (SurveyVersion version : versions.versionsOf(surveyId)) {
            if (version.published) {
                answered.put(version.version, new AnsweredVersion(catalog.publishedDefinition(surveyId, version.version)));
                titles.put(version.version, version.title);
            }
        }
        return new ExportPlan(survey.id(), statuses, ExportColumns.of(survey.definition(), titles), Map.copyOf(answered));
    }

    /** The codebook of the CSV export: the same columns, in the same order. */
    @Transactional
    public Codebook codebook(String surveyId) {
        PublishedSurvey survey = catalog.published(surveyId);
        ExportPlan plan = plan(surveyId, List.of());
        return new Codebook(survey.id(), survey.version(), survey.definition().title(), plan.columns().columns());
    }

    /** RFC 4180 CSV in UTF-8, header first, formula-like cells neutralised. */
    public void writeCsv(ExportPlan plan, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), WRITE_BUFFER);
        List<ExportColumn> columns = plan.columns().columns();
        SafeCsv.writeRow(writer, plan.columns().header());
        rows.forEach(plan.surveyId(), plan.statuses(), stored -> {
            ExportedRow row = exportedRow(plan, stored);
            for (int i = 0; i < columns.size(); i++) {
                SafeCsv.writeCell(writer, ExportColumns.cell(columns.get(i), row), i == 0);
            }
            SafeCsv.endRow(writer);
        });
        writer.flush();
    }

    /** One JSON object a line: {@code response_id, status, version, submitted_at, reason?, answers}. */
    public void writeNdjson(ExportPlan plan, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), WRITE_BUFFER);
        JsonGenerator generator = json.getFactory().createGenerator(writer);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        rows.forEach(plan.surveyId(), plan.statuses(), stored -> {
            ExportedRow row = exportedRow(plan, stored);
            generator.writeStartObject();
            generator.writeStringField("response_id", stored.id());
            generator.writeStringField("status", stored.status().code());
            generator.writeNumberField("version", stored.version());
            generator.writeStringField("submitted_at", stored.submittedAt() == null ? null : stored.submittedAt().toString());
            if (stored.reason() != null) {
                generator.writeStringField("reason", stored.reason());
            }
            generator.writeFieldName("answers");
            generator.writeTree(row.answers());
            generator.writeEndObject();
            generator.writeRaw('\n');
        });
        generator.flush();
        writer.flush();
    }

    private ExportedRow exportedRow(ExportPlan plan, StoredResponse stored) {
        AnsweredVersion version = plan.versions().get(stored.version());
        if (version == null) {
            // A response always answers a published version (foreign key); this is a broken database.
            throw new IllegalStateException("Response " + stored.id() + " answers unpublished version " + stored.version());
        }
        try {
            return ExportedRow.of(stored, (ObjectNode) json.readTree(stored.answersJson()), version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
