package io.canvass.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        Problem document = Problem.of(problem.type(), problem.detail(), uri.getPath(), problem.violations());
        if (problem.retryAfterSeconds() > 0) {
            return Response.status(document.status()).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", problem.retryAfterSeconds()).entity(document).build();
        }
        return respond(document);
    }

    @ServerExceptionMapper({io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.UnauthorizedException.class})
    public Response unauthenticated(RuntimeException failure, UriInfo uri) {
        // The same answer for a missing, expired, forged or foreign token: nothing to learn from probing.
        Problem problem = Problem.of(ProblemType.UNAUTHENTICATED,
                "Send a valid bearer token (Authorization: Bearer <JWT>).", uri.getPath(), List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer").entity(problem).build();
    }

    @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
    public Response forbidden(RuntimeException failure, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this.", uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException invalid, UriInfo uri) {
        List<Violation> violations = invalid.getConstraintViolations().stream()
                .map(v -> {
                    String field = lastNode(v.getPropertyPath().toString());
                    return Violation.ofField(field, "/" + field.replace('.', '/'), "invalid", v.getMessage());
                })
                .toList();
        return respond(Problem.of(ProblemType.INVALID_REQUEST, violations.size() + " problem(s) in the request",
                uri.getPath(), violations));
    }

    /**
     * A body that is not JSON, or not of the shape the endpoint takes. Jackson's own messages name Java types and
     * its limits' internals, so the answer says in plain words where it went wrong (the field, or the line).
     */
    // MismatchedInputException named as well: Quarkus REST ships its own mapper for it, which would answer plain JSON.
    @ServerExceptionMapper({JsonProcessingException.class, com.fasterxml.jackson.databind.exc.MismatchedInputException.class})
    public Response unreadableJson(JsonProcessingException unreadable, UriInfo uri) {
        UnreadableJson reading = UnreadableJson.of(unreadable);
        List<Violation> violations = reading.field() == null ? List.of()
                : List.of(Violation.ofField(reading.field(), reading.pointer(), "invalid_type", reading.detail()));
        return respond(Problem.of(ProblemType.MALFORMED_JSON, reading.detail(), uri.getPath(), violations));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException failure, UriInfo uri) {
        int status = failure.getResponse().getStatus();
        // Quarkus REST's JSON reader reports a syntax error as a 400 wrapping Jackson's exception.
        if (status == 400 && failure.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable, uri);
        }
        if (status >= 500) {
            return serverFault(failure, uri);
        }
        return respond(Problem.of(ProblemType.forHttpStatus(status), status, detailFor(status), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure, UriInfo uri) {
        if (MalformedFormEncoding.causedBy(failure)) {
            return respond(Problem.of(ProblemType.MALFORMED_FORM,
                    "A '%' in form data must start an escape such as %20, in UTF-8.", uri.getPath(), List.of()));
        }
        return serverFault(failure, uri);
    }

    private static Response serverFault(Throwable failure, UriInfo uri) {
        if (DatabaseOutage.causedBy(failure)) {
            return databaseUnavailable(failure, uri);
        }
        String incident = Incidents.currentId();
        LOG.errorf(failure, "Unexpected failure on %s (incident %s)", loggablePath(uri.getPath()), incident);
        return respond(Problem.of(ProblemType.INTERNAL_ERROR,
                "The request could not be completed. Quote incident " + incident + " when reporting it.",
                uri.getPath(), List.of()));
    }

    /**
     * The database is out of reach: nothing was stored (each request is one transaction), so the
     * client can safely retry. One line without a stack trace: an outage fails every request alike.
     */
    private static Response databaseUnavailable(Throwable failure, UriInfo uri) {
        LOG.warnf("Database unavailable on %s: %s", loggablePath(uri.getPath()), rootMessage(failure));
        Problem problem = Problem.of(ProblemType.SERVICE_UNAVAILABLE,
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

    private static String lastNode(String propertyPath) {
        // Bean Validation paths start with the method and parameter name ("create.request.title").
        String[] parts = propertyPath.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
