package io.canvass.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.canvass.audit.AuditLog;
import io.canvass.interview.QualityFlag;
import io.canvass.response.ResponseStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Starts row-level exports: each takes one of the {@link ExportSlots} for its whole run, and leaves two
 * entries in the audit log, one when it starts (who, format, statuses) and one when it ends (rows written).
 */
@ApplicationScoped
public class ExportRuns {

    private static final Logger LOG = Logger.getLogger(ExportRuns.class);

    /** The two notations an export streams in. */
    public enum Format {
        CSV, NDJSON;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ResponseExport export;
    private final ExportSlots slots;
    private final AuditLog audit;

    public ExportRuns(ResponseExport export, ExportSlots slots, AuditLog audit) {
        this.export = export;
        this.slots = slots;
        this.audit = audit;
    }

    /** A started export for the subject, or a 429 when they or the service run the most exports allowed at once. */
    public ExportRun start(String subject, ResponseExport.ExportPlan plan, Format format) {
        ExportSlots.Slot slot = slots.take(subject);
        try {
            audit.recordSeparately(subject, "responses.export", plan.surveyId(), null, describe(plan, format));
        } catch (RuntimeException failed) {
            slot.close();
            throw failed;
        }
        return new ExportRun(subject, plan, format, slot);
    }

    private static String describe(ResponseExport.ExportPlan plan, Format format) {
        String described = format.code() + "; status "
                + plan.statuses().stream().map(ResponseStatus::code).collect(Collectors.joining(","));
        return plan.flags().isEmpty() ? described
                : described + "; flag " + plan.flags().stream().map(QualityFlag::code).collect(Collectors.joining(","));
    }

    /**
     * The body of one export. Its slot is freed when the body is written, or by {@link #release} when the
     * request ends without it being written (the client went away first).
     */
    public final class ExportRun implements StreamingOutput {
        private final String subject;
        private final ResponseExport.ExportPlan plan;
        private final Format format;
        private final ExportSlots.Slot slot;

        private ExportRun(String subject, ResponseExport.ExportPlan plan, Format format, ExportSlots.Slot slot) {
            this.subject = subject;
            this.plan = plan;
            this.format = format;
            this.slot = slot;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            String outcome = "stopped before the end";
            try {
                long rows = format == Format.CSV ? export.writeCsv(plan, out) : export.writeNdjson(plan, out);
                outcome = rows + " row(s)";
            } catch (UncheckedIOException failed) {
                if (failed.getCause() instanceof JsonProcessingException) {
                    throw failed;
                }
                // Writing to the reader failed: they went away (or were cut off). Nothing is left to answer them,
                // and nothing is wrong with the service: the audit entry says how it ended.
                outcome = "stopped: the reader went away";
                LOG.debugf("Export of %s ended early: %s", plan.surveyId(), failed.getCause());
            } finally {
                slot.close();
                recordEnd(outcome);
            }
        }

        /** Frees the slot; idempotent. */
        public void release() {
            slot.close();
        }

        private void recordEnd(String outcome) {
            try {
                audit.recordSeparately(subject, "responses.export.end", plan.surveyId(), null, outcome);
            } catch (RuntimeException failed) {
                // The export's own outcome must not be hidden by this; its start is on record already.
                LOG.warnf("Could not record the end of an export of %s: %s", plan.surveyId(), failed.toString());
            }
        }
    }
}
