package io.canvass.response;

import io.canvass.access.Roles;
import io.canvass.problem.Problem;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/api/surveys/{surveyId}/personal-data")
@Tag(name = "Responses")
@SecurityRequirement(name = "jwt")
public class PersonalDataResource {

    private final PersonalDataService personalData;
    private final SurveyAccess access;

    public PersonalDataResource(PersonalDataService personalData, SurveyAccess access) {
        this.personalData = personalData;
        this.access = access;
    }

    @POST
    @Path("/erasure")
    // Analysts reach the access check too, so that a survey they cannot see is a 404 for them, as everywhere;
    // one they can see answers 403 there (erasing needs the researcher role on the survey).
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "erasePersonalDataByValue", summary = "Erase personal data by its value",
            description = "Erases every stored personal answer of the survey equal to the value (an e-mail address, "
                    + "say; letter case and surrounding spaces aside), on either kind of survey. The way to erase on an "
                    + "anonymous survey, where no response leads to a person. Answers and results stay unchanged; the "
                    + "audit log records how many items, never the value.")
    @APIResponse(responseCode = "200", description = "How many items were erased",
            content = @Content(schema = @Schema(implementation = ErasureReceipt.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No value, or one longer than any stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ErasureReceipt eraseByValue(@PathParam("surveyId") String surveyId, @Valid @NotNull ErasureRequest request) {
        String actor = access.require(surveyId, SurveyRole.RESEARCHER).subject();
        return new ErasureReceipt(personalData.eraseByValue(surveyId, request.value(), actor));
    }
}
