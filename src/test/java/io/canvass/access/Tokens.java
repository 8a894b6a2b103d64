package io.canvass.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Staff tokens for tests, signed with the key pair the service created in the test data
 * directory, and every kind of bad token an attacker or a misconfigured client sends.
 */
public final class Tokens {

    /** The test profile's data directory (application.properties, %test). */
    public static final Path DATA_DIR = Path.of("target", "test-data");
    private static final String ISSUER = "urn:canvass";
    private static final String AUDIENCE = "canvass-api";

    private Tokens() {
    }

    public static String researcher() {
        return TokenMinter.mint(DATA_DIR, "rita.researcher@example.com", Set.of(Roles.RESEARCHER), Duration.ofMinutes(10));
    }

    public static String analyst() {
        return TokenMinter.mint(DATA_DIR, "anil.analyst@example.com", Set.of(Roles.ANALYST), Duration.ofMinutes(10));
    }

    /** An analyst with a subject of their own (for limits counted per subject). */
    public static String analyst(String subject) {
        return TokenMinter.mint(DATA_DIR, subject, Set.of(Roles.ANALYST), Duration.ofMinutes(10));
    }

    /** An analyst whose token runs out soon. */
    public static String analystExpiringIn(Duration lifetime) {
        return TokenMinter.mint(DATA_DIR, "brief.analyst@example.com", Set.of(Roles.ANALYST), lifetime);
    }

    /** A staff member by subject with these groups (roles and any other groups), for ten minutes. */
    public static String staff(String subject, String... groups) {
        return TokenMinter.mint(DATA_DIR, subject, Set.of(groups), Duration.ofMinutes(10));
    }

    /** Manages access to every survey, and has no data role. */
    public static String admin() {
        return staff("ada.admin@example.com", Roles.ADMIN);
    }

    /** Valid in every way, but with no Canvass role. */
    public static String noRole() {
        return sign(base("nobody@example.com").groups(Set.of("employee")), key());
    }

    /** Tokens that must never verify, by what is wrong with them. */
    public static Map<String, Callable<String>> unverifiable() {
        Map<String, Callable<String>> bad = new LinkedHashMap<>();
        bad.put("expired", Tokens::expired);
        bad.put("not yet valid", Tokens::notYetValid);
        bad.put("wrong issuer", Tokens::wrongIssuer);
        bad.put("wrong audience", Tokens::wrongAudience);
        bad.put("another key", Tokens::otherKey);
        bad.put("alg none", Tokens::algNone);
        bad.put("HS256 with the public key", Tokens::hs256WithThePublicKey);
        bad.put("garbage", () -> "not.a.jwt");
        return bad;
    }

    public static String expired() {
        return sign(Jwt.issuer(ISSUER).audience(AUDIENCE).subject("late@example.com").groups(Roles.RESEARCHER)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)), key());
    }

    public static String notYetValid() {
        return sign(base("early@example.com").claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond()), key());
    }

    public static String wrongIssuer() {
        return sign(Jwt.issuer("https://evil.example.com").audience(AUDIENCE).subject("x").groups(Roles.RESEARCHER)
                .expiresIn(600), key());
    }

    public static String wrongAudience() {
        return sign(Jwt.issuer(ISSUER).audience("another-api").subject("x").groups(Roles.RESEARCHER).expiresIn(600), key());
    }

    public static String otherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return sign(base("forger@example.com"), generator.generateKeyPair().getPrivate());
    }

    /** The classic: no signature at all. */
    public static String algNone() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + b64(claimsJson()) + ".";
    }

    /** HS256 keyed with the service's public key, hoping it verifies with that key as a shared secret. */
    public static String hs256WithThePublicKey() throws Exception {
        byte[] publicKey = Files.readAllBytes(SigningKeys.folder(DATA_DIR).resolve(SigningKeys.PUBLIC_KEY_FILE));
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String claimsJson() {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"mallory\",\"upn\":\"mallory\","
                + "\"groups\":[\"researcher\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder base(String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Roles.RESEARCHER).expiresIn(600);
    }

    private static String sign(io.smallrye.jwt.build.JwtClaimsBuilder claims, PrivateKey key) {
        return claims.sign(key);
    }

    private static PrivateKey key() {
        return SigningKeys.readPrivateKey(DATA_DIR);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
