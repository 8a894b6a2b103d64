package io.canvass.survey;

import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.screening.QuotaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The surveys this service hosts and their versions. Published versions never change, so their
 * parsed definitions are cached for good; a survey's state is read from the database each time,
 * so every replica sees a close at once.
 */
@ApplicationScoped
public class SurveyCatalog {

    private final SurveyRepository surveys;
    private final SurveyVersionRepository versions;
    private final QuotaService quotas;
    private final Map<SurveyVersion.Key, SurveyDefinition> publishedDefinitions = new ConcurrentHashMap<>();
    private final Map<SurveyVersion.Key, String> publishedJson = new ConcurrentHashMap<>();

    public SurveyCatalog(SurveyRepository surveys, SurveyVersionRepository versions, QuotaService quotas) {
        this.surveys = surveys;
        this.versions = versions;
        this.quotas = quotas;
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
        version.title = definition.title();
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
        return surveys.listInIdOrder().stream()
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
        return new PublishedSurvey(survey.id, survey.currentVersion, survey.status,
                publishedDefinition(survey.id, survey.currentVersion));
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
        return new PublishedSurvey(survey.id, survey.currentVersion, survey.status,
                publishedDefinition(survey.id, survey.currentVersion));
    }

    /** The canonical JSON of the definition new respondents get, as GET /api/surveys/{id} serves it. */
    @Transactional
    public String publishedJson(String surveyId) {
        PublishedSurvey survey = published(surveyId);
        return publishedJson.computeIfAbsent(new SurveyVersion.Key(survey.id(), survey.version()),
                key -> DefinitionParser.toJson(survey.definition()));
    }

    /** A published version's definition, as stored responses of that version were answered. */
    public SurveyDefinition publishedDefinition(String surveyId, int version) {
        SurveyVersion.Key key = new SurveyVersion.Key(surveyId, version);
        SurveyDefinition cached = publishedDefinitions.get(key);
        if (cached != null) {
            return cached;
        }
        SurveyVersion stored = versions.find(surveyId, version)
                .filter(v -> v.published)
                .orElseThrow(() -> new SurveyNotFoundException(surveyId));
        SurveyDefinition definition = DefinitionParser.fromCanonicalJson(stored.definitionJson);
        publishedDefinitions.put(key, definition);
        return definition;
    }
}
