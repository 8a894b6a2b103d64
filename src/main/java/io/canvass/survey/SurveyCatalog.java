package io.canvass.survey;

import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.Access;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.DefinitionProblem;
import io.canvass.questionnaire.InvalidDefinitionException;
import io.canvass.questionnaire.RespondentView;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.screening.QuotaService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The surveys this service hosts and their versions. Published versions never change, so their
 * parsed definitions and compiled plans are cached for good; a survey's state is read from the
 * database each time, so every replica sees a close at once (submissions read the state last seen
 * open, and their writer checks it again where it stores them).
 *
 * <p>A published version is checked against this release's definition rules before it is compiled
 * (at start-up for every one, before the results index is built): one that an earlier release stored
 * and that no longer passes is unusable ({@link SurveyVersionUnusableException}, logged once), so no
 * hostile number stored long ago reaches the code that lists answer codes.
 */
@ApplicationScoped
public class SurveyCatalog {

    private static final Logger LOG = Logger.getLogger(SurveyCatalog.class);

    private final SurveyRepository surveys;
    private final SurveyVersionRepository versions;
    private final QuotaService quotas;
    private final InvitationGate invitations;
    private final Map<SurveyVersion.Key, SurveyPlan> publishedPlans = new ConcurrentHashMap<>();
    private final Map<SurveyVersion.Key, String> publishedJson = new ConcurrentHashMap<>();
    /** Published versions as stored, unchecked: what they say about themselves, never their answer codes. */
    private final Map<SurveyVersion.Key, SurveyDefinition> storedDefinitions = new ConcurrentHashMap<>();
    /** Published versions that break a rule of this release, with the problems; checked once per version. */
    private final Map<SurveyVersion.Key, List<DefinitionProblem>> verdicts = new ConcurrentHashMap<>();
    /** Surveys last seen open, for submissions; whoever stores a response checks the state again in its transaction. */
    private final Map<String, PublishedSurvey> lastSeenOpen = new ConcurrentHashMap<>();

    public SurveyCatalog(SurveyRepository surveys, SurveyVersionRepository versions, QuotaService quotas,
            InvitationGate invitations) {
        this.surveys = surveys;
        this.versions = versions;
        this.quotas = quotas;
        this.invitations = invitations;
    }

    /**
     * Checks every stored published version against this release's rules before anything reads one (the
     * results index replays responses at the next priority): each that fails is logged once, at WARN.
     */
    void checkStoredVersions(@Observes @Priority(1000) StartupEvent event) {
        List<SurveyVersion> published = QuarkusTransaction.requiringNew()
                .call(() -> versions.list("published = true order by surveyId, version"));
        long unusable = published.stream()
                .filter(version -> !verdict(new SurveyVersion.Key(version.surveyId, version.version), version.definitionJson).isEmpty())
                .count();
        if (unusable > 0) {
            LOG.warnf("%d of %d published survey versions break this release's definition rules and are unusable",
                    unusable, published.size());
        }
    }

    /**
     * Imports and publishes a definition unless its id and version are stored already: the
     * database is authoritative once a version is in it. Returns whether anything was stored.
     */
    @Transactional
    public boolean importPublished(SurveyDefinition definition, String sourceText, DefinitionFormat format) {
        if (versions.find(definition.id(), definition.version()).isPresent()) {
            return false;
        }
        Instant now = Instant.now();
        Survey survey = surveys.findById(definition.id());
        if (survey == null) {
            survey = new Survey();
            survey.id = definition.id();
            survey.status = SurveyStatus.OPEN;
            survey.createdAt = now;
            survey.updatedAt = now;
            surveys.persist(survey);
        }
        SurveyVersion version = new SurveyVersion();
        version.surveyId = definition.id();
        version.version = definition.version();
        version.title = definition.title().defaultText();
        version.definitionJson = DefinitionParser.toJson(definition);
        version.sourceText = sourceText;
        version.sourceFormat = format;
        version.createdAt = now;
        version.published = true;
        version.publishedAt = now;
        versions.persist(version);
        if (survey.currentVersion == null || survey.currentVersion < definition.version()) {
            survey.currentVersion = definition.version();
            quotas.prepareCounters(definition);
        }
        survey.updatedAt = now;
        return true;
    }

    /** Whether a version of a survey is stored (published or not). */
    @Transactional
    public boolean hasVersion(String surveyId, int version) {
        return versions.find(surveyId, version).isPresent();
    }

    @Transactional
    public List<SurveySummary> list() {
        return list(null);
    }

    /** The surveys with these ids ({@code null}: every survey), in id order. */
    @Transactional
    public List<SurveySummary> list(Set<String> ids) {
        return surveys.listInIdOrder().stream()
                .filter(survey -> ids == null || ids.contains(survey.id))
                .map(survey -> {
                    int version = survey.currentVersion != null ? survey.currentVersion
                            : versions.latest(survey.id).map(v -> v.version).orElse(0);
                    String title = versions.find(survey.id, version).map(v -> v.title).orElse(survey.id);
                    return new SurveySummary(survey.id, title, version, survey.status);
                })
                .toList();
    }

    /** The survey with the definition new respondents get. */
    @Transactional
    public PublishedSurvey published(String surveyId) {
        Survey survey = surveys.findById(surveyId);
        if (survey == null || survey.currentVersion == null) {
            throw new SurveyNotFoundException(surveyId);
        }
        SurveyPlan plan = publishedPlan(survey.id, survey.currentVersion);
        return new PublishedSurvey(survey.id, survey.currentVersion, survey.status, plan.definition(), plan);
    }

    /** {@link SurveyNotFoundException} unless the survey has a published version (usable or not). */
    @Transactional
    public void requirePublished(String surveyId) {
        Survey survey = surveys.findById(surveyId);
        if (survey == null || survey.currentVersion == null) {
            throw new SurveyNotFoundException(surveyId);
        }
    }

    /** Like {@link #published} but only while the survey takes responses: a draft or closed one is a conflict. */
    @Transactional
    public PublishedSurvey openForResponses(String surveyId) {
        Survey survey = surveys.findById(surveyId);
        if (survey == null) {
            throw new SurveyNotFoundException(surveyId);
        }
        if (survey.status != SurveyStatus.OPEN || survey.currentVersion == null) {
            throw new SurveyNotOpenException(surveyId, survey.status);
        }
        SurveyPlan plan = publishedPlan(survey.id, survey.currentVersion);
        return new PublishedSurvey(survey.id, survey.currentVersion, survey.status, plan.definition(), plan);
    }

    /**
     * Like {@link #openForResponses}, from memory once the survey was seen open here: a submission reads
     * nothing before its write. The state may be stale (closed or republished on any replica), so the
     * writer checks it again in the transaction that stores the response and calls {@link #forgetState}
     * when it differs. A survey not open is read afresh each time, so a reopening counts at once.
     */
    public PublishedSurvey lastSeenOpen(String surveyId) {
        PublishedSurvey seen = lastSeenOpen.get(surveyId);
        if (seen != null) {
            return seen;
        }
        PublishedSurvey open = QuarkusTransaction.joiningExisting().call(() -> openForResponses(surveyId));
        lastSeenOpen.put(surveyId, open);
        return open;
    }

    /** The survey's state changed since {@link #lastSeenOpen} read it: read it afresh next time. */
    public void forgetState(String surveyId) {
        lastSeenOpen.remove(surveyId);
    }

    /**
     * The public view of the definition new respondents get, as GET /api/surveys/{id} serves it: no screener
     * flags or quotas ({@link RespondentView}). An invitation-only survey shows it only with one of its usable
     * invitation tokens: without one, the same 403 as a submission without one.
     */
    @Transactional
    public String publishedJson(String surveyId, String invitation) {
        PublishedSurvey survey = published(surveyId);
        if (survey.definition().access() == Access.INVITATION) {
            invitations.requireUsable(surveyId, invitation);
        }
        return publishedJson.computeIfAbsent(new SurveyVersion.Key(survey.id(), survey.version()),
                key -> RespondentView.json(survey.definition()));
    }

    /**
     * A published version's definition, as stored responses of that version were answered;
     * {@link SurveyVersionUnusableException} when it breaks a rule of this release.
     */
    public SurveyDefinition publishedDefinition(String surveyId, int version) {
        return publishedPlan(surveyId, version).definition();
    }

    /** Like {@link #publishedDefinition}, but empty for an unusable version (whose responses count nowhere). */
    public Optional<SurveyDefinition> usableDefinition(String surveyId, int version) {
        try {
            return Optional.of(publishedDefinition(surveyId, version));
        } catch (SurveyVersionUnusableException unusable) {
            return Optional.empty();
        }
    }

    /**
     * A published version as stored, usable or not, for what it says about itself: anonymity, grants, the
     * minimum group size, which questions hold personal data. Never for its answer codes or a plan.
     */
    public SurveyDefinition storedDefinition(String surveyId, int version) {
        SurveyVersion.Key key = new SurveyVersion.Key(surveyId, version);
        SurveyDefinition cached = storedDefinitions.get(key);
        if (cached != null) {
            return cached;
        }
        SurveyDefinition stored;
        try {
            stored = DefinitionParser.fromCanonicalJson(storedVersion(surveyId, version).definitionJson);
        } catch (IllegalStateException unreadable) {
            throw new SurveyVersionUnusableException(surveyId, version);
        }
        SurveyDefinition raced = storedDefinitions.putIfAbsent(key, stored);
        return raced != null ? raced : stored;
    }

    /** A published version's definition compiled for interviewing, built once per version. */
    public SurveyPlan publishedPlan(String surveyId, int version) {
        SurveyVersion.Key key = new SurveyVersion.Key(surveyId, version);
        SurveyPlan cached = publishedPlans.get(key);
        if (cached != null) {
            return cached;
        }
        SurveyVersion stored = storedVersion(surveyId, version);
        if (!verdict(key, stored.definitionJson).isEmpty()) {
            throw new SurveyVersionUnusableException(surveyId, version);
        }
        // Kept here, the plan keeps its definition, so every caller shares one parse and one compile.
        SurveyPlan plan = SurveyPlan.of(DefinitionParser.fromCanonicalJson(stored.definitionJson));
        SurveyPlan raced = publishedPlans.putIfAbsent(key, plan);
        return raced != null ? raced : plan;
    }

    private SurveyVersion storedVersion(String surveyId, int version) {
        return versions.find(surveyId, version)
                .filter(v -> v.published)
                .orElseThrow(() -> new SurveyNotFoundException(surveyId));
    }

    /** The problems of a stored published version under this release's rules (none: usable); logged when first found. */
    private List<DefinitionProblem> verdict(SurveyVersion.Key key, String definitionJson) {
        return verdicts.computeIfAbsent(key, unchecked -> {
            try {
                DefinitionParser.fromStoredJson(definitionJson, key.surveyId + " version " + key.version);
                return List.of();
            } catch (InvalidDefinitionException refused) {
                // Problems name pointers and rules, never answers.
                LOG.warnf("Survey %s version %d breaks this release's definition rules, so it is unusable: it takes no "
                        + "responses, its responses are left out of results, and its results answer 409 until a corrected "
                        + "version is published. Problems: %s", key.surveyId, key.version,
                        refused.problems().stream().map(DefinitionProblem::toString).collect(Collectors.joining("; ")));
                return List.copyOf(refused.problems());
            }
        });
    }
}
