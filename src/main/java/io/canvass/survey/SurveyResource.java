package io.canvass.survey;

import io.canvass.problem.Problem;
import io.canvass.questionnaire.DefinitionParser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Surveys", description = "The surveys hosted here and their published definitions")
public class SurveyResource {

    private final SurveyCatalog catalog;

    public SurveyResource(SurveyCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "List surveys", description = "Every survey with its title, current version and state.")
    @APIResponse(responseCode = "200", description = "The surveys, ordered by id")
    public List<SurveySummary> list() {
        return catalog.list();
    }

    @GET
    @Path("/{surveyId}")
    @Operation(summary = "Get a survey's published definition",
            description = "Pages and questions as respondents get them: ids, types, texts, options with their "
                    + "screen-out and exclusive flags, matrix rows and columns, scale ranges and conditions.")
    @APIResponse(responseCode = "200", description = "The published definition")
    @APIResponse(responseCode = "404", description = "No such survey, or none of its versions is published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response definition(@PathParam("surveyId") String surveyId) {
        PublishedSurvey survey = catalog.published(surveyId);
        return Response.ok(DefinitionParser.toJson(survey.definition()), MediaType.APPLICATION_JSON).build();
    }
}
