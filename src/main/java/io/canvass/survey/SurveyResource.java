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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
    private final SurveyAccess access;
    private final SecurityIdentity identity;

    public SurveyResource(SurveyCatalog catalog, SurveyLifecycle lifecycle, SurveyAccess access, SecurityIdentity identity) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.access = access;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance preview(SurveyDefinition survey);
    }

    @GET
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST, Roles.ADMIN})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "listSurveys",
            summary = "List surveys", description = "The surveys you have access to (an admin: every survey), with "
            + "title, current version and state.")
    public List<SurveySummary> list() {
        return catalog.list(access.visibleSurveys());
    }

    @GET
    @Path("/{surveyId}")
    @PermitAll
    @Operation(operationId = "getPublishedDefinition", summary = "Get a survey's published definition",
            description = "Public, for respondents' clients: pages and questions as respondents get them, with "
                    + "matrix rows and columns, scale ranges and conditions. Which answers screen out, the quotas, the "
                    + "minimum group size and the grants are left out. An invitation-only survey needs "
                    + "?invitation=<token> with one of its usable invitations.")
    @APIResponse(responseCode = "200", description = "The published definition, as respondents see it")
    @APIResponse(responseCode = "403", description = "Invitation-only, and no usable invitation given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such survey, or none of its versions is published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response definition(@PathParam("surveyId") String surveyId, @QueryParam("invitation") String invitation) {
        return Response.ok(catalog.publishedJson(surveyId, invitation), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Operation(operationId = "createSurvey",
            summary = "Create a survey", description = "Stores the definition (JSON, or YAML with its media type) "
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
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @SecurityRequirement(name = "jwt")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Operation(operationId = "saveDraft",
            summary = "Save the draft", description = "Replaces the survey's draft, or starts the next version "
            + "as a draft when the latest is published. Published versions never change.")
    public VersionInfo saveDraft(@PathParam("surveyId") String surveyId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String definition) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return lifecycle.saveDraft(surveyId, definition, formatOf(contentType), actor());
    }

    @POST
    @Path("/{surveyId}/validate")
    @RolesAllowed(Roles.RESEARCHER)
    @SecurityRequirement(name = "jwt")
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Operation(operationId = "validateDefinition",
            summary = "Validate a definition", description = "Checks without storing anything; the id in the "
            + "address need not exist, so this reads no survey and needs no access to one.")
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
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @SecurityRequirement(name = "jwt")
    @Blocking
    @Operation(operationId = "previewSurvey",
            summary = "Preview the respondent pages", description = "The latest version (usually the draft), "
            + "or ?version=N, rendered as respondents will see it. Nothing is stored.")
    @APIResponse(responseCode = "200", description = "Every page of the survey, as one HTML document",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public TemplateInstance preview(@PathParam("surveyId") String surveyId, @QueryParam("version") Integer version) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return Templates.preview(lifecycle.definitionForPreview(surveyId, version));
    }

    @POST
    @Path("/{surveyId}/publish")
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "publishDraft",
            summary = "Publish the draft", description = "New respondents get this version; stored responses keep theirs.")
    @APIResponse(responseCode = "200", description = "Published: the version new respondents now get")
    @APIResponse(responseCode = "409", description = "No draft to publish")
    public VersionInfo publish(@PathParam("surveyId") String surveyId) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return lifecycle.publish(surveyId, actor());
    }

    @POST
    @Path("/{surveyId}/close")
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "closeSurvey",
            summary = "Close the survey", description = "No further responses are accepted.")
    public SurveySummary close(@PathParam("surveyId") String surveyId) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return lifecycle.close(surveyId, actor());
    }

    @POST
    @Path("/{surveyId}/reopen")
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "reopenSurvey", summary = "Reopen a closed survey", description = "Responses are accepted "
            + "again, and resume links closed less than canvass.respondent.resume-links-after-close (30 days) ago work again.")
    public SurveySummary reopen(@PathParam("surveyId") String surveyId) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return lifecycle.reopen(surveyId, actor());
    }

    @GET
    @Path("/{surveyId}/versions")
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "listVersions",
            summary = "List versions", description = "Drafts and published versions; 'current' marks the one new respondents get.")
    public List<VersionInfo> versions(@PathParam("surveyId") String surveyId) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return lifecycle.versions(surveyId);
    }

    @GET
    @Path("/{surveyId}/definition")
    @Produces({MediaType.APPLICATION_JSON, YAML})
    @RolesAllowed({Roles.RESEARCHER, Roles.ANALYST})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "exportDefinition",
            summary = "Export a definition", description = "A version (default: the latest) exactly as written, "
            + "in its own notation (YAML or JSON).")
    public Response export(@PathParam("surveyId") String surveyId, @QueryParam("version") Integer version) {
        access.requireAudited(surveyId, SurveyRole.RESEARCHER, "definition.export",
                version == null ? "latest version" : "version " + version);
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
