package io.canvass.response;

import io.canvass.access.Roles;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyNotFoundException;
import io.canvass.survey.SurveyRole;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/responses")
@Tag(name = "Responses")
@SecurityRequirement(name = "jwt")
public class ResponseResource {

    private final PersonalDataService personalData;
    private final SurveyAccess access;
    private final SecurityIdentity identity;

    public ResponseResource(PersonalDataService personalData, SurveyAccess access, SecurityIdentity identity) {
        this.personalData = personalData;
        this.access = access;
        this.identity = identity;
    }

    @DELETE
    @Path("/{responseId}/personal-data")
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @Operation(operationId = "eraseResponsePersonalData", summary = "Erase a response's personal data",
            description = "Removes the stored e-mail (and any other personal data) of a response, also an e-mail "
                    + "answer stored among its answers by earlier releases; its other answers and all results stay "
                    + "unchanged. Idempotent. Needs the researcher role on the response's survey; a response of a survey "
                    + "you have no access to is not found (404). A finished response to an anonymous survey keeps no "
                    + "personal data: erase by value there (POST /api/surveys/{surveyId}/personal-data/erasure).")
    public Response erase(@PathParam("responseId") String responseId) {
        try {
            access.require(personalData.surveyOf(responseId), SurveyRole.RESEARCHER);
        } catch (SurveyNotFoundException hidden) {
            // The same answer as for an unknown response: its id must not reveal that it exists.
            throw new ResponseNotFoundException();
        }
        personalData.erase(responseId, identity.getPrincipal().getName());
        return Response.noContent().build();
    }
}
