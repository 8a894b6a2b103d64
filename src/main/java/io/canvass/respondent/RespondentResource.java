package io.canvass.respondent;

import io.canvass.invitation.InvitationAlreadyUsedException;
import io.canvass.problem.DatabaseOutage;
import io.canvass.problem.Incidents;
import io.canvass.problem.RequestProblem;
import io.canvass.protection.RateLimit;
import io.canvass.protection.RateLimited;
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
import jakarta.ws.rs.HeaderParam;
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
import jakarta.ws.rs.core.UriInfo;
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
        static native TemplateInstance start(RespondentJourney.StartView start);

        /** A survey page; its CSRF field is a parameter so that a stencil can be compiled with a mark in it. */
        static native TemplateInstance page(PageView page, String csrfToken);

        static native TemplateInstance saved(RespondentJourney.FinishedView session, String resumeUrl);

        static native TemplateInstance finished(RespondentJourney.FinishedView session);

        static native TemplateInstance unavailable(String title, String message, String language);
    }

    @GET
    @Operation(hidden = true,
            summary = "Start page", description = "Purpose, time to complete and privacy notice; ?t= carries an invitation, "
                    + "?lang= the language (else the browser's Accept-Language, else the survey's default).")
    public Response startPage(@PathParam("surveyId") String surveyId, @QueryParam("t") String invitation,
            @QueryParam("lang") String language, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Optional<String> resume = journey.resumeOfInvitation(surveyId, invitation);
        if (resume.isPresent()) {
            return seeOther(resume.get());
        }
        RespondentJourney.StartView start = journey.startPage(surveyId, invitation, language, acceptLanguage);
        return Response.ok(inLanguage(Templates.start(start), start.language()))
                .header(HttpHeaders.CONTENT_LANGUAGE, start.language()).header(HttpHeaders.VARY, "Accept-Language").build();
    }

    @POST
    @RateLimited(RateLimit.SUBMISSIONS)
    @Path("/start")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response start(@PathParam("surveyId") String surveyId, @FormParam("t") String invitation,
            @FormParam("lang") String language) {
        return seeOther(journey.start(surveyId, invitation == null || invitation.isBlank() ? null : invitation, language));
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
        return inLanguage(Templates.saved(session, journey.publicUrl() + session.resumeLink()), session.language());
    }

    @GET
    @Path("/r/{token}/{outcome: thank-you|not-eligible|quota-full}")
    @Operation(hidden = true)
    public Response finished(@PathParam("surveyId") String surveyId, @PathParam("token") String token) {
        RespondentJourney.FinishedView session = journey.outcome(surveyId, token);
        if (session.status() == io.canvass.response.ResponseStatus.IN_PROGRESS) {
            return seeOther(session.resumeLink() + "/" + session.pageReached());
        }
        return Response.ok(inLanguage(Templates.finished(session), session.language()))
                .header(HttpHeaders.CONTENT_LANGUAGE, session.language()).build();
    }

    /** Respondents get pages, not problem documents: the registry's status, in words for a respondent, in their language. */
    @ServerExceptionMapper
    public Response politeError(RequestProblem problem, HttpHeaders headers, UriInfo uri) {
        RespondentMessages texts = RespondentLanguage.texts(languageOf(headers, uri));
        String title;
        String message;
        if (problem instanceof InvitationAlreadyUsedException) {
            title = texts.invitation_used_title();
            message = texts.invitation_used_body();
        } else {
            switch (problem.type()) {
                case INVITATION_NOT_VALID -> {
                    title = texts.invitation_needed_title();
                    message = texts.invitation_needed_body();
                }
                case SURVEY_NOT_OPEN, SURVEY_VERSION_UNUSABLE -> {
                    title = texts.closed_title();
                    message = texts.closed_body();
                }
                case SURVEY_NOT_FOUND -> {
                    title = texts.not_found_title();
                    message = texts.not_found_body();
                }
                case RESUME_LINK_NOT_VALID -> {
                    title = texts.resume_link_title();
                    message = texts.resume_link_body();
                }
                default -> {
                    title = problem.title();
                    message = problem.detail();
                }
            }
        }
        return unavailable(problem.status(), title, message, headers, uri).build();
    }

    /**
     * A form the framework refuses before this resource runs (a field over the form limit: 413) gets a page
     * in words too, not a JSON document; the respondent's earlier pages are saved.
     */
    @ServerExceptionMapper
    public Response refusedRequest(WebApplicationException failure, HttpHeaders headers, UriInfo uri) {
        int status = failure.getResponse().getStatus();
        RespondentMessages texts = RespondentLanguage.texts(languageOf(headers, uri));
        if (status == 413) {
            return unavailable(413, texts.too_long_title(), texts.too_long_body(), headers, uri).build();
        }
        if (status >= 500) {
            return storageFailure(failure, headers, uri);
        }
        return unavailable(status, texts.refused_title(), texts.refused_body(), headers, uri).build();
    }

    /**
     * A page that could not reach the database gets a page in words, not a JSON document: with 503 and
     * Retry-After while the database is away. What the respondent typed on this page is still in the
     * browser (Back keeps it) and every page before it is saved.
     */
    @ServerExceptionMapper({PersistenceException.class, TransactionalException.class, QuarkusTransactionException.class,
            ArcUndeclaredThrowableException.class})
    public Response storageFailure(RuntimeException failure, HttpHeaders headers, UriInfo uri) {
        RespondentMessages texts = RespondentLanguage.texts(languageOf(headers, uri));
        if (DatabaseOutage.causedBy(failure)) {
            LOG.warnf("Database unavailable for a respondent page: %s", failure.getClass().getSimpleName());
            return unavailable(503, texts.outage_title(), texts.outage_body(), headers, uri)
                    .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS).build();
        }
        String incident = Incidents.currentId();
        LOG.errorf(failure, "Respondent page failed (incident %s)", incident);
        return unavailable(500, texts.failure_title(), texts.failure_body(incident), headers, uri).build();
    }

    private static Response.ResponseBuilder unavailable(int status, String title, String message, HttpHeaders headers,
            UriInfo uri) {
        String language = languageOf(headers, uri);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header(HttpHeaders.CONTENT_LANGUAGE, language)
                .entity(inLanguage(Templates.unavailable(title, message, language), language));
    }

    /**
     * The language of a page in place of an error: the one asked for, else the browser's. The response's own
     * language is not known here (the error may be that there is none); Canvass has these texts in every language.
     */
    private static String languageOf(HttpHeaders headers, UriInfo uri) {
        return RespondentLanguage.forAnyPage(uri == null ? null : uri.getQueryParameters().getFirst("lang"),
                headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static TemplateInstance inLanguage(TemplateInstance page, String language) {
        return page.setLocale(RespondentLanguage.locale(language));
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
