package io.canvass.studio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.canvass.invitation.CreateInvitationsRequest;
import io.canvass.invitation.InvitationService;
import io.canvass.invitation.InvitationView;
import io.canvass.problem.RequestProblem;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionProblem;
import io.canvass.questionnaire.InvalidDefinitionException;
import io.canvass.questionnaire.LanguageNames;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.respondent.RespondentPreview;
import io.canvass.results.ResultsAudience;
import io.canvass.results.ResultsDocument;
import io.canvass.results.ResultsService;
import io.canvass.survey.DefinitionTooLargeException;
import io.canvass.survey.ExportedDefinition;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyCatalog;
import io.canvass.survey.SurveyLifecycle;
import io.canvass.survey.SurveyRole;
import io.canvass.survey.SurveySummary;
import io.canvass.survey.VersionInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the studio's pages show and do, over the same services as the REST API (so every change is
 * checked, locked and audited the same way): the surveys a researcher works on with their fieldwork,
 * new surveys from a template, checking a definition with its problems by line and its preview,
 * version diffs, and invitations.
 */
@ApplicationScoped
public class StudioService {

    static final String BLANK = "blank";
    private static final Pattern TOP_LEVEL_ID = Pattern.compile("(?m)^id:.*$");
    private static final Pattern TOP_LEVEL_TITLE = Pattern.compile("(?m)^title:.*(?:\\n[ \\t]+.*)*$");
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private final SurveyAccess access;
    private final SurveyCatalog catalog;
    private final SurveyLifecycle lifecycle;
    private final ResultsService results;
    private final InvitationService invitations;
    private final EntityManager entities;

    public StudioService(SurveyAccess access, SurveyCatalog catalog, SurveyLifecycle lifecycle, ResultsService results,
            InvitationService invitations, EntityManager entities) {
        this.access = access;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.results = results;
        this.invitations = invitations;
        this.entities = entities;
    }

    /** A survey in the studio's list, with its fieldwork at a glance (null where it has none yet). */
    public record SurveyRow(SurveySummary survey, Long completes, String incidence, String quotaFill, LocalDate lastComplete) {
    }

    /** One problem of a checked definition, with the line it is on when it can be found. */
    public record Problem(Integer line, String pointer, String message) {
    }

    /**
     * A checked definition: its problems, or the preview of each of its pages in {@code previewLanguage},
     * one of its {@code languages} (empty when it has problems).
     */
    public record Checked(String text, List<Problem> problems, List<String> previewPages, String title,
            List<PreviewLanguage> languages, String previewLanguage) {
        public boolean valid() {
            return problems.isEmpty();
        }

        static Checked refused(String text, List<Problem> problems) {
            return new Checked(text, problems, List.of(), null, List.of(), null);
        }
    }

    /** A language the preview can be drawn in, named in itself. */
    public record PreviewLanguage(String code, String name, boolean selected) {
    }

    /** Completes on one day, with the bar's share of the busiest day for the chart. */
    public record Day(LocalDate day, long completes, int percentOfBusiest) {
    }

    /** The fieldwork page: the funnel and quotas as the survey's researchers see them (exact), and completes per day. */
    public record Fieldwork(SurveySummary survey, ResultsDocument results, List<Day> days) {
    }

    public List<SurveyRow> surveys() {
        return catalog.list(access.surveysWith(SurveyRole.RESEARCHER)).stream().map(this::row).toList();
    }

    public List<SurveySummary> templates() {
        return catalog.list(access.surveysWith(SurveyRole.RESEARCHER));
    }

    public SurveySummary summary(String surveyId) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return catalog.list(java.util.Set.of(surveyId)).get(0);
    }

    /** A new draft survey: a copy of {@code template}'s latest text under a new id and title, or a blank one. */
    public VersionInfo create(String id, String title, String template, String actor) {
        String text;
        if (template == null || template.isBlank() || BLANK.equals(template)) {
            text = blank(id, title);
        } else {
            access.require(template, SurveyRole.RESEARCHER);
            text = renamed(lifecycle.export(template, null), id, title);
        }
        return lifecycle.create(text, DefinitionFormat.YAML, actor);
    }

    /** The latest version's text (the draft, when there is one), as written. */
    public ExportedDefinition latestText(String surveyId) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return lifecycle.export(surveyId, null);
    }

    /**
     * Checks a text without storing anything, previewing it in {@code language} when the definition offers it
     * (else in its default).
     */
    public Checked check(String text, String language) {
        try {
            SurveyDefinition definition = lifecycle.validate(text, DefinitionFormat.YAML);
            String previewed = definition.languageOr(language);
            List<PreviewLanguage> languages = definition.respondentLanguages().stream()
                    .map(code -> new PreviewLanguage(code, LanguageNames.of(code), code.equals(previewed))).toList();
            return new Checked(text, List.of(), RespondentPreview.pages(definition, previewed),
                    definition.title().in(previewed), languages, previewed);
        } catch (InvalidDefinitionException invalid) {
            return Checked.refused(text, problems(text, invalid.problems()));
        } catch (DefinitionTooLargeException tooLarge) {
            return Checked.refused(text, List.of(new Problem(null, "/", tooLarge.detail())));
        }
    }

    /** Saves the text as the survey's draft, or answers its problems (nothing stored then); the lifecycle checks it once. */
    public Optional<Checked> save(String surveyId, String text, String actor) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        try {
            lifecycle.saveDraft(surveyId, text, DefinitionFormat.YAML, actor);
            return Optional.empty();
        } catch (InvalidDefinitionException invalid) {
            return Optional.of(Checked.refused(text, problems(text, invalid.problems())));
        } catch (DefinitionTooLargeException tooLarge) {
            return Optional.of(Checked.refused(text, List.of(new Problem(null, "/", tooLarge.detail()))));
        }
    }

    /** Publishes, closes or reopens, through the lifecycle the API uses (locked and audited); says what happened. */
    public String changeState(String surveyId, StudioResource.StateChange change, String actor) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return switch (change) {
            case PUBLISH -> "Version " + lifecycle.publish(surveyId, actor).version() + " is published: new respondents get it.";
            case CLOSE -> {
                lifecycle.close(surveyId, actor);
                yield "The survey is closed: no further responses are accepted.";
            }
            case REOPEN -> {
                lifecycle.reopen(surveyId, actor);
                yield "The survey is open again.";
            }
        };
    }

    public List<VersionInfo> versions(String surveyId) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return lifecycle.versions(surveyId);
    }

    public VersionDiff diff(String surveyId, int from, int to) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return VersionDiff.between(lifecycle.definitionForPreview(surveyId, from), lifecycle.definitionForPreview(surveyId, to));
    }

    public List<InvitationView> invitations(String surveyId, String actor) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        return invitations.list(surveyId, actor);
    }

    /** {@code count} anonymous invitations, or one per non-empty line of {@code labels} (a pasted column of a CSV). */
    public List<InvitationView> invite(String surveyId, Integer count, String labels, String actor) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        List<String> lines = labels == null ? List.of()
                : Arrays.stream(labels.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        CreateInvitationsRequest request = lines.isEmpty() ? new CreateInvitationsRequest(count, null)
                : new CreateInvitationsRequest(null, lines);
        return invitations.create(surveyId, request, actor);
    }

    public void revokeInvitation(String surveyId, String token, String actor) {
        access.require(surveyId, SurveyRole.RESEARCHER);
        invitations.revoke(surveyId, token, actor);
    }

    @Transactional
    public Fieldwork fieldwork(String surveyId) {
        access.requireAudited(surveyId, SurveyRole.RESEARCHER, "results.read", "studio fieldwork");
        SurveySummary survey = catalog.list(java.util.Set.of(surveyId)).get(0);
        ResultsDocument document = resultsOrNull(surveyId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("SELECT CAST(submitted_at AS DATE) AS completed_on, COUNT(*) FROM response "
                + "WHERE survey_id = ?1 AND status = 'COMPLETE' GROUP BY CAST(submitted_at AS DATE) ORDER BY 1")
                .setParameter(1, surveyId).getResultList();
        long busiest = rows.stream().mapToLong(row -> ((Number) row[1]).longValue()).max().orElse(1);
        List<Day> days = new ArrayList<>();
        for (Object[] row : rows) {
            long completes = ((Number) row[1]).longValue();
            days.add(new Day(toDate(row[0]), completes, (int) Math.max(1, Math.round(100.0 * completes / busiest))));
        }
        return new Fieldwork(survey, document, days);
    }

    private SurveyRow row(SurveySummary survey) {
        ResultsDocument document = resultsOrNull(survey.id());
        if (document == null) {
            return new SurveyRow(survey, null, null, null, null);
        }
        long complete = document.counts().complete();
        long screened = document.counts().screenedOut();
        String incidence = complete + screened == 0 ? "–" : Math.round(100.0 * complete / (complete + screened)) + " %";
        long capped = document.quotas().stream().flatMap(q -> q.cells().stream()).mapToLong(c -> c.cap()).sum();
        long filled = document.quotas().stream().flatMap(q -> q.cells().stream()).mapToLong(c -> Math.min(c.cap(), c.filled())).sum();
        String quotaFill = capped == 0 ? "no quota" : filled + " of " + capped;
        return new SurveyRow(survey, complete, incidence, quotaFill, lastComplete(survey.id()));
    }

    private LocalDate lastComplete(String surveyId) {
        Object last = entities.createNativeQuery("SELECT MAX(CAST(submitted_at AS DATE)) FROM response WHERE survey_id = ?1 "
                + "AND status = 'COMPLETE'").setParameter(1, surveyId).getSingleResult();
        return last == null ? null : toDate(last);
    }

    private ResultsDocument resultsOrNull(String surveyId) {
        try {
            return results.results(surveyId, List.of(), ResultsAudience.RESEARCHER);
        } catch (RequestProblem notPublishedOrUnusable) {
            return null;
        }
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    private static List<Problem> problems(String text, List<DefinitionProblem> problems) {
        DefinitionLines lines = DefinitionLines.of(text);
        return problems.stream().map(p -> {
            OptionalInt line = lines.lineOf(p.pointer(), p.message());
            return new Problem(line.isPresent() ? line.getAsInt() : null, p.pointer().isEmpty() ? "/" : p.pointer(), p.message());
        }).sorted(Comparator.comparing(Problem::line, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }

    /** The new title as the template writes texts: a string, or the same text in each of its languages to translate later. */
    private static String titleIn(String text, String title) {
        List<String> languages = new java.util.ArrayList<>();
        try {
            YAML.readTree(text).path("languages").forEach(language -> languages.add(language.asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            // The check that follows reports what is wrong with the text.
        }
        if (languages.size() < 2) {
            return quoted(title);
        }
        return languages.stream().map(language -> language + ": " + quoted(title))
                .collect(java.util.stream.Collectors.joining(", ", "{ ", " }"));
    }

    static String blank(String id, String title) {
        return "# A new survey: pages of questions. Check shows every problem by line; Save stores a draft.\n"
                + "id: " + id + "\n"
                + "title: " + quoted(title) + "\n"
                + "pages:\n"
                + "  - id: first\n"
                + "    title: First page\n"
                + "    questions:\n"
                + "      - id: q1\n"
                + "        type: single\n"
                + "        text: Your first question\n"
                + "        options:\n"
                + "          - { code: \"yes\", label: \"Yes\" }\n"
                + "          - { code: \"no\", label: \"No\" }\n";
    }

    /** The template's text under the new id and title; YAML keeps its comments and layout. */
    static String renamed(ExportedDefinition template, String id, String title) {
        String text = template.text();
        Matcher idLine = TOP_LEVEL_ID.matcher(text);
        if (template.format() == DefinitionFormat.YAML && idLine.find()) {
            text = idLine.replaceFirst(Matcher.quoteReplacement("id: " + id));
            Matcher titleLine = TOP_LEVEL_TITLE.matcher(text);
            return titleLine.find() ? titleLine.replaceFirst(Matcher.quoteReplacement("title: " + titleIn(text, title))) : text;
        }
        try {
            ObjectNode tree = (ObjectNode) YAML.readTree(text);
            tree.put("id", id);
            tree.put("title", title);
            tree.remove("version");
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", " ") + "\"";
    }
}
