package io.canvass.export;

import io.canvass.response.ResponseStatus;
import java.time.Instant;

/**
 * A response as the export reads it from the database: its fields, the stored answers JSON, its quality
 * flags ({@link io.canvass.interview.QualityFlag#encode}, null for none) and a rejection's reason.
 */
public record StoredResponse(String id, ResponseStatus status, int version, Instant submittedAt, String reason,
        String answersJson, String flags, String reviewReason, String language) {
}
