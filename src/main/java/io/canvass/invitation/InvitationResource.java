package io.canvass.invitation;

import io.canvass.access.Roles;
import io.canvass.csv.SafeCsv;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyRole;
import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/surveys/{surveyId}/invitations")
// Analysts reach the access check too, so that a survey they cannot see is a 404 for them, as everywhere.
@RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
@SecurityRequirement(name = "jwt")
@Tag(name = "Invitations", description = "Single-use invitation links")
public class InvitationResource {

    private final InvitationService invitations;
    private final SurveyAccess access;
    private final SecurityIdentity identity;

    public InvitationResource(InvitationService invitations, SurveyAccess access, SecurityIdentity identity) {
        this.invitations = invitations;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, SafeCsv.MEDIA_TYPE})
    @Operation(operationId = "createInvitations",
            summary = "Create invitations", description = "{\"count\": N} or {\"labels\": [...]}; "
            + "answers JSON, or CSV with Accept: text/csv.")
    public Response create(@PathParam("surveyId") String surveyId, @Valid @NotNull CreateInvitationsRequest request,
            @jakarta.ws.rs.core.Context HttpHeaders headers) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        List<InvitationView> created = invitations.create(surveyId, request, identity.getPrincipal().getName());
        return render(Response.status(Response.Status.CREATED), created, headers);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, SafeCsv.MEDIA_TYPE})
    @Operation(operationId = "listInvitations",
            summary = "List invitations", description = "With their state and the day each was used (usedOn, UTC). "
            + "Anonymous surveys: unused, used or revoked, and no time of use. Identified surveys: unused, in_progress, "
            + "completed, screened_out, quota_full or revoked, and usedAt, the moment.")
    public Response list(@PathParam("surveyId") String surveyId, @jakarta.ws.rs.core.Context HttpHeaders headers) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return render(Response.ok(), invitations.list(surveyId, identity.getPrincipal().getName()), headers);
    }

    @DELETE
    @Path("/{token}")
    @Operation(operationId = "revokeInvitation",
            summary = "Revoke an invitation", description = "A revoked token admits no response.")
    public Response revoke(@PathParam("surveyId") String surveyId, @PathParam("token") String token) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        invitations.revoke(surveyId, token, identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    private static Response render(Response.ResponseBuilder response, List<InvitationView> views, HttpHeaders headers) {
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.isCompatible(MediaType.valueOf(SafeCsv.MEDIA_TYPE)) && !type.isWildcardType());
        if (!csv) {
            return response.type(MediaType.APPLICATION_JSON).entity(views).build();
        }
        return response.type(SafeCsv.MEDIA_TYPE + "; charset=UTF-8").entity(InvitationCsv.of(views)).build();
    }
}
