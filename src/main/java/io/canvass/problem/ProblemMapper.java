package io.canvass.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.canvass.observability.RequestIds;
import io.canvass.questionnaire.InvalidDefinitionException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Writes every error as application/problem+json. Client mistakes say what is wrong and where;
 * server faults say only that something failed, with an id to find the log line: never a stack
 * trace, a class name or SQL.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response requestProblem(RequestProblem problem, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_PREFIX + problem.type(), problem.title(), problem.kind().status(),
                problem.getMessage(), uri.getPath(), problem.violations()));
    }

    @ServerExceptionMapper({io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.UnauthorizedException.class})
    public Response unauthenticated(RuntimeException failure, UriInfo uri) {
        // The same answer for a missing, expired, forged or foreign token: nothing to learn from probing.
        Problem problem = new Problem(Problem.TYPE_PREFIX + "unauthenticated", "Authentication required", 401,
                "Send a valid bearer token (Authorization: Bearer <JWT>).", uri.getPath(), List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer").entity(problem).build();
    }

    @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
    public Response forbidden(RuntimeException failure, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_PREFIX + "forbidden", "Not allowed", 403,
                "Your role does not allow this.", uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException invalid, UriInfo uri) {
        List<Violation> violations = invalid.problems().stream()
                .map(p -> Violation.ofField(p.pointer().isEmpty() ? "/" : p.pointer(), p.pointer(), "invalid_definition",
                        p.message()))
                .toList();
        return respond(new Problem(Problem.TYPE_PREFIX + "invalid-definition", "The survey definition is not valid",
                422, invalid.problems().size() + " problem(s) in the definition", uri.getPath(), violations));
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException invalid, UriInfo uri) {
        List<Violation> violations = invalid.getConstraintViolations().stream()
                .map(v -> {
                    String field = lastNode(v.getPropertyPath().toString());
                    return Violation.ofField(field, "/" + field.replace('.', '/'), "invalid", v.getMessage());
                })
                .toList();
        return respond(new Problem(Problem.TYPE_PREFIX + "invalid-request", "The request is not valid", 422,
                violations.size() + " problem(s) in the request", uri.getPath(), violations));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException unreadable, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_PREFIX + "malformed-json", "The request body is not valid JSON", 400,
                unreadable.getOriginalMessage(), uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException failure, UriInfo uri) {
        int status = failure.getResponse().getStatus();
        if (status >= 500) {
            return serverFault(failure, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        return respond(new Problem(Problem.TYPE_PREFIX + slug(title), title, status, detailFor(status), uri.getPath(),
                List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure, UriInfo uri) {
        return serverFault(failure, uri);
    }

    private static Response serverFault(Throwable failure, UriInfo uri) {
        if (DatabaseOutage.causedBy(failure)) {
            return databaseUnavailable(failure, uri);
        }
        String incident = RequestIds.currentOrNew();
        LOG.errorf(failure, "Unexpected failure on %s (incident %s)", loggablePath(uri.getPath()), incident);
        return respond(new Problem(Problem.TYPE_PREFIX + "internal-error", "Internal error", 500,
                "The request could not be completed. Quote incident " + incident + " when reporting it.",
                uri.getPath(), List.of()));
    }

    /**
     * The database is out of reach: nothing was stored (each request is one transaction), so the
     * client can safely retry. One line without a stack trace: an outage fails every request alike.
     */
    private static Response databaseUnavailable(Throwable failure, UriInfo uri) {
        LOG.warnf("Database unavailable on %s: %s", loggablePath(uri.getPath()), rootMessage(failure));
        Problem problem = new Problem(Problem.TYPE_PREFIX + "service-unavailable", "Service temporarily unavailable", 503,
                "The service cannot reach its database just now. Nothing was stored; try again in a few seconds.",
                uri.getPath(), List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
                .entity(problem).build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The path with the secrets some addresses carry (resume and invitation tokens) left out: logs hold no tokens. */
    static String loggablePath(String path) {
        return path.replaceAll("/(r|invitations)/[^/]+", "/$1/…");
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "No representation of this resource matches the Accept header.";
            case 415 -> "This endpoint does not accept that Content-Type.";
            default -> null;
        };
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String lastNode(String propertyPath) {
        // Bean Validation paths start with the method and parameter name ("create.request.title").
        String[] parts = propertyPath.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
