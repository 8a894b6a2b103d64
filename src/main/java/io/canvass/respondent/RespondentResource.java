package io.canvass.respondent;

import io.canvass.invitation.InvitationNotValidException;
import io.canvass.observability.RequestIds;
import io.canvass.problem.DatabaseOutage;
import io.canvass.problem.RequestProblem;
import io.canvass.protection.RateLimit;
import io.canvass.protection.RateLimited;
import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyNotFoundException;
import io.canvass.survey.SurveyNotOpenException;
import io.quarkus.arc.ArcUndeclaredThrowableException;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The survey as executives see it: server-rendered pages, plain HTML forms with
 * Post/Redirect/Get, working without JavaScript. Form fields are named after the definition.
 */
@Path("/s/{surveyId}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@Blocking
@Tag(name = "Respondent pages", description = "The survey in the browser (HTML)")
public class RespondentResource {

    private static final Logger LOG = Logger.getLogger(RespondentResource.class);

    private final RespondentJourney journey;

    public RespondentResource(RespondentJourney journey) {
        this.journey = journey;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance start(PublishedSurvey survey, String invitation);

        static native TemplateInstance page(PageView page);

        static native TemplateInstance saved(RespondentJourney.FinishedView session, String resumeUrl);

        static native TemplateInstance finished(RespondentJourney.FinishedView session);

        static native TemplateInstance unavailable(String title, String message);
    }

    @GET
    @Operation(summary = "Start page", description = "Purpose, time to complete and privacy notice; ?t= carries an invitation.")
    public Response startPage(@PathParam("surveyId") String surveyId, @QueryParam("t") String invitation) {
        Optional<String> resume = journey.resumeOfInvitation(surveyId, invitation);
        if (resume.isPresent()) {
            return seeOther(resume.get());
        }
        return Response.ok(Templates.start(journey.startPage(surveyId, invitation), invitation)).build();
    }

    @POST
    @RateLimited(RateLimit.SUBMISSIONS)
    @Path("/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@PathParam("surveyId") String surveyId, @FormParam("t") String invitation) {
        return seeOther(journey.start(surveyId, invitation == null || invitation.isBlank() ? null : invitation));
    }

    @GET
    @Path("/r/{token}")
    @Operation(summary = "Resume", description = "The resume link: back to the furthest page reached.")
    public Response resume(@PathParam("surveyId") String surveyId, @PathParam("token") String token) {
        RespondentJourney.FinishedView session = journey.outcome(surveyId, token);
        return seeOther(session.resumeLink() + "/" + session.pageReached());
    }

    @GET
    @Path("/r/{token}/{page: [0-9]{1,3}}")
    public Response page(@PathParam("surveyId") String surveyId, @PathParam("token") String token,
            @PathParam("page") int page) {
        return render(journey.show(surveyId, token, page));
    }

    @POST
    @RateLimited(RateLimit.SUBMISSIONS)
    @Path("/r/{token}/{page: [0-9]{1,3}}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submitPage(@PathParam("surveyId") String surveyId, @PathParam("token") String token,
            @PathParam("page") int page, MultivaluedMap<String, String> form) {
        String action = form.getFirst("action");
        return render(journey.submit(surveyId, token, page, form, action == null ? "continue" : action));
    }

    @GET
    @Path("/r/{token}/saved")
    public TemplateInstance saved(@PathParam("surveyId") String surveyId, @PathParam("token") String token) {
        RespondentJourney.FinishedView session = journey.outcome(surveyId, token);
        return Templates.saved(session, journey.publicUrl() + session.resumeLink());
    }

    @GET
    @Path("/r/{token}/{outcome: thank-you|not-eligible|quota-full}")
    public Response finished(@PathParam("surveyId") String surveyId, @PathParam("token") String token) {
        RespondentJourney.FinishedView session = journey.outcome(surveyId, token);
        if (session.status() == io.canvass.response.ResponseStatus.IN_PROGRESS) {
            return seeOther(session.resumeLink() + "/" + session.pageReached());
        }
        return Response.ok(Templates.finished(session)).build();
    }

    /** Respondents get pages, not problem documents. */
    @ServerExceptionMapper
    public Response politeError(RequestProblem problem) {
        String title;
        String message;
        if (problem instanceof InvitationNotValidException) {
            title = "This survey is by invitation";
            message = "We could not find a valid invitation in this link. It may be incomplete, already used or "
                    + "withdrawn. Please use the link from your invitation e-mail, or contact the research team.";
        } else if (problem instanceof SurveyNotOpenException) {
            title = "This survey is closed";
            message = "This survey is not taking responses at the moment. Thank you for your interest.";
        } else if (problem instanceof SurveyNotFoundException) {
            title = "Survey not found";
            message = "There is no survey at this address. Please check the link.";
        } else {
            title = problem.title();
            message = problem.getMessage();
        }
        return Response.status(problem.kind().status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.unavailable(title, message)).build();
    }

    /**
     * A page that could not reach the database gets a page in words, not a JSON document: with 503 and
     * Retry-After while the database is away. What the respondent typed on this page is still in the
     * browser (Back keeps it) and every page before it is saved.
     */
    @ServerExceptionMapper({PersistenceException.class, TransactionalException.class, QuarkusTransactionException.class,
            ArcUndeclaredThrowableException.class})
    public Response storageFailure(RuntimeException failure) {
        if (DatabaseOutage.causedBy(failure)) {
            LOG.warnf("Database unavailable for a respondent page: %s", failure.getClass().getSimpleName());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_HTML_TYPE)
                    .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
                    .entity(Templates.unavailable("We could not save just now",
                            "The survey is briefly unavailable. Your earlier pages are saved. Please go back, check "
                                    + "your answers on this page and send it again in a few seconds."))
                    .build();
        }
        String incident = RequestIds.currentOrNew();
        LOG.errorf(failure, "Respondent page failed (incident %s)", incident);
        return Response.serverError().type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.unavailable("Something went wrong",
                        "We could not complete this step. Your earlier pages are saved. If it happens again, please "
                                + "contact the research team and quote " + incident + "."))
                .build();
    }

    private static Response render(RespondentJourney.PageResult result) {
        if (result instanceof RespondentJourney.PageResult.Redirect redirect) {
            return seeOther(redirect.location());
        }
        PageView view = ((RespondentJourney.PageResult.Show) result).view();
        return Response.status(view.hasErrors() ? 422 : 200).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.page(view)).build();
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
