package io.canvass.export;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous response ids for anonymous exports: HMAC-SHA-256 of the stored id under a key kept
 * per survey in the database, cut to 128 bits (32 hex digits). The same response has the same
 * pseudonym in every export, so rows can be matched between downloads; without the key, which no
 * API shows, nobody can compute a pseudonym from an id or go back from one. Unlike the stored id
 * (which may one day encode time, as UUIDv7 does) a pseudonym says nothing about when.
 */
@ApplicationScoped
public class ResponsePseudonyms {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALGORITHM = "HmacSHA256";

    private final EntityManager entities;

    public ResponsePseudonyms(EntityManager entities) {
        this.entities = entities;
    }

    /** The survey's pseudonym function, for one export (it is not thread-safe); makes the survey's key on first use. */
    public UnaryOperator<String> forSurvey(String surveyId) {
        Mac mac = mac(HexFormat.of().parseHex(secretOf(surveyId)));
        return responseId -> pseudonym(mac, responseId);
    }

    /**
     * The survey's pseudonym function if it has a key (made by its first export), in the caller's
     * transaction; none otherwise: no export has shown a pseudonym of it yet.
     */
    public Optional<UnaryOperator<String>> ifExported(String surveyId) {
        String secret = read(surveyId);
        if (secret == null) {
            return Optional.empty();
        }
        Mac mac = mac(HexFormat.of().parseHex(secret));
        return Optional.of(responseId -> pseudonym(mac, responseId));
    }

    /** Whether a string has the form of a pseudonym (32 lower-case hex digits), which no stored id has. */
    public static boolean looksLikePseudonym(String id) {
        return id != null && id.length() == 32 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** The first 128 bits of the response id's HMAC, as 32 hex digits. */
    static String pseudonym(Mac mac, String responseId) {
        return HexFormat.of().formatHex(mac.doFinal(responseId.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private String secretOf(String surveyId) {
        String existing = QuarkusTransaction.requiringNew().call(() -> read(surveyId));
        if (existing != null) {
            return existing;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                PseudonymKey key = new PseudonymKey();
                key.surveyId = surveyId;
                key.secret = HexFormat.of().formatHex(randomBytes());
                key.createdAt = Instant.now();
                entities.persist(key);
                entities.flush();
                return key.secret;
            });
        } catch (PersistenceException | QuarkusTransactionException lostRace) {
            // Two exports of a new survey at once: the other one stored its key first; both use that.
            String stored = QuarkusTransaction.requiringNew().call(() -> read(surveyId));
            if (stored == null) {
                throw lostRace;
            }
            return stored;
        }
    }

    private String read(String surveyId) {
        PseudonymKey key = entities.find(PseudonymKey.class, surveyId);
        return key == null ? null : key.secret;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
