package io.canvass.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem details document, as every error of the API is reported. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A document of a registered type: its URN, title and status come from the registry. */
    public static Problem of(ProblemType type, String detail, String instance, List<Violation> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    /** A document of a registered type answered with another status (an HTTP-layer refusal the registry does not list). */
    static Problem of(ProblemType type, int status, String detail, String instance) {
        return new Problem(type.uri(), type.title(), status, detail, instance, List.of());
    }
}
