package io.canvass.survey;

import io.canvass.audit.AuditLog;
import io.canvass.problem.ProblemType;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.DefinitionProblem;
import io.canvass.questionnaire.InvalidDefinitionException;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.screening.QuotaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What researchers do with a survey: draft it, validate it, publish it, close and reopen it.
 * A published version never changes; editing a live survey makes the next version a draft, and
 * publishing that draft moves new respondents to it while stored responses keep theirs.
 * Steps on one survey are serialised by a lock on its row, so two researchers cannot both publish.
 */
@ApplicationScoped
public class SurveyLifecycle {

    /** Definitions are small (the 2023 study is 20 KB); this bounds what a request may make us parse. */
    public static final int MAX_DEFINITION_BYTES = 512 * 1024;

    private final SurveyRepository surveys;
    private final SurveyVersionRepository versions;
    private final QuotaService quotas;
    private final AuditLog audit;
    private final SurveyAccess access;

    public SurveyLifecycle(SurveyRepository surveys, SurveyVersionRepository versions, QuotaService quotas, AuditLog audit,
            SurveyAccess access) {
        this.surveys = surveys;
        this.versions = versions;
        this.quotas = quotas;
        this.audit = audit;
        this.access = access;
    }

    /** Parses and checks a definition without storing anything. */
    public SurveyDefinition validate(String text, DefinitionFormat format) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_DEFINITION_BYTES) {
            throw new DefinitionTooLargeException(MAX_DEFINITION_BYTES);
        }
        return DefinitionParser.parse(text, format, "request");
    }

    /** A new survey, as a draft at version 1. */
    @Transactional
    public VersionInfo create(String text, DefinitionFormat format, String actor) {
        SurveyDefinition definition = validate(text, format);
        if (surveys.findById(definition.id()) != null) {
            throw new SurveyConflictException(ProblemType.SURVEY_EXISTS,
                    "Survey '" + definition.id() + "' exists; change it with PUT /api/surveys/" + definition.id() + "/draft.");
        }
        Instant now = Instant.now();
        Survey survey = new Survey();
        survey.id = definition.id();
        survey.status = SurveyStatus.DRAFT;
        survey.owner = actor;
        survey.createdAt = now;
        survey.updatedAt = now;
        surveys.persist(survey);
        SurveyVersion version = storeDraft(definition.withVersion(1), text, format, now);
        audit.record(actor, "survey.create", survey.id, "version " + version.version, null);
        return VersionInfo.of(version, null);
    }

    /** Creates the survey's next draft version, or replaces the draft it has. */
    @Transactional
    public VersionInfo saveDraft(String surveyId, String text, DefinitionFormat format, String actor) {
        SurveyDefinition definition = validate(text, format);
        if (!definition.id().equals(surveyId)) {
            throw new InvalidDefinitionException("request", List.of(new DefinitionProblem("/id",
                    "the definition's id '" + definition.id() + "' differs from the survey '" + surveyId + "' in the address")));
        }
        Survey survey = lock(surveyId);
        access.requireGrantsUnchangedOrManaged(surveyId, definition.grants());
        SurveyVersion latest = versions.latest(surveyId).orElseThrow();
        Instant now = Instant.now();
        SurveyVersion draft;
        if (latest.published) {
            draft = storeDraft(definition.withVersion(latest.version + 1), text, format, now);
        } else {
            draft = latest;
            fill(draft, definition.withVersion(latest.version), text, format);
            draft.createdAt = now;
        }
        survey.updatedAt = now;
        audit.record(actor, "survey.draft", surveyId, "version " + draft.version, null);
        return VersionInfo.of(draft, survey.currentVersion);
    }

    /** Publishes the latest draft; a survey still in draft opens with it. */
    @Transactional
    public VersionInfo publish(String surveyId, String actor) {
        Survey survey = lock(surveyId);
        SurveyVersion draft = versions.latest(surveyId).filter(v -> !v.published)
                .orElseThrow(() -> new SurveyConflictException(ProblemType.NOTHING_TO_PUBLISH,
                        "Survey '" + surveyId + "' has no draft version; save one with PUT /api/surveys/" + surveyId + "/draft."));
        Instant now = Instant.now();
        draft.published = true;
        draft.publishedAt = now;
        survey.currentVersion = draft.version;
        if (survey.status == SurveyStatus.DRAFT) {
            survey.status = SurveyStatus.OPEN;
        }
        survey.updatedAt = now;
        // Checked again: an earlier release may have stored a draft that this one's rules refuse (422, every problem).
        quotas.prepareCounters(DefinitionParser.fromStoredJson(draft.definitionJson, "the draft, version " + draft.version));
        audit.record(actor, "survey.publish", surveyId, "version " + draft.version, null);
        return VersionInfo.of(draft, survey.currentVersion);
    }

    @Transactional
    public SurveySummary close(String surveyId, String actor) {
        Survey survey = lock(surveyId);
        if (survey.status != SurveyStatus.OPEN) {
            throw new SurveyConflictException(ProblemType.SURVEY_NOT_OPEN,
                    "Survey '" + surveyId + "' is " + survey.status.code() + "; only an open survey can be closed.");
        }
        return changeStatus(survey, SurveyStatus.CLOSED, "survey.close", actor);
    }

    @Transactional
    public SurveySummary reopen(String surveyId, String actor) {
        Survey survey = lock(surveyId);
        if (survey.status != SurveyStatus.CLOSED) {
            throw new SurveyConflictException(ProblemType.SURVEY_NOT_CLOSED,
                    "Survey '" + surveyId + "' is " + survey.status.code() + "; only a closed survey can be reopened.");
        }
        return changeStatus(survey, SurveyStatus.OPEN, "survey.reopen", actor);
    }

    @Transactional
    public List<VersionInfo> versions(String surveyId) {
        Survey survey = find(surveyId);
        return versions.versionsOf(surveyId).stream().map(v -> VersionInfo.of(v, survey.currentVersion)).toList();
    }

    /** A version as written; without a version number, the latest. */
    @Transactional
    public ExportedDefinition export(String surveyId, Integer version) {
        SurveyVersion stored = versionOrLatest(surveyId, version);
        return new ExportedDefinition(surveyId, stored.version, stored.sourceText, stored.sourceFormat);
    }

    /** The definition a preview shows: a given version, or the latest (the draft being worked on). */
    @Transactional
    public SurveyDefinition definitionForPreview(String surveyId, Integer version) {
        SurveyVersion stored = versionOrLatest(surveyId, version);
        // Rendering lists every answer code: a version stored by an earlier release is checked again first (422).
        return DefinitionParser.fromStoredJson(stored.definitionJson, "version " + stored.version);
    }

    private SurveyVersion versionOrLatest(String surveyId, Integer version) {
        find(surveyId);
        return (version == null ? versions.latest(surveyId) : versions.find(surveyId, version))
                .orElseThrow(() -> new SurveyNotFoundException(surveyId + " version " + version));
    }

    private SurveySummary changeStatus(Survey survey, SurveyStatus status, String action, String actor) {
        survey.status = status;
        survey.updatedAt = Instant.now();
        audit.record(actor, action, survey.id, null, null);
        String title = versions.find(survey.id, survey.currentVersion).map(v -> v.title).orElse(survey.id);
        return new SurveySummary(survey.id, title, survey.currentVersion, survey.status);
    }

    private SurveyVersion storeDraft(SurveyDefinition definition, String text, DefinitionFormat format, Instant now) {
        SurveyVersion version = new SurveyVersion();
        version.surveyId = definition.id();
        version.version = definition.version();
        version.createdAt = now;
        version.published = false;
        fill(version, definition, text, format);
        versions.persist(version);
        return version;
    }

    private static void fill(SurveyVersion version, SurveyDefinition definition, String text, DefinitionFormat format) {
        version.title = definition.title().defaultText();
        version.definitionJson = DefinitionParser.toJson(definition);
        version.sourceText = text;
        version.sourceFormat = format;
    }

    private Survey find(String surveyId) {
        Survey survey = surveys.findById(surveyId);
        if (survey == null) {
            throw new SurveyNotFoundException(surveyId);
        }
        return survey;
    }

    private Survey lock(String surveyId) {
        Survey survey = surveys.findById(surveyId, LockModeType.PESSIMISTIC_WRITE);
        if (survey == null) {
            throw new SurveyNotFoundException(surveyId);
        }
        return survey;
    }
}
