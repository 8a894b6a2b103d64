package io.canvass.survey;

import io.canvass.access.Roles;
import io.canvass.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/surveys/{surveyId}/grants")
@Produces(MediaType.APPLICATION_JSON)
// Every staff role reaches the access check, so that a survey someone cannot see is a 404 for them whatever their role.
@RolesAllowed({Roles.RESEARCHER, Roles.ANALYST, Roles.ADMIN})
@SecurityRequirement(name = "jwt")
@Tag(name = "Grants", description = "Who may work on a survey, granted by its owner or an admin")
@APIResponse(responseCode = "403", description = "The survey's researchers and analysts who are not its owner",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such survey, or none you have access to",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class GrantResource {

    private final SurveyAccess access;
    private final SurveyGrants grants;

    public GrantResource(SurveyAccess access, SurveyGrants grants) {
        this.access = access;
        this.grants = grants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "grantAccess",
            summary = "Grant access", description = "{\"subject\": \"…\", \"role\": \"researcher\"|\"analyst\"}: the "
            + "staff member whose token names that subject gets the role on this survey (never above the role their "
            + "token carries). 201 for a new grant; granting again replaces the role (200).")
    @APIResponse(responseCode = "201", description = "Granted", content = @Content(schema = @Schema(implementation = GrantView.class)))
    @APIResponse(responseCode = "200", description = "The subject's role was replaced")
    @APIResponse(responseCode = "422", description = "Subject blank, over 200 characters, or role not researcher or analyst",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response grant(@PathParam("surveyId") String surveyId, @Valid @NotNull GrantRequest request) {
        String manager = access.requireGrantManager(surveyId);
        SurveyGrants.Granted granted = grants.grant(surveyId, request, manager);
        return Response.status(granted.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(UriBuilder.fromPath("/api/surveys/{surveyId}/grants/{subject}")
                        .build(surveyId, granted.grant().subject()))
                .entity(granted.grant()).build();
    }

    @GET
    @Operation(operationId = "listGrants",
            summary = "List grants", description = "Every subject granted a role on this survey. Ownership and the "
            + "definition's grants by group are not listed here: see the survey's definition.")
    @APIResponse(responseCode = "200", description = "The grants, subject by subject")
    public List<GrantView> list(@PathParam("surveyId") String surveyId) {
        String manager = access.requireGrantManager(surveyId);
        return grants.list(surveyId, manager);
    }

    @GET
    @Path("/{subject}")
    @Operation(operationId = "getGrant", summary = "One grant", description = "The role granted to one subject on this "
            + "survey, who granted it and when.")
    @APIResponse(responseCode = "200", description = "The grant")
    @APIResponse(responseCode = "404", description = "No such survey, or no grant for that subject",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GrantView get(@PathParam("surveyId") String surveyId, @PathParam("subject") String subject) {
        access.requireGrantManager(surveyId);
        return grants.get(surveyId, subject);
    }

    @DELETE
    @Path("/{subject}")
    @Operation(operationId = "revokeGrant",
            summary = "Revoke a grant", description = "The subject loses the role the grant gave; 404 if they had no grant.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("surveyId") String surveyId, @PathParam("subject") String subject) {
        String manager = access.requireGrantManager(surveyId);
        grants.revoke(surveyId, subject, manager);
        return Response.noContent().build();
    }
}
