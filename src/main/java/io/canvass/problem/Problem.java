package io.canvass.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem details document, as every error of the API is reported. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem type URIs are names, not pages: stable identifiers clients can switch on. */
    public static final String TYPE_PREFIX = "urn:canvass:problem:";
}
