package io.canvass.response;

import io.canvass.access.Roles;
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
    private final SecurityIdentity identity;

    public ResponseResource(PersonalDataService personalData, SecurityIdentity identity) {
        this.personalData = personalData;
        this.identity = identity;
    }

    @DELETE
    @Path("/{responseId}/personal-data")
    @RolesAllowed(Roles.RESEARCHER)
    @Operation(summary = "Erase a response's personal data",
            description = "Removes the stored e-mail (and any other personal data) of a response; its answers and "
                    + "all results stay unchanged. Idempotent.")
    public Response erase(@PathParam("responseId") String responseId) {
        personalData.erase(responseId, identity.getPrincipal().getName());
        return Response.noContent().build();
    }
}
