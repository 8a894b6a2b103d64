package io.canvass.problem;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of problem Canvass reports, in one place: its stable type URN, the HTTP status it
 * answers with, and its title. The JSON mapper and the HTML pages (respondent and dashboard) both
 * read them from here, so a refusal has the same status and name wherever it is shown; the table of
 * problem types in docs/api.md is held to this list by a test.
 */
public enum ProblemType {
    // Requests the HTTP layer turns away before any feature sees them
    BAD_REQUEST("bad-request", 400, "Bad Request"),
    NOT_FOUND("not-found", 404, "Not Found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method Not Allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not Acceptable"),
    REQUEST_ENTITY_TOO_LARGE("request-entity-too-large", 413, "Request Entity Too Large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported Media Type"),
    MALFORMED_JSON("malformed-json", 400, "The request body is not valid JSON"),
    MALFORMED_FORM("malformed-form", 400, "The form data is not correctly encoded"),
    INVALID_REQUEST("invalid-request", 422, "The request is not valid"),
    // Identity and access
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    COOKIE_NOT_ACCEPTED("cookie-not-accepted", 403, "Sign-in cookie not accepted for changes"),
    SIGN_IN_TOKEN_MISSING("sign-in-token-missing", 400, "Sign-in refused"),
    SIGN_IN_TOKEN_NOT_VALID("sign-in-token-not-valid", 400, "Sign-in refused"),
    SIGN_IN_ROLE_MISSING("sign-in-role-missing", 403, "Sign-in refused"),
    GRANT_NOT_FOUND("grant-not-found", 404, "Grant not found"),
    // Surveys and their definitions
    SURVEY_NOT_FOUND("survey-not-found", 404, "Survey not found"),
    SURVEY_EXISTS("survey-exists", 409, "Survey exists"),
    SURVEY_NOT_OPEN("survey-not-open", 409, "Survey not open"),
    SURVEY_NOT_CLOSED("survey-not-closed", 409, "Survey not closed"),
    SURVEY_VERSION_UNUSABLE("survey-version-unusable", 409, "Survey version unusable"),
    NOTHING_TO_PUBLISH("nothing-to-publish", 409, "Nothing to publish"),
    INVALID_DEFINITION("invalid-definition", 422, "The survey definition is not valid"),
    DEFINITION_TOO_LARGE("definition-too-large", 413, "Definition too large"),
    // Answering
    INVALID_ANSWERS("invalid-answers", 422, "The answers are not valid"),
    SUBMISSION_TOO_LARGE("submission-too-large", 413, "Submission too large"),
    INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key", 400, "Invalid Idempotency-Key"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency-Key reused"),
    RESPONSE_NOT_FOUND("response-not-found", 404, "Response not found"),
    // Reviewing completes
    RESPONSE_NOT_REVIEWABLE("response-not-reviewable", 409, "Response not reviewable"),
    QUOTA_CELL_FULL("quota-cell-full", 409, "Quota cell full"),
    RESUME_LINK_NOT_VALID("resume-link-not-valid", 404, "Link not valid"),
    // Invitations
    INVITATION_NOT_VALID("invitation-not-valid", 403, "Invitation not valid"),
    INVITATION_NOT_FOUND("invitation-not-found", 404, "Invitation not found"),
    INVITATION_USED("invitation-used", 409, "Invitation already used"),
    TOO_MANY_INVITATIONS("too-many-invitations", 409, "Too many invitations"),
    // Reading results and data
    INVALID_RESULTS_QUERY("invalid-results-query", 400, "The results query is not valid"),
    INVALID_FILTER("invalid-filter", 400, "Filter not valid"),
    INVALID_STATUS_FILTER("invalid-status-filter", 400, "Unknown response status"),
    INVALID_FLAG_FILTER("invalid-flag-filter", 400, "Unknown quality flag"),
    TOO_MANY_STREAMS("too-many-streams", 429, "Too many live results streams"),
    STREAMS_BUSY("streams-busy", 503, "Live results streams busy"),
    EXPORTS_BUSY("exports-busy", 429, "Too many exports at once"),
    // The service itself
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service temporarily unavailable"),
    INTERNAL_ERROR("internal-error", 500, "Internal error");

    /** Problem type URIs are names, not pages: stable identifiers clients can switch on. */
    public static final String URN_PREFIX = "urn:canvass:problem:";

    private static final Map<Integer, ProblemType> BY_HTTP_STATUS = Arrays.stream(
                    new ProblemType[] {BAD_REQUEST, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, REQUEST_ENTITY_TOO_LARGE,
                            UNSUPPORTED_MEDIA_TYPE, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, SERVICE_UNAVAILABLE})
            .collect(Collectors.toUnmodifiableMap(ProblemType::status, Function.identity()));

    private final String name;
    private final int status;
    private final String title;

    ProblemType(String name, int status, String title) {
        this.name = name;
        this.status = status;
        this.title = title;
    }

    /** The last part of the URN, e.g. {@code invalid-answers}. */
    public String slug() {
        return name;
    }

    public String uri() {
        return URN_PREFIX + name;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type of a refusal the HTTP layer made with this status (404 for an unknown route, 405, …). */
    public static ProblemType forHttpStatus(int status) {
        ProblemType known = BY_HTTP_STATUS.get(status);
        if (known != null) {
            return known;
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }
}
