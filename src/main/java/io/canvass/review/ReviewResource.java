package io.canvass.review;

import io.canvass.access.Roles;
import io.canvass.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/responses/{responseId}/review")
// Every data role reaches the access check, so that a response of a survey someone cannot see is a 404 for them.
@RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
@SecurityRequirement(name = "jwt")
@Tag(name = "Review", description = "Researchers' review of flagged completes")
public class ReviewResource {

    private final ReviewService reviews;

    public ReviewResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reviewResponse", summary = "Review a complete",
            description = "{\"decision\": \"reject\", \"reason\": \"…\"} takes the complete out of every result (live "
                    + "for researchers, from the next published state for analysts) and gives back its quota place at "
                    + "once; it shows as rejected, with the reason, in exports (?status=rejected). {\"decision\": "
                    + "\"accept\"} brings a rejected complete back if its quota cell has room (409 otherwise). A decision "
                    + "that matches the response's state changes nothing (changed: false; rejecting again replaces the "
                    + "reason). The id is response_id as the export shows it (a pseudonym on an anonymous survey). "
                    + "For the survey's researchers; written to the audit log.")
    @APIResponse(responseCode = "200", description = "The response after the review",
            content = @Content(schema = @Schema(implementation = ReviewOutcome.class)))
    @APIResponse(responseCode = "403", description = "An analyst of the survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such response, or none of a survey you are a researcher of",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a complete (screened out, quota full, in progress), or accepting "
            + "into a full quota cell", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No or unknown decision, no reason to reject, a reason over 500 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReviewOutcome review(@PathParam("responseId") String responseId, ReviewRequest request) {
        return reviews.review(responseId, request);
    }
}
