package io.canvass.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.csv.SafeCsv;
import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.Anonymity;
import io.canvass.questionnaire.SurveyDefinition;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Exports a survey's responses as CSV (one column per answer, see {@link ExportColumns}) or
 * NDJSON (the answers as stored), streaming row by row, and describes the CSV in a codebook.
 * Personal data never leaves: it has no column, and is removed from the NDJSON answers too.
 *
 * <p>An anonymous survey's export names rows by pseudonym, dates them by day only and orders the
 * rows of a day by pseudonym, so that nothing in it can be matched to a moment (an invitation's
 * use, a web server's log) or tells who answered before whom. A survey counts as anonymous for
 * its exports if any of its published versions is.
 */
@ApplicationScoped
public class ResponseExport {

    /** What one export needs before its first byte: everything that can still fail with a 4xx. */
    public record ExportPlan(String surveyId, Set<ResponseStatus> statuses, Set<QualityFlag> flags, ExportColumns columns,
            Map<Integer, AnsweredVersion> versions, Anonymity anonymity) {

        boolean anonymous() {
            return anonymity == Anonymity.ANONYMOUS;
        }
    }

    private static final int WRITE_BUFFER = 64 * 1024;

    private final SurveyCatalog catalog;
    private final SurveyVersionRepository versions;
    private final ResponseRows rows;
    private final ResponsePseudonyms pseudonyms;
    private final ObjectMapper json;

    public ResponseExport(SurveyCatalog catalog, SurveyVersionRepository versions, ResponseRows rows,
            ResponsePseudonyms pseudonyms, ObjectMapper json) {
        this.catalog = catalog;
        this.versions = versions;
        this.rows = rows;
        this.pseudonyms = pseudonyms;
        this.json = json;
    }

    /** Checks the survey and the filters (404, 400) and loads every published version's definition. */
    @Transactional
    public ExportPlan plan(String surveyId, List<String> statusFilter) {
        return plan(surveyId, statusFilter, List.of());
    }

    /** {@link #plan(String, List)} of the responses with any of the flags in {@code flagFilter} (all when none). */
    @Transactional
    public ExportPlan plan(String surveyId, List<String> statusFilter, List<String> flagFilter) {
        PublishedSurvey survey = catalog.published(surveyId);
        Set<ResponseStatus> statuses = StatusFilter.parse(statusFilter);
        Set<QualityFlag> flags = FlagFilter.parse(flagFilter);
        Map<Integer, AnsweredVersion> answered = new HashMap<>();
        Map<Integer, String> titles = new TreeMap<>();
        Anonymity anonymity = Anonymity.IDENTIFIED;
        for (SurveyVersion version : versions.versionsOf(surveyId)) {
            if (version.published) {
                SurveyDefinition definition = catalog.publishedDefinition(surveyId, version.version);
                answered.put(version.version, new AnsweredVersion(definition));
                titles.put(version.version, version.title);
                if (definition.anonymity() == Anonymity.ANONYMOUS) {
                    anonymity = Anonymity.ANONYMOUS;
                }
            }
        }
        return new ExportPlan(survey.id(), statuses, flags, ExportColumns.of(survey.definition(), titles, anonymity),
                Map.copyOf(answered), anonymity);
    }

    /**
     * Whether the survey's exports are anonymous (pseudonymous ids, days only): when any of its published
     * versions is. What a review resolves the ids it is given by.
     */
    @Transactional
    public Anonymity anonymityOf(String surveyId) {
        for (SurveyVersion version : versions.versionsOf(surveyId)) {
            if (version.published && catalog.publishedDefinition(surveyId, version.version).anonymity() == Anonymity.ANONYMOUS) {
                return Anonymity.ANONYMOUS;
            }
        }
        return Anonymity.IDENTIFIED;
    }

    /** The codebook of the CSV export: the same columns, in the same order. */
    @Transactional
    public Codebook codebook(String surveyId) {
        PublishedSurvey survey = catalog.published(surveyId);
        ExportPlan plan = plan(surveyId, List.of());
        return new Codebook(survey.id(), survey.version(), survey.definition().title().defaultText(),
                survey.definition().respondentLanguages(), plan.anonymity(),
                plan.columns().columns());
    }

    /** RFC 4180 CSV in UTF-8, header first, formula-like cells neutralised; returns the number of rows written. */
    public long writeCsv(ExportPlan plan, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), WRITE_BUFFER);
        List<ExportColumn> columns = plan.columns().columns();
        SafeCsv.writeRow(writer, plan.columns().header());
        long[] written = {0};
        RowNaming naming = naming(plan);
        forEachRow(plan, stored -> {
            written[0]++;
            ExportedRow row = exportedRow(plan, stored, naming);
            for (int i = 0; i < columns.size(); i++) {
                SafeCsv.writeCell(writer, ExportColumns.cell(columns.get(i), row), i == 0);
            }
            SafeCsv.endRow(writer);
        });
        writer.flush();
        return written[0];
    }

    /**
     * One JSON object a line: {@code response_id, status, version, submitted_at, reason?, flags, review_reason?,
     * answers}; returns the lines written.
     */
    public long writeNdjson(ExportPlan plan, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), WRITE_BUFFER);
        JsonGenerator generator = json.getFactory().createGenerator(writer);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        long[] written = {0};
        RowNaming naming = naming(plan);
        forEachRow(plan, stored -> {
            written[0]++;
            ExportedRow row = exportedRow(plan, stored, naming);
            generator.writeStartObject();
            generator.writeStringField("response_id", row.exportedId());
            generator.writeStringField("status", stored.status().code());
            generator.writeNumberField("version", stored.version());
            generator.writeStringField("submitted_at", row.exportedSubmittedAt());
            if (stored.reason() != null) {
                generator.writeStringField("reason", stored.reason());
            }
            generator.writeArrayFieldStart("flags");
            for (QualityFlag flag : QualityFlag.decode(stored.flags())) {
                generator.writeString(flag.code());
            }
            generator.writeEndArray();
            if (stored.reviewReason() != null) {
                generator.writeStringField("review_reason", stored.reviewReason());
            }
            generator.writeStringField("language", ExportColumns.cell(plan.columns().language(), row));
            generator.writeFieldName("answers");
            generator.writeTree(row.answers());
            generator.writeEndObject();
            generator.writeRaw('\n');
        });
        generator.flush();
        writer.flush();
        return written[0];
    }

    /** How rows are named and dated: as stored, or by pseudonym and day on an anonymous survey. */
    private record RowNaming(UnaryOperator<String> id, Function<Instant, String> submittedAt) {
    }

    private RowNaming naming(ExportPlan plan) {
        if (!plan.anonymous()) {
            return new RowNaming(UnaryOperator.identity(), Instant::toString);
        }
        return new RowNaming(pseudonyms.forSurvey(plan.surveyId()),
                moment -> moment.atOffset(ZoneOffset.UTC).toLocalDate().toString());
    }

    private void forEachRow(ExportPlan plan, ResponseRows.RowSink sink) {
        if (plan.anonymous()) {
            // Its own pseudonym function: the row naming's is busy naming the rows this one orders.
            rows.forEachByDay(plan.surveyId(), plan.statuses(), plan.flags(), pseudonyms.forSurvey(plan.surveyId()), sink);
        } else {
            rows.forEach(plan.surveyId(), plan.statuses(), plan.flags(), sink);
        }
    }

    private ExportedRow exportedRow(ExportPlan plan, StoredResponse stored, RowNaming naming) {
        AnsweredVersion version = plan.versions().get(stored.version());
        if (version == null) {
            // A response always answers a published version (foreign key); this is a broken database.
            throw new IllegalStateException("Response " + stored.id() + " answers unpublished version " + stored.version());
        }
        try {
            return ExportedRow.of(stored, (ObjectNode) json.readTree(stored.answersJson()), version,
                    naming.id().apply(stored.id()),
                    stored.submittedAt() == null ? null : naming.submittedAt().apply(stored.submittedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
