package io.canvass.audit;

import io.canvass.access.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESEARCHER, Roles.ADMIN})
@Tag(name = "Audit", description = "Who read or changed what, and when")
@SecurityRequirement(name = "jwt")
public class AuditResource {

    private final AuditLog audit;
    private final AuditReadScope scope;

    public AuditResource(AuditLog audit, AuditReadScope scope) {
        this.audit = audit;
        this.scope = scope;
    }

    @GET
    @Operation(operationId = "readAuditLog",
            summary = "Read the audit log", description = "Newest first; optionally for one survey. A researcher "
            + "sees the entries of the surveys they are a researcher on and their own sign-ins; an admin sees all.")
    public List<AuditLog.AuditEntry> newest(@QueryParam("surveyId") String surveyId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return audit.newest(scope.readable(), surveyId, limit);
    }
}
