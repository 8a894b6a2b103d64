package io.canvass.respondent;

import io.canvass.invitation.InvitationAlreadyUsedException;
import io.canvass.problem.DatabaseOutage;
import io.canvass.problem.Incidents;
import io.canvass.problem.RequestProblem;
import io.canvass.protection.RateLimit;
import io.canvass.protection.RateLimited;
import io.canvass.survey.PublishedSurvey;
import io.quarkus.arc.ArcUndeclaredThrowableException;
import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerResponse;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The survey as executives see it: server-rendered pages, plain HTML forms with
 * Post/Redirect/Get, working without JavaScript. Form fields are named after the definition.
 */
@Path("/s/{surveyId}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@Blocking
public class RespondentResource {

    private static final Logger LOG = Logger.getLogger(RespondentResource.class);

    private final RespondentJourney journey;
    private final PageStencils pages;
    private final CsrfTokenParameterProvider csrf;

    public RespondentResource(RespondentJourney journey, PageStencils pages, CsrfTokenParameterProvider csrf) {
        this.journey = journey;
        this.pages = pages;
        this.csrf = csrf;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance start(PublishedSurvey survey, String invitation);

        /** A survey page; its CSRF field is a parameter so that a stencil can be compiled with a mark in it. */
        static native TemplateInstance page(PageView page, String csrfToken);

        static native TemplateInstance saved(RespondentJourney.FinishedView session, String resumeUrl);

        static native TemplateInstance finished(RespondentJourney.FinishedView session);

        static native TemplateInstance unavailable(String title, String message);
    }

    @GET
    @Operation(hidden = true,
            summary = "Start page", description = "Purpose, time to complete and privacy notice; ?t= carries an invitation.")
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
    @Operation(hidden = true)
    public Response start(@PathParam("surveyId") String surveyId, @FormParam("t") String invitation) {
        return seeOther(journey.start(surveyId, invitation == null || invitation.isBlank() ? null : invitation));
    }

    @GET
    @Path("/r/{token}")
    @Operation(hidden = true, summary = "Resume", description = "The resume link: back to the furthest page reached.")
    public Response resume(@PathParam("surveyId") String surveyId, @PathParam("token") String token) {
        RespondentJourney.FinishedView session = journey.outcome(surveyId, token);
        return seeOther(session.resumeLink() + "/" + session.pageReached());
    }

    @GET
    @Path("/r/{token}/{page: [0-9]{1,3}}")
    @Operation(hidden = true)
    public RestResponse<byte[]> page(@PathParam("surveyId") String surveyId, @PathParam("token") String token,
            @PathParam("page") int page, @Context HttpServerResponse response) {
        return render(journey.show(surveyId, token, page), response);
    }

    @POST
    @RateLimited(RateLimit.SUBMISSIONS)
    @Path("/r/{token}/{page: [0-9]{1,3}}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public RestResponse<byte[]> submitPage(@PathParam("surveyId") String surveyId, @PathParam("token") String token,
            @PathParam("page") int page, MultivaluedMap<String, String> form, @Context HttpServerResponse response) {
        String action = form.getFirst("action");
        return render(journey.submit(surveyId, token, page, form, action == null ? "continue" : action), response);
    }

    @GET
    @Path("/r/{token}/saved")
    @Operation(hidden = true)
    public TemplateInstance saved(@PathParam("surveyId") String surveyId, @PathParam("token") String token) {
        RespondentJourney.FinishedView session = journey.outcome(surveyId, token);
        return Templates.saved(session, journey.publicUrl() + session.resumeLink());
    }

    @GET
    @Path("/r/{token}/{outcome: thank-you|not-eligible|quota-full}")
    @Operation(hidden = true)
    public Response finished(@PathParam("surveyId") String surveyId, @PathParam("token") String token) {
        RespondentJourney.FinishedView session = journey.outcome(surveyId, token);
        if (session.status() == io.canvass.response.ResponseStatus.IN_PROGRESS) {
            return seeOther(session.resumeLink() + "/" + session.pageReached());
        }
        return Response.ok(Templates.finished(session)).build();
    }

    /** Respondents get pages, not problem documents: the registry's status, in words for a respondent. */
    @ServerExceptionMapper
    public Response politeError(RequestProblem problem) {
        String title;
        String message;
        if (problem instanceof InvitationAlreadyUsedException) {
            title = "This invitation has already been used";
            message = "Each invitation link starts the survey once. If you began answering, your answers are saved: "
                    + "continue with your personal resume link, the one on the “Save and continue later” page (it is "
                    + "also the address of every page of your questionnaire). If you have not started yet, please "
                    + "contact the research team.";
        } else {
            switch (problem.type()) {
                case INVITATION_NOT_VALID -> {
                    title = "This survey is by invitation";
                    message = "We could not find a valid invitation in this link. It may be incomplete, already used or "
                            + "withdrawn. Please use the link from your invitation e-mail, or contact the research team.";
                }
                case SURVEY_NOT_OPEN, SURVEY_VERSION_UNUSABLE -> {
                    title = "This survey is closed";
                    message = "This survey is not taking responses at the moment. Thank you for your interest.";
                }
                case SURVEY_NOT_FOUND -> {
                    title = "Survey not found";
                    message = "There is no survey at this address. Please check the link.";
                }
                default -> {
                    title = problem.title();
                    message = problem.detail();
                }
            }
        }
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.unavailable(title, message)).build();
    }

    /**
     * A form the framework refuses before this resource runs (a field over the form limit: 413) gets a page
     * in words too, not a JSON document; the respondent's earlier pages are saved.
     */
    @ServerExceptionMapper
    public Response refusedRequest(WebApplicationException failure) {
        int status = failure.getResponse().getStatus();
        if (status == 413) {
            return Response.status(413).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.unavailable("Your answer is too long to send",
                            "One of the answers on this page is longer than we can accept. Please go back, shorten it "
                                    + "and send the page again. Your earlier pages are saved."))
                    .build();
        }
        if (status >= 500) {
            return storageFailure(failure);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.unavailable(known == null ? "This page could not be shown" : known.getReasonPhrase(),
                        "Please go back and try again, or use the link from your invitation or your resume link."))
                .build();
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
        String incident = Incidents.currentId();
        LOG.errorf(failure, "Respondent page failed (incident %s)", incident);
        return Response.serverError().type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.unavailable("Something went wrong",
                        "We could not complete this step. Your earlier pages are saved. If it happens again, please "
                                + "contact the research team and quote " + incident + "."))
                .build();
    }

    /*
     * A page's bytes as they are sent, so nothing encodes the page again; typed as bytes, so that the
     * framework picks the writer once at start-up rather than looking one up for each response.
     */
    private RestResponse<byte[]> render(RespondentJourney.PageResult result, HttpServerResponse response) {
        if (result instanceof RespondentJourney.PageResult.Redirect redirect) {
            return RestResponse.seeOther(URI.create(redirect.location()));
        }
        ShownPage page = ((RespondentJourney.PageResult.Show) result).page();
        // Vary: Accept is what a Qute template entity's variant selection added, at this point of the
        // response: a page keeps the headers it always had, in the same order.
        response.putHeader(HttpHeaders.VARY, "Accept");
        // The type is set here, as Qute's variant set it: the class's @Produces alone would add ;charset=UTF-8.
        return RestResponse.ResponseBuilder.<byte[]>create(page.hasProblems() ? 422 : 200)
                .entity(pages.html(page, csrf.getToken())).type(MediaType.TEXT_HTML_TYPE).build();
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
