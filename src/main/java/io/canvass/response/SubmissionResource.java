package io.canvass.response;

import io.canvass.problem.Problem;
import io.canvass.protection.RateLimit;
import io.canvass.protection.RateLimited;
import io.micrometer.core.annotation.Timed;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/surveys/{surveyId}/responses")
@Tag(name = "Responses", description = "Respondents' submissions")
public class SubmissionResource {

    private final SubmissionService submissions;

    public SubmissionResource(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @POST
    @RateLimited(RateLimit.SUBMISSIONS)
    @Timed(value = "canvass.submission", histogram = true, description = "Time to take a submission through the API")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitResponse", summary = "Submit a response",
            description = "Answers keyed by question id: a code for a single choice, an array of codes for a multiple "
                    + "choice, an integer for a scale, an object row → column code for a matrix, strings for text and "
                    + "e-mail, and \"question.option\" for the text of an 'other, please specify' option. Screened-out "
                    + "and quota-full attempts are stored as such and answered with 201 too.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmitResponseRequest.class)))
    @APIResponse(responseCode = "201", description = "Stored: complete, screened_out or quota_full",
            content = @Content(schema = @Schema(implementation = SubmissionReceipt.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The survey is not open",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many submissions from this client; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Every problem with the answers, each naming its question",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Blocking
    public CompletionStage<Response> submit(@PathParam("surveyId") String surveyId,
            @Parameter(description = "Makes a retry safe: the same key returns the first receipt and stores nothing new")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            byte[] body) {
        return submissions.submit(surveyId, body, idempotencyKey).thenApply(submission -> {
            Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(submission.receipt());
            if (submission.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }
}
