package io.canvass.survey;

import io.canvass.access.Roles;
import io.canvass.problem.Problem;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Surveys", description = "Surveys, their versions and their lifecycle")
public class SurveyResource {

    static final String YAML = "application/yaml";
    static final String[] DEFINITION_TYPES = {MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"};

    private final SurveyCatalog catalog;
    private final SurveyLifecycle lifecycle;
    private final SecurityIdentity identity;

    public SurveyResource(SurveyCatalog catalog, SurveyLifecycle lifecycle, SecurityIdentity identity) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance preview(SurveyDefinition survey);
    }

    @GET
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "List surveys", description = "Every survey with its title, current version and state.")
    public List<SurveySummary> list() {
        return catalog.list();
    }

    @GET
    @Path("/{surveyId}")
    @PermitAll
    @Operation(summary = "Get a survey's published definition",
            description = "Public, for respondents' clients: pages and questions as respondents get them, with "
                    + "option flags, matrix rows and columns, scale ranges and conditions.")
    @APIResponse(responseCode = "200", description = "The published definition")
    @APIResponse(responseCode = "404", description = "No such survey, or none of its versions is published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response definition(@PathParam("surveyId") String surveyId) {
        return Response.ok(catalog.publishedJson(surveyId), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Operation(summary = "Create a survey", description = "Stores the definition (JSON, or YAML with its media type) "
            + "as version 1, a draft. The same checks as at start-up; 422 lists each problem with a JSON pointer.")
    @APIResponse(responseCode = "201", description = "Created as a draft")
    @APIResponse(responseCode = "409", description = "A survey with that id exists")
    @APIResponse(responseCode = "422", description = "The definition is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String definition) {
        VersionInfo created = lifecycle.create(definition, formatOf(contentType), actor());
        return Response.created(URI.create("/api/surveys/" + created.surveyId() + "/versions")).entity(created).build();
    }

    @PUT
    @Path("/{surveyId}/draft")
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Operation(summary = "Save the draft", description = "Replaces the survey's draft, or starts the next version "
            + "as a draft when the latest is published. Published versions never change.")
    public VersionInfo saveDraft(@PathParam("surveyId") String surveyId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String definition) {
        return lifecycle.saveDraft(surveyId, definition, formatOf(contentType), actor());
    }

    @POST
    @Path("/{surveyId}/validate")
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Operation(summary = "Validate a definition", description = "Checks without storing anything.")
    @APIResponse(responseCode = "200", description = "Valid")
    @APIResponse(responseCode = "422", description = "Not valid, with every problem",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Map<String, Object> validate(@PathParam("surveyId") String surveyId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String definition) {
        SurveyDefinition valid = lifecycle.validate(definition, formatOf(contentType));
        return Map.of("valid", true, "id", valid.id(), "questions", valid.questions().size());
    }

    @GET
    @Path("/{surveyId}/preview")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Blocking
    @Operation(summary = "Preview the respondent pages", description = "The latest version (usually the draft), "
            + "or ?version=N, rendered as respondents will see it. Nothing is stored.")
    public TemplateInstance preview(@PathParam("surveyId") String surveyId, @QueryParam("version") Integer version) {
        return Templates.preview(lifecycle.definitionForPreview(surveyId, version));
    }

    @POST
    @Path("/{surveyId}/publish")
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Publish the draft", description = "New respondents get this version; stored responses keep theirs.")
    @APIResponse(responseCode = "409", description = "No draft to publish")
    public VersionInfo publish(@PathParam("surveyId") String surveyId) {
        return lifecycle.publish(surveyId, actor());
    }

    @POST
    @Path("/{surveyId}/close")
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Close the survey", description = "No further responses are accepted.")
    public SurveySummary close(@PathParam("surveyId") String surveyId) {
        return lifecycle.close(surveyId, actor());
    }

    @POST
    @Path("/{surveyId}/reopen")
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Reopen a closed survey")
    public SurveySummary reopen(@PathParam("surveyId") String surveyId) {
        return lifecycle.reopen(surveyId, actor());
    }

    @GET
    @Path("/{surveyId}/versions")
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "List versions", description = "Drafts and published versions; 'current' marks the one new respondents get.")
    public List<VersionInfo> versions(@PathParam("surveyId") String surveyId) {
        return lifecycle.versions(surveyId);
    }

    @GET
    @Path("/{surveyId}/definition")
    @Produces({MediaType.APPLICATION_JSON, YAML})
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Export a definition", description = "A version (default: the latest) exactly as written, "
            + "in its own notation (YAML or JSON).")
    public Response export(@PathParam("surveyId") String surveyId, @QueryParam("version") Integer version) {
        ExportedDefinition exported = lifecycle.export(surveyId, version);
        String extension = exported.format() == DefinitionFormat.YAML ? "yaml" : "json";
        return Response.ok(exported.text(), exported.format().mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + exported.surveyId() + "-v"
                        + exported.version() + "." + extension + "\"")
                .build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static DefinitionFormat formatOf(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("yaml")
                ? DefinitionFormat.YAML : DefinitionFormat.JSON;
    }
}
