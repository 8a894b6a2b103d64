package io.canvass.export;

import io.canvass.access.Roles;
import io.canvass.csv.SafeCsv;
import io.canvass.problem.Problem;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyRole;
import io.canvass.survey.SurveyViewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
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
@Tag(name = "Exports", description = "Responses as CSV or NDJSON (the survey's researchers), and the codebook of the CSV")
public class ExportResource {

    public static final String NDJSON = "application/x-ndjson";

    private final ResponseExport export;
    private final ExportRuns runs;
    private final SurveyAccess access;

    public ExportResource(ResponseExport export, ExportRuns runs, SurveyAccess access) {
        this.export = export;
        this.runs = runs;
        this.access = access;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance codebook(Codebook codebook);
    }

    @GET
    @Path("/responses")
    @Produces({SafeCsv.MEDIA_TYPE, NDJSON})
    @Operation(operationId = "exportResponses", summary = "Export responses",
            description = "For the survey's researchers only (analysts read aggregates: 403). "
                    + "Streams every response with the chosen statuses (default: complete), by submission time "
                    + "then id; on an anonymous survey response_id is a pseudonym, submitted_at a day (UTC) and the rows "
                    + "of a day come in pseudonym order. ?flag= keeps the responses with any of the quality flags given, "
                    + "to review (POST /api/responses/{id}/review takes response_id as the export shows it). "
                    + "text/csv: response_id, status, version, submitted_at, flags, review_reason, language, then one column per single, scale "
                    + "and text question, a 0/1 column per option of a multiple choice (empty when not shown) and its "
                    + "'<question>.<option>.text', one per matrix row; columns from the current version, see the "
                    + "codebook. application/x-ndjson: one object per response with the answers as submitted. "
                    + "Never any personal data.")
    @APIResponse(responseCode = "200", description = "The export, streamed",
            content = {@Content(mediaType = SafeCsv.MEDIA_TYPE), @Content(mediaType = NDJSON)})
    @APIResponse(responseCode = "400", description = "Unknown status in ?status=, or unknown flag in ?flag=",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "An analyst of the survey: row-level data is for its researchers",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such survey, or none you have access to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept is neither text/csv nor application/x-ndjson",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "You, or the service, run the most exports allowed at once; "
            + "see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response responses(@PathParam("surveyId") String surveyId,
            @Parameter(description = "complete, screened_out, quota_full, in_progress, rejected; repeat or comma-separate")
            @QueryParam("status") List<String> status,
            @Parameter(description = "Only responses with any of these quality flags (straightliner, speeder, duplicate, "
                    + "bot), for review; repeat or comma-separate") @QueryParam("flag") List<String> flag,
            @Context HttpHeaders headers, @Context RoutingContext request) {
        SurveyViewer viewer = access.require(surveyId, SurveyRole.RESEARCHER);
        ResponseExport.ExportPlan plan = export.plan(surveyId, status, flag);
        boolean ndjson = prefersNdjson(headers);
        ExportRuns.ExportRun run = runs.start(viewer.subject(), plan, ndjson ? ExportRuns.Format.NDJSON : ExportRuns.Format.CSV);
        // Frees the slot also when the body is never written (the client left before it started).
        request.addEndHandler(ended -> run.release());
        if (ndjson) {
            return Response.ok(run, NDJSON).build();
        }
        return Response.ok(run, SafeCsv.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + plan.surveyId() + "-responses.csv\"")
                .build();
    }

    @GET
    @Path("/codebook")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCodebook", summary = "Codebook of the CSV export",
            description = "Every column of the CSV, in its order, with the question text and what each value means.")
    @APIResponse(responseCode = "200", description = "The codebook",
            content = @Content(schema = @Schema(implementation = Codebook.class)))
    @APIResponse(responseCode = "404", description = "No such survey",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Codebook codebook(@PathParam("surveyId") String surveyId) {
        access.requireAudited(surveyId, SurveyRole.ANALYST, "codebook.read", "json");
        return export.codebook(surveyId);
    }

    @GET
    @Path("/codebook")
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    @Operation(hidden = true,
            summary = "Codebook as a page", description = "The same codebook as a readable HTML page.")
    public TemplateInstance codebookPage(@PathParam("surveyId") String surveyId) {
        access.requireAudited(surveyId, SurveyRole.ANALYST, "codebook.read", "html");
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
