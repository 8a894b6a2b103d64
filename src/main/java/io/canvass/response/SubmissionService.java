package io.canvass.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.CanvassConfig;
import io.canvass.interview.Interview;
import io.canvass.interview.QualitySignals;
import io.canvass.interview.QuotaCell;
import io.canvass.invitation.InvitationNotValidException;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Access;
import io.canvass.questionnaire.Question;
import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyCatalog;
import io.canvass.survey.SurveyNotOpenException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes a respondent's submission through the API: reads and checks the answers with the interview
 * engine against the survey as last seen open (screening, the quota cells it would take), then hands
 * it to the {@link ResponseWriter}, which decides what only the database can (the survey still open,
 * the key, the invitation, quota places) and stores it. A retried Idempotency-Key gets the first
 * receipt, also when the retry races the original.
 */
@ApplicationScoped
public class SubmissionService {

    /** How long the respondent took, as the client measured it: what the speeder rule judges (README "Data quality"). */
    private static final String DURATION = "durationSeconds";
    private static final String LANGUAGE = "language";
    private static final Set<String> REQUEST_FIELDS = Set.of("answers", "invitation", DURATION, LANGUAGE);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    static {
        // A submission is at most 64 KiB; deep nesting is never an honest answer.
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).build());
    }

    private final CanvassConfig config;
    private final ResponseStore store;
    private final SurveyCatalog catalog;
    private final AnswerValidator validator;
    private final ResponseWriter writer;
    private final QualityCheck quality;

    public SubmissionService(CanvassConfig config, ResponseStore store, SurveyCatalog catalog, AnswerValidator validator,
            ResponseWriter writer, QualityCheck quality) {
        this.config = config;
        this.store = store;
        this.catalog = catalog;
        this.validator = validator;
        this.writer = writer;
        this.quality = quality;
    }

    /**
     * Checks the submission here, on the caller's thread, and hands it to the writer; the stage
     * completes once it is stored. Refusals the request itself shows (malformed, invalid answers)
     * are thrown at once; those only the database can decide complete the stage exceptionally.
     */
    public CompletionStage<Submission> submit(String surveyId, byte[] body, String idempotencyKey) {
        if (body.length > config.maxSubmissionBytes()) {
            throw new SubmissionTooLargeException(config.maxSubmissionBytes());
        }
        if (idempotencyKey != null && !isValidKey(idempotencyKey)) {
            throw IdempotencyKeyException.malformed();
        }
        ObjectNode request = readRequest(body);
        String requestHash = idempotencyKey == null ? null : hash(request);
        CompletableFuture<Submission> outcome = new CompletableFuture<>();
        write(surveyId, request, idempotencyKey, requestHash, outcome, true);
        return outcome;
    }

    private void write(String surveyId, ObjectNode request, String idempotencyKey, String requestHash,
            CompletableFuture<Submission> outcome, boolean firstTry) {
        PendingResponse pending;
        try {
            pending = checkAgainstCurrentVersion(surveyId, request, idempotencyKey, requestHash);
        } catch (RequestProblem refused) {
            // A retry of a stored request keeps its receipt even if the survey has closed or changed since.
            Optional<Submission> earlier = idempotencyKey == null ? Optional.empty()
                    : replay(surveyId, new ResponseStore.IdempotencyClaim(idempotencyKey, requestHash));
            if (earlier.isEmpty()) {
                throw refused;
            }
            outcome.complete(earlier.get());
            return;
        }
        writer.write(pending).whenComplete((submission, failure) -> {
            if (failure == null) {
                outcome.complete(submission);
                return;
            }
            if (failure instanceof SurveyNotOpenException || failure instanceof GroupTransaction.SurveyVersionChanged) {
                catalog.forgetState(surveyId);
            }
            if (failure instanceof GroupTransaction.SurveyVersionChanged && firstTry) {
                // Checked against a version another replica has replaced: check again against the new one.
                retryOnWorker(surveyId, request, idempotencyKey, requestHash, outcome);
                return;
            }
            outcome.completeExceptionally(failure);
        });
    }

    private void retryOnWorker(String surveyId, ObjectNode request, String idempotencyKey, String requestHash,
            CompletableFuture<Submission> outcome) {
        // Not on the writer's thread: checking may read the new version from the database.
        CompletableFuture.runAsync(() -> {
            try {
                write(surveyId, request, idempotencyKey, requestHash, outcome, false);
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
    }

    /**
     * Checks against the survey as last seen open; answers that fail there are checked once more
     * against its state read afresh, in case a new version (published on any replica) is what they answer.
     */
    private PendingResponse checkAgainstCurrentVersion(String surveyId, ObjectNode request, String idempotencyKey,
            String requestHash) {
        PublishedSurvey seen = catalog.lastSeenOpen(surveyId);
        try {
            return check(seen, request, idempotencyKey, requestHash);
        } catch (RequestProblem refused) {
            catalog.forgetState(surveyId);
            PublishedSurvey current = catalog.lastSeenOpen(surveyId);
            if (current.version() == seen.version()) {
                throw refused;
            }
            return check(current, request, idempotencyKey, requestHash);
        }
    }

    private PendingResponse check(PublishedSurvey survey, ObjectNode request, String idempotencyKey, String requestHash) {
        String invitation = request.hasNonNull("invitation") ? request.get("invitation").asText() : null;
        CheckedAnswers checked = validator.check(survey.plan(), (ObjectNode) request.get("answers"));
        if (invitation == null && survey.definition().access() == Access.INVITATION) {
            throw new InvitationNotValidException();
        }
        ObjectNode answers = checked.answers().json();
        String screenedOutBy = checked.screenedOutBy().map(Question::id).orElse(null);
        List<QuotaCell> cells = screenedOutBy != null ? List.of() : Interview.quotaCells(survey.plan(), answers);
        Integer duration = request.hasNonNull(DURATION) ? request.get(DURATION).intValue() : null;
        String language = languageOf(survey, request);
        // Assessed here, as a complete would be stored; whether it is one (and a duplicate) the writer decides.
        QualityCheck.Assessment assessment = screenedOutBy != null ? null
                : quality.assess(survey.plan(), answers, duration, false);
        return new PendingResponse(survey.id(), survey.version(), survey.definition(), answers, screenedOutBy, cells,
                checked.personalData(), invitation, idempotencyKey, requestHash, duration, assessment, language);
    }

    /** The language the respondent answered in: one of the survey's, the default when the client names none. */
    private static String languageOf(PublishedSurvey survey, ObjectNode request) {
        if (!request.hasNonNull(LANGUAGE)) {
            return survey.definition().defaultLanguage();
        }
        String language = request.get(LANGUAGE).asText();
        if (!survey.definition().offers(language)) {
            throw new InvalidAnswersException(List.of(Violation.ofField(LANGUAGE, "/" + LANGUAGE, "unknown_code",
                    "'language' must be one of the survey's languages: "
                            + String.join(", ", survey.definition().respondentLanguages()) + ".")));
        }
        return language;
    }

    private Optional<Submission> replay(String surveyId, ResponseStore.IdempotencyClaim claim) {
        Optional<IdempotencyRecord> record = store.claimOf(surveyId, claim.key());
        if (record.isEmpty()) {
            return Optional.empty();
        }
        if (!record.get().requestHash.equals(claim.requestHash())) {
            throw IdempotencyKeyException.reused();
        }
        return store.replayOf(surveyId, claim.key()).map(r -> new Submission(SubmissionReceipt.of(r), true));
    }

    private static ObjectNode readRequest(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedSubmissionException(io.canvass.problem.UnreadableJson.describe(e));
        } catch (java.io.IOException e) {
            throw new MalformedSubmissionException("The body could not be read.");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedSubmissionException("The body is empty; send {\"answers\": {...}}.");
        }
        List<Violation> problems = new ArrayList<>();
        if (!tree.isObject()) {
            problems.add(Violation.ofField("answers", "", "wrong_type", "The body must be a JSON object {\"answers\": {...}}."));
            throw new InvalidAnswersException(problems);
        }
        for (Iterator<String> fields = tree.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!REQUEST_FIELDS.contains(field)) {
                problems.add(Violation.ofField(field, "/" + field.replace("~", "~0").replace("/", "~1"), "unknown_field",
                        "A submission has no field '" + (field.length() > 40 ? field.substring(0, 40) + "…" : field) + "'."));
            }
        }
        JsonNode invitation = tree.get("invitation");
        if (invitation != null && !invitation.isNull() && (!invitation.isTextual() || invitation.asText().length() > 64)) {
            problems.add(Violation.ofField("invitation", "/invitation", "wrong_type",
                    "'invitation' is the token from the invitation link (a string)."));
        }
        JsonNode duration = tree.get(DURATION);
        if (duration != null && !duration.isNull()) {
            if (!duration.isIntegralNumber()) {
                problems.add(Violation.ofField(DURATION, "/" + DURATION, "wrong_type",
                        "'durationSeconds' is how long the respondent took, in whole seconds (a number such as 840)."));
            } else if (!duration.canConvertToInt() || duration.intValue() < 0
                    || duration.intValue() > QualitySignals.MAX_DURATION_SECONDS) {
                problems.add(Violation.ofField(DURATION, "/" + DURATION, "out_of_range",
                        "'durationSeconds' must be from 0 to " + QualitySignals.MAX_DURATION_SECONDS + " (30 days)."));
            }
        }
        JsonNode language = tree.get(LANGUAGE);
        if (language != null && !language.isNull() && (!language.isTextual() || language.asText().length() > 35)) {
            problems.add(Violation.ofField(LANGUAGE, "/" + LANGUAGE, "wrong_type",
                    "'language' is the code of the language the respondent answered in (a string such as \"ja\")."));
        }
        JsonNode answers = tree.get("answers");
        if (answers == null || answers.isNull()) {
            problems.add(Violation.ofField("answers", "/answers", "required", "'answers' must be given."));
        } else if (!answers.isObject()) {
            problems.add(Violation.ofField("answers", "/answers", "wrong_type",
                    "'answers' must be an object keyed by question id."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidAnswersException(problems);
        }
        return (ObjectNode) tree;
    }

    private static boolean isValidKey(String key) {
        return !key.isEmpty() && key.length() <= 200 && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /** SHA-256 of the request with object keys sorted, so that a retry matches whatever its key order. */
    private static String hash(ObjectNode request) {
        try {
            Object canonical = JSON.convertValue(request, Object.class);
            byte[] bytes = JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
