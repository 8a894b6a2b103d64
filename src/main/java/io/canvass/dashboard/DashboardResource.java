package io.canvass.dashboard;

import io.canvass.access.StaffPages;
import io.canvass.access.StaffSignIn;
import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.results.ResultsAudience;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyRole;
import io.canvass.survey.SurveySummary;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The live results dashboard for analysts and researchers, signed in with the canvass_token
 * cookie. The page is the skeleton and the filter form (which works without script);
 * {@code static/dashboard.js} fills in the charts from the results stream.
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@Blocking
public class DashboardResource {

    private final DashboardService dashboard;
    private final SurveyAccess access;
    private final SecurityIdentity identity;

    public DashboardResource(DashboardService dashboard, SurveyAccess access, SecurityIdentity identity) {
        this.dashboard = dashboard;
        this.access = access;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance surveys(List<SurveySummary> surveys, String signedInAs);

        static native TemplateInstance survey(DashboardPage page);

        static native TemplateInstance refused(String title, String message, boolean signOut);
    }

    @GET
    @Operation(hidden = true,
            summary = "Survey list", description = "The published surveys you may read, linking to their dashboards. 303 to /login "
            + "when not signed in, 403 page without the analyst or researcher role.")
    public Response surveys(@Context UriInfo uri) {
        return refusal(uri).orElseGet(() -> Response.ok(Templates.surveys(dashboard.surveys(), signedInAs())).build());
    }

    @GET
    @Path("/{surveyId}")
    @Operation(hidden = true,
            summary = "Live dashboard of a survey", description = "Charts of the results, the fieldwork funnel "
            + "and quota fill, updated live from /api/surveys/{id}/results/stream. ?filter=question:code,code "
            + "(repeatable) filters the charts. 404 page for an unknown survey or one you have no access to, 400 page for "
            + "a filter it cannot apply.")
    public Response survey(@PathParam("surveyId") String surveyId, @QueryParam("filter") List<String> filters,
            @Context UriInfo uri) {
        Optional<Response> refused = refusal(uri);
        if (refused.isPresent()) {
            return refused.get();
        }
        ResultsAudience audience = ResultsAudience.of(access.require(surveyId, SurveyRole.ANALYST));
        DashboardPage page = dashboard.page(surveyId, filters, signedInAs(), audience);
        return Response.status(page.filterError() == null ? 200 : 400).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.survey(page)).build();
    }

    /** Staff get pages, not problem documents. */
    @ServerExceptionMapper
    public Response politeError(RequestProblem problem) {
        if (problem.type() == ProblemType.SURVEY_NOT_FOUND) {
            return page(404, "Survey not found", "There is no published survey at this address. "
                    + "Check the link, or choose a survey from the list.");
        }
        return page(problem.status(), problem.title(), problem.detail());
    }

    /** Empty when the visitor is signed in with a role that may read results. */
    private Optional<Response> refusal(UriInfo uri) {
        Optional<Response> signIn = StaffPages.signInFirst(identity, uri);
        if (signIn.isPresent()) {
            return signIn;
        }
        if (StaffSignIn.DASHBOARD_ROLES.stream().noneMatch(identity::hasRole)) {
            return Optional.of(page(403, "You cannot see results",
                    "You are signed in, but your access does not include results: it needs the analyst or "
                            + "researcher role. Ask the research team, or sign in with another token."));
        }
        return Optional.empty();
    }

    private String signedInAs() {
        return identity.getPrincipal().getName();
    }

    private static Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refused(title, message, status == 403)).build();
    }
}
