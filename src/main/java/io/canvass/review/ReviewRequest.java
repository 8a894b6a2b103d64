package io.canvass.review;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A researcher's decision on a complete. */
@Schema(description = "A review decision: reject (with a reason) or accept")
public record ReviewRequest(
        @Schema(description = "reject: take the complete out of every result and its quota place; accept: bring a "
                + "rejected complete back", enumeration = {"reject", "accept"}, required = true)
        String decision,
        @Schema(description = "Why (required to reject; at most 500 characters); shown in exports and the audit log",
                maxLength = ReviewService.MAX_REASON)
        String reason) {
}
