package io.canvass.studio;

import io.canvass.access.Roles;
import io.canvass.access.StaffPages;
import io.canvass.invitation.InvitationCsv;
import io.canvass.invitation.InvitationView;
import io.canvass.problem.RequestProblem;
import io.canvass.survey.ExportedDefinition;
import io.canvass.survey.GrantRequest;
import io.canvass.survey.GrantView;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyGrants;
import io.canvass.survey.SurveySummary;
import io.canvass.survey.VersionInfo;
import io.canvass.csv.SafeCsv;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The researchers' studio: server-rendered pages over the same services as the REST API, signed in
 * with the dashboard's cookie, every form a plain POST with the CSRF field (no script needed).
 * Each change answers a 303 back to a page (post/redirect/get), so reloading never repeats it.
 */
@Path("/studio")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@Blocking
public class StudioResource {

    private final StudioService studio;
    private final SurveyAccess access;
    private final SurveyGrants grants;
    private final Validator validator;
    private final SecurityIdentity identity;

    public StudioResource(StudioService studio, SurveyAccess access, SurveyGrants grants, Validator validator,
            SecurityIdentity identity) {
        this.studio = studio;
        this.access = access;
        this.grants = grants;
        this.validator = validator;
        this.identity = identity;
    }

    /** The three actions that change a survey's state, each behind a page that says what it does to responses. */
    enum StateChange {
        PUBLISH("Publish the draft", "New respondents get this version from now on. Responses already stored keep the version "
                + "they were given; a respondent part-way through goes on with theirs."),
        CLOSE("Close the survey", "No further responses are accepted: the survey's link shows that it has closed, and "
                + "respondents part-way through cannot finish. Stored responses and results stay."),
        REOPEN("Reopen the survey", "Responses are accepted again, and resume links work again for respondents who "
                + "had started.");

        final String title;
        final String consequence;

        StateChange(String title, String consequence) {
            this.title = title;
            this.consequence = consequence;
        }

        public String title() {
            return title;
        }

        public String consequence() {
            return consequence;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance surveys(List<StudioService.SurveyRow> surveys, String signedInAs, String notice);

        static native TemplateInstance create(List<SurveySummary> templates, String id, String title, String template,
                List<String> errors);

        static native TemplateInstance survey(SurveySummary survey, List<VersionInfo> versions, VersionDiff diff,
                String notice);

        static native TemplateInstance edit(SurveySummary survey, int version, String text, StudioService.Checked checked,
                String notice);

        static native TemplateInstance confirm(SurveySummary survey, StateChange change);

        static native TemplateInstance invitations(SurveySummary survey, List<InvitationView> invitations, String notice,
                String error);

        static native TemplateInstance access(SurveySummary survey, List<GrantView> grants, String notice, String error);

        static native TemplateInstance fieldwork(StudioService.Fieldwork fieldwork);

        static native TemplateInstance refused(String title, String message);
    }

    @GET
    @Operation(hidden = true)
    public Response surveys(@Context UriInfo uri, @QueryParam("notice") String notice) {
        return refusal(uri).orElseGet(() -> ok(Templates.surveys(studio.surveys(), actor(), notice)));
    }

    @GET
    @Path("/new")
    @Operation(hidden = true)
    public Response newSurvey(@Context UriInfo uri) {
        return refusal(uri).orElseGet(() -> ok(Templates.create(studio.templates(), "", "", StudioService.BLANK, List.of())));
    }

    @POST
    @Path("/new")
    @Operation(hidden = true)
    public Response create(@Context UriInfo uri, @RestForm String id, @RestForm String title, @RestForm String template) {
        return refusal(uri).orElseGet(() -> {
            String newId = id == null ? "" : id.strip();
            String newTitle = title == null ? "" : title.strip();
            List<String> errors = new java.util.ArrayList<>();
            if (newId.isEmpty()) {
                errors.add("Enter an id for the survey: lower-case letters, digits and dashes, as in its address.");
            }
            if (newTitle.isEmpty()) {
                errors.add("Enter a title: respondents see it on every page.");
            }
            if (errors.isEmpty()) {
                try {
                    VersionInfo created = studio.create(newId, newTitle, template, actor());
                    return seeOther("/studio/" + created.surveyId() + "/edit", "Created as a draft, version 1.");
                } catch (RequestProblem problem) {
                    errors.add(problem.violations().isEmpty() ? problem.detail()
                            : problem.violations().stream().map(v -> v.message()).collect(Collectors.joining("; ")));
                }
            }
            return Response.status(422).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.create(studio.templates(), newId, newTitle, template, errors)).build();
        });
    }

    @GET
    @Path("/{surveyId}")
    @Operation(hidden = true)
    public Response survey(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @QueryParam("from") Integer from,
            @QueryParam("to") Integer to, @QueryParam("notice") String notice) {
        return refusal(uri).orElseGet(() -> {
            SurveySummary survey = studio.summary(surveyId);
            List<VersionInfo> versions = studio.versions(surveyId);
            VersionDiff diff = from != null && to != null ? studio.diff(surveyId, from, to) : null;
            return ok(Templates.survey(survey, versions, diff, notice));
        });
    }

    @GET
    @Path("/{surveyId}/edit")
    @Operation(hidden = true)
    public Response edit(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @QueryParam("notice") String notice,
            @QueryParam("lang") String previewLanguage) {
        return refusal(uri).orElseGet(() -> {
            SurveySummary survey = studio.summary(surveyId);
            ExportedDefinition latest = studio.latestText(surveyId);
            return ok(Templates.edit(survey, latest.version(), latest.text(), studio.check(latest.text(), previewLanguage),
                    notice));
        });
    }

    @POST
    @Path("/{surveyId}/edit")
    @Operation(hidden = true)
    public Response check(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @RestForm String text,
            @RestForm String action, @RestForm String previewLanguage) {
        return refusal(uri).orElseGet(() -> {
            SurveySummary survey = studio.summary(surveyId);
            String definition = text == null ? "" : text;
            int version = studio.latestText(surveyId).version();
            if ("save".equals(action)) {
                Optional<StudioService.Checked> problems = studio.save(surveyId, definition, actor());
                if (problems.isEmpty()) {
                    return seeOther("/studio/" + surveyId + "/edit", "Saved as a draft. Publish it from the survey's page.");
                }
                return Response.status(422).type(MediaType.TEXT_HTML_TYPE)
                        .entity(Templates.edit(survey, version, definition, problems.get(), "Not saved: fix the problems first."))
                        .build();
            }
            StudioService.Checked checked = studio.check(definition, previewLanguage);
            return Response.status(checked.valid() ? 200 : 422).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.edit(survey, version, definition, checked, null)).build();
        });
    }

    @GET
    @Path("/{surveyId}/{change:publish|close|reopen}")
    @Operation(hidden = true)
    public Response confirm(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @PathParam("change") String change) {
        return refusal(uri).orElseGet(() -> ok(Templates.confirm(studio.summary(surveyId), stateChange(change))));
    }

    @POST
    @Path("/{surveyId}/{change:publish|close|reopen}")
    @Operation(hidden = true)
    public Response changeState(@Context UriInfo uri, @PathParam("surveyId") String surveyId,
            @PathParam("change") String change) {
        return refusal(uri).orElseGet(() -> {
            String notice = studio.changeState(surveyId, stateChange(change), actor());
            return seeOther("/studio/" + surveyId, notice);
        });
    }

    @GET
    @Path("/{surveyId}/invitations")
    @Operation(hidden = true)
    public Response invitations(@Context UriInfo uri, @PathParam("surveyId") String surveyId,
            @QueryParam("notice") String notice) {
        return refusal(uri).orElseGet(() -> ok(Templates.invitations(studio.summary(surveyId),
                studio.invitations(surveyId, actor()), notice, null)));
    }

    @POST
    @Path("/{surveyId}/invitations")
    @Operation(hidden = true)
    public Response invite(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @RestForm String count,
            @RestForm String labels) {
        return refusal(uri).orElseGet(() -> {
            try {
                Integer number = count == null || count.isBlank() ? null : Integer.valueOf(count.strip());
                if (number == null && (labels == null || labels.isBlank())) {
                    throw new NumberFormatException();
                }
                List<InvitationView> made = studio.invite(surveyId, number, labels, actor());
                return seeOther("/studio/" + surveyId + "/invitations", made.size() + " invitation(s) made.");
            } catch (NumberFormatException notANumber) {
                return invitationError(surveyId, "Enter how many invitations to make (a whole number), or paste one label per line.");
            } catch (RequestProblem problem) {
                return invitationError(surveyId, problem.detail());
            }
        });
    }

    @GET
    @Path("/{surveyId}/invitations.csv")
    @Produces(SafeCsv.MEDIA_TYPE)
    @Operation(hidden = true)
    public Response invitationsCsv(@Context UriInfo uri, @PathParam("surveyId") String surveyId) {
        return refusal(uri).orElseGet(() -> Response.ok(InvitationCsv.of(studio.invitations(surveyId, actor())))
                .type(SafeCsv.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + surveyId + "-invitations.csv\"").build());
    }

    @POST
    @Path("/{surveyId}/invitations/revoke")
    @Operation(hidden = true)
    public Response revokeInvitation(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @RestForm String token) {
        return refusal(uri).orElseGet(() -> {
            try {
                studio.revokeInvitation(surveyId, token == null ? "" : token, actor());
                return seeOther("/studio/" + surveyId + "/invitations", "Invitation revoked: its link no longer works.");
            } catch (RequestProblem problem) {
                if (problem.status() == 404 && problem.type() == io.canvass.problem.ProblemType.SURVEY_NOT_FOUND) {
                    throw problem;
                }
                return invitationError(surveyId, problem.detail());
            }
        });
    }

    @GET
    @Path("/{surveyId}/access")
    @Operation(hidden = true)
    public Response access(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @QueryParam("notice") String notice) {
        return refusal(uri).orElseGet(() -> accessPage(surveyId, 200, notice, null));
    }

    @POST
    @Path("/{surveyId}/access")
    @Operation(hidden = true)
    public Response grant(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @RestForm String subject,
            @RestForm String role) {
        return refusal(uri).orElseGet(() -> {
            GrantRequest request = new GrantRequest(subject == null ? null : subject.strip(), role);
            Set<ConstraintViolation<GrantRequest>> invalid = validator.validate(request);
            if (!invalid.isEmpty()) {
                return accessPage(surveyId, 422, null, invalid.stream()
                        .map(v -> (v.getPropertyPath().toString().equals("subject") ? "Who: " : "Role: ") + v.getMessage())
                        .sorted().collect(Collectors.joining("; ")));
            }
            String manager = access.requireGrantManager(surveyId);
            grants.grant(surveyId, request, manager);
            return seeOther("/studio/" + surveyId + "/access", request.subject() + " may now work on the survey as " + role + ".");
        });
    }

    @POST
    @Path("/{surveyId}/access/revoke")
    @Operation(hidden = true)
    public Response revokeGrant(@Context UriInfo uri, @PathParam("surveyId") String surveyId, @RestForm String subject) {
        return refusal(uri).orElseGet(() -> {
            String manager = access.requireGrantManager(surveyId);
            grants.revoke(surveyId, subject == null ? "" : subject, manager);
            return seeOther("/studio/" + surveyId + "/access", subject + " no longer has access.");
        });
    }

    @GET
    @Path("/{surveyId}/fieldwork")
    @Operation(hidden = true)
    public Response fieldwork(@Context UriInfo uri, @PathParam("surveyId") String surveyId) {
        return refusal(uri).orElseGet(() -> ok(Templates.fieldwork(studio.fieldwork(surveyId))));
    }

    /** Staff get pages, not problem documents. */
    @ServerExceptionMapper
    public Response politeError(RequestProblem problem) {
        if (problem.status() == 404) {
            return page(404, "Survey not found", "There is no survey at this address that you work on. "
                    + "Check the link, or choose a survey from the studio's list.");
        }
        return page(problem.status(), problem.title(), problem.detail());
    }

    private Response accessPage(String surveyId, int status, String notice, String error) {
        String manager = access.requireGrantManager(surveyId);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Templates.access(studio.summary(surveyId),
                grants.list(surveyId, manager), notice, error)).build();
    }

    private Response invitationError(String surveyId, String error) {
        return Response.status(422).type(MediaType.TEXT_HTML_TYPE).entity(Templates.invitations(studio.summary(surveyId),
                studio.invitations(surveyId, actor()), null, error)).build();
    }

    private Optional<Response> refusal(UriInfo uri) {
        Optional<Response> signIn = StaffPages.signInFirst(identity, uri);
        if (signIn.isPresent()) {
            return signIn;
        }
        if (!identity.hasRole(Roles.RESEARCHER)) {
            return Optional.of(page(403, "The studio is for researchers",
                    "You are signed in, but your access does not include designing surveys: it needs the researcher "
                            + "role. Results are on the dashboard."));
        }
        return Optional.empty();
    }

    private static StateChange stateChange(String change) {
        return StateChange.valueOf(change.toUpperCase(java.util.Locale.ROOT));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static Response ok(TemplateInstance page) {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE).build();
    }

    private static Response seeOther(String path, String notice) {
        return Response.seeOther(URI.create(path + "?notice=" + java.net.URLEncoder.encode(notice,
                java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    private static Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Templates.refused(title, message)).build();
    }
}
