package io.canvass.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Signing in to the dashboard with a pasted staff token, and out again. */
@QuarkusTest
class LoginTest {

    private static String tokenWithRoles(String... roles) {
        return Jwt.issuer("urn:canvass").audience("canvass-api").subject("someone@example.com").upn("someone@example.com")
                .groups(Set.of(roles)).expiresIn(600).sign(SigningKeys.readPrivateKey(Tokens.DATA_DIR));
    }

    /** Claims a researcher, says RS256, carries no signature. */
    private static String unsigned() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"urn:canvass\",\"aud\":\"canvass-api\",\"sub\":\"mallory\",\"upn\":\"mallory\","
                + "\"groups\":[\"researcher\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    @Test
    void theFormCarriesACsrfTokenAndTheSecurityHeaders() {
        SignIn form = SignIn.form();
        assertEquals(200, form.formPage.statusCode());
        assertNotNull(form.csrfCookie, "the CSRF cookie is set with the form");
        assertNotNull(form.csrfField, "the form carries the CSRF token");
        form.formPage.then()
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cache-Control", equalTo("no-store"));
        assertTrue(form.formPage.asString().contains("<label class=\"label\" for=\"token\">Access token</label>"));
    }

    @Test
    void anAnalystTokenSetsAStrictHttpOnlyCookieForItsLifetimeAndGoesToTheDashboard() {
        Response signedIn = SignIn.form().post(Tokens.analyst(), null);
        assertEquals(303, signedIn.statusCode());
        assertTrue(signedIn.getHeader("Location").endsWith("/dashboard"), signedIn.getHeader("Location"));
        String setCookie = SignIn.sessionSetCookie(signedIn);
        assertNotNull(setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.matches("(?i).*;\\s*SameSite=Strict.*"), setCookie);
        assertTrue(setCookie.matches(".*;\\s*Path=/(;.*|$)"), setCookie);
        assertFalse(setCookie.matches("(?i).*;\\s*Secure.*"), "plain HTTP in tests: " + setCookie);
        Matcher maxAge = Pattern.compile("Max-Age=(\\d+)").matcher(setCookie);
        assertTrue(maxAge.find(), setCookie);
        int seconds = Integer.parseInt(maxAge.group(1));
        assertTrue(seconds > 540 && seconds <= 600, "the token's remaining lifetime (10 minutes): " + seconds);
    }

    @Test
    void aResearcherMaySignInToo() {
        assertEquals(303, SignIn.form().post(Tokens.researcher(), null).statusCode());
    }

    @Test
    void anyTokenThatDoesNotVerifyIsRefusedWithTheFormAgainAndNoCookie() throws Exception {
        Map<String, Callable<String>> bad = new LinkedHashMap<>(Tokens.unverifiable());
        bad.put("unsigned", LoginTest::unsigned);
        bad.put("markup", () -> "<script>alert(1)</script>");
        for (Map.Entry<String, Callable<String>> token : bad.entrySet()) {
            String value = token.getValue().call();
            Response refused = SignIn.form().post(value, null);
            assertEquals(400, refused.statusCode(), token.getKey());
            assertNull(SignIn.sessionSetCookie(refused), token.getKey() + ": no cookie");
            String html = refused.asString();
            assertTrue(html.contains("There is a problem"), token.getKey());
            assertTrue(html.contains("The access token is not valid"), token.getKey());
            assertFalse(html.contains(value), token.getKey() + ": the token is not echoed");
            assertTrue(html.contains("<title>Error: "), token.getKey());
        }
    }

    @Test
    void anEmptyFormAsksForTheToken() {
        Response refused = SignIn.form().post("  ", null);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.asString().contains("Enter your access token"));
    }

    @Test
    void aValidTokenWithoutAResultsRoleIsForbidden() {
        for (String token : List.of(tokenWithRoles("respondent"), Tokens.noRole(), tokenWithRoles())) {
            Response refused = SignIn.form().post(token, null);
            assertEquals(403, refused.statusCode());
            assertNull(SignIn.sessionSetCookie(refused));
            assertTrue(refused.asString().contains("needs the analyst or researcher role"));
            assertFalse(refused.asString().contains(token));
        }
    }

    @Test
    void nextLeadsBackToADashboardPageAndNowhereElse() {
        SignIn form = SignIn.form();
        assertTrue(form.post(Tokens.analyst(), "/dashboard/test-dashboard?filter=industry%3Ait")
                .getHeader("Location").endsWith("/dashboard/test-dashboard?filter=industry%3Ait"));
        for (String evil : List.of("https://evil.example", "//evil.example", "/\\evil.example", "https:/evil.example",
                "/dashboard/../login", "/dashboardx", "javascript:alert(1)", "/dashboard/x\r\nSet-Cookie: a=b",
                "/dashboard@evil.example", " /dashboard")) {
            Response signedIn = SignIn.form().post(Tokens.analyst(), evil);
            assertEquals(303, signedIn.statusCode(), evil);
            String location = signedIn.getHeader("Location");
            assertTrue(location.matches("https?://localhost:\\d+/dashboard"), evil + " → " + location);
        }
        // The next field of the form is the same safe target, whatever the query said.
        String html = given().when().get("/login?next=https://evil.example").asString();
        assertTrue(html.contains("name=\"next\" value=\"/dashboard\""), html);
    }

    @Test
    void aSignInWithoutTheCsrfTokenIsRefused() {
        Response forged = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("token", Tokens.analyst()).when().post("/login");
        assertEquals(400, forged.statusCode());
        assertNull(SignIn.sessionSetCookie(forged));
    }

    @Test
    void signingOutClearsTheCookie() {
        SignIn form = SignIn.form();
        String session = SignIn.cookieFor(Tokens.analyst());
        Response out = form.logout(session);
        assertEquals(303, out.statusCode());
        assertTrue(out.getHeader("Location").endsWith("/login?signed-out=true"), out.getHeader("Location"));
        String cleared = SignIn.sessionSetCookie(out);
        assertNotNull(cleared);
        assertTrue(cleared.startsWith(SignIn.COOKIE + "=;") || cleared.startsWith(SignIn.COOKIE + "=\"\";"), cleared);
        assertTrue(cleared.contains("Max-Age=0"), cleared);
        assertTrue(given().when().get("/login?signed-out=true").asString().contains("You have signed out."));
    }

    @Test
    void theSessionCookieIsSecureOverHttpsOrWhenConfigured() {
        StaffSession session = new StaffSession("a.b.c", "x", Set.of(Roles.ANALYST), Instant.now().plusSeconds(60));
        assertTrue(SessionCookie.issue(session, Instant.now(), true).isSecure());
        assertFalse(SessionCookie.issue(session, Instant.now(), false).isSecure());
        assertTrue(SessionCookie.issue(session, Instant.now(), true).isHttpOnly());
    }
}
