package io.canvass.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.CanvassConfig;
import io.canvass.problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
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

/**
 * Takes a respondent's submission through the API: checks the survey is open, reads and
 * checks the answers, decides screening and quotas, stores it once, and replays the first
 * receipt for a retried Idempotency-Key, also when the retry races the original.
 */
@ApplicationScoped
public class SubmissionService {

    private static final Set<String> REQUEST_FIELDS = Set.of("answers", "invitation");
    private static final int REPLAY_WAIT_ATTEMPTS = 100;
    private static final long REPLAY_WAIT_MILLIS = 50;

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

    public SubmissionService(CanvassConfig config, ResponseStore store) {
        this.config = config;
        this.store = store;
    }

    public Submission submit(String surveyId, byte[] body, String idempotencyKey) {
        if (body.length > config.maxSubmissionBytes()) {
            throw new SubmissionTooLargeException(config.maxSubmissionBytes());
        }
        if (idempotencyKey != null && !isValidKey(idempotencyKey)) {
            throw IdempotencyKeyException.malformed();
        }
        ObjectNode request = readRequest(body);
        String invitation = request.hasNonNull("invitation") ? request.get("invitation").asText() : null;
        ObjectNode answers = (ObjectNode) request.get("answers");
        if (idempotencyKey == null) {
            return new Submission(SubmissionReceipt.of(store.store(surveyId, answers, null, invitation)), false);
        }
        ResponseStore.IdempotencyClaim claim = new ResponseStore.IdempotencyClaim(idempotencyKey, hash(request));
        Optional<Submission> earlier = replay(surveyId, claim);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return new Submission(SubmissionReceipt.of(store.store(surveyId, answers, claim, invitation)), false);
        } catch (PersistenceException lostRace) {
            return awaitReplay(surveyId, claim, lostRace);
        }
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

    /**
     * The same key was claimed by a request running at the same moment. Its transaction has
     * committed (PostgreSQL makes the loser wait for it) or is about to; wait for its receipt.
     */
    private Submission awaitReplay(String surveyId, ResponseStore.IdempotencyClaim claim, PersistenceException cause) {
        for (int attempt = 0; attempt < REPLAY_WAIT_ATTEMPTS; attempt++) {
            Optional<Submission> earlier = replay(surveyId, claim);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            try {
                Thread.sleep(REPLAY_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw cause;
    }

    private static ObjectNode readRequest(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedSubmissionException(e.getOriginalMessage());
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
