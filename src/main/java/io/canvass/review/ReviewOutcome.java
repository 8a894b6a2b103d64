package io.canvass.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canvass.interview.QualityFlag;
import io.canvass.response.ResponseStatus;
import java.util.Set;

/**
 * A response after a review: the id as the researcher gave it (a pseudonym on an anonymous survey), its
 * status ({@code complete} or {@code rejected}), whether the review changed it, its quality flags and
 * the reason it is rejected for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewOutcome(String id, ResponseStatus status, boolean changed, Set<QualityFlag> flags, String reason) {
}
