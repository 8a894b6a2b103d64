package io.canvass.export;

import io.canvass.response.ResponseStatus;
import java.time.Instant;

/** A response as the export reads it from the database: its fields and the stored answers JSON. */
public record StoredResponse(String id, ResponseStatus status, int version, Instant submittedAt, String reason,
        String answersJson) {
}
