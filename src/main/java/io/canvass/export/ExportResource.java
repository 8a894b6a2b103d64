package io.canvass.export;

import io.canvass.access.Roles;
import io.canvass.problem.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/surveys/{surveyId}")
@RolesAllowed({Roles.ANALYST, Roles.RESEARCHER})
@SecurityRequirement(name = "jwt")
@Tag(name = "Exports", description = "Responses as CSV or NDJSON, and the codebook of the CSV")
public class ExportResource {

    public static final String NDJSON = "application/x-ndjson";

    private final ResponseExport export;

    public ExportResource(ResponseExport export) {
        this.export = export;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance codebook(Codebook codebook);
    }

    @GET
    @Path("/responses")
    @Produces({SafeCsv.MEDIA_TYPE, NDJSON})
    @Operation(summary = "Export responses",
            description = "Streams every response with the chosen statuses (default: complete), by submission time "
                    + "then id. text/csv: response_id, status, version, submitted_at, then one column per single, scale "
                    + "and text question, a 0/1 column per option of a multiple choice (empty when not shown) and its "
                    + "'<question>.<option>.text', one per matrix row; columns from the current version, see the "
                    + "codebook. application/x-ndjson: one object per response with the answers as submitted. "
                    + "Never any personal data.")
    @APIResponse(responseCode = "200", description = "The export, streamed",
            content = {@Content(mediaType = SafeCsv.MEDIA_TYPE), @Content(mediaType = NDJSON)})
    @APIResponse(responseCode = "400", description = "Unknown status in ?status=",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept is neither text/csv nor application/x-ndjson",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response responses(@PathParam("surveyId") String surveyId,
            @Parameter(description = "complete, screened_out, quota_full, in_progress; repeat or comma-separate")
            @QueryParam("status") List<String> status,
            @Context HttpHeaders headers) {
        ResponseExport.ExportPlan plan = export.plan(surveyId, status);
        if (prefersNdjson(headers)) {
            return Response.ok((StreamingOutput) out -> export.writeNdjson(plan, out), NDJSON).build();
        }
        return Response.ok((StreamingOutput) out -> export.writeCsv(plan, out), SafeCsv.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + plan.surveyId() + "-responses.csv\"")
                .build();
    }

    @GET
    @Path("/codebook")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Codebook of the CSV export",
            description = "Every column of the CSV, in its order, with the question text and what each value means.")
    @APIResponse(responseCode = "200", description = "The codebook",
            content = @Content(schema = @Schema(implementation = Codebook.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Codebook codebook(@PathParam("surveyId") String surveyId) {
        return export.codebook(surveyId);
    }

    @GET
    @Path("/codebook")
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    @Operation(summary = "Codebook as a page", description = "The same codebook as a readable HTML page.")
    public TemplateInstance codebookPage(@PathParam("surveyId") String surveyId) {
        return Templates.codebook(export.codebook(surveyId));
    }

    /** CSV unless NDJSON is the more preferred of the two (the list is sorted by quality already). */
    private static boolean prefersNdjson(HttpHeaders headers) {
        MediaType csv = MediaType.valueOf(SafeCsv.MEDIA_TYPE);
        MediaType ndjson = MediaType.valueOf(NDJSON);
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType() || accepted.isCompatible(csv)) {
                return false;
            }
            if (accepted.isCompatible(ndjson)) {
                return true;
            }
        }
        return false;
    }
}
