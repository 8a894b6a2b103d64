package io.canvass.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Staff tokens live 12 hours at most, whatever their expiry says, and so does the sign-in cookie. */
@QuarkusTest
class TokenLifetimeTest {

    private static String issued(Instant issuedAt, Instant expiresAt) {
        return Jwt.issuer("urn:canvass").audience("canvass-api").subject("tim@example.com").upn("tim@example.com")
                .groups(Set.of(Roles.ANALYST)).issuedAt(issuedAt).expiresAt(expiresAt)
                .sign(SigningKeys.readPrivateKey(Tokens.DATA_DIR));
    }

    @Test
    void aTokenIssuedMoreThanTwelveHoursAgoIsRefusedThoughNotExpired() {
        Instant now = Instant.now();
        String old = issued(now.minus(Duration.ofHours(13)), now.plus(Duration.ofDays(30)));
        given().auth().oauth2(old).when().get("/api/surveys").then().statusCode(401);
        given().cookie(SignIn.COOKIE, old).when().get("/api/surveys").then().statusCode(401);
        Response signIn = SignIn.form().post(old, null);
        assertEquals(400, signIn.statusCode());
        assertEquals(null, SignIn.sessionSetCookie(signIn));

        String young = issued(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        given().auth().oauth2(young).when().get("/api/surveys").then().statusCode(200);
    }

    @Test
    void theSignInCookieEndsWhenTheTokenBecomesTooOld() {
        Instant now = Instant.now();
        // Valid for 30 more days by its expiry, but issued 11h50m ago: ten minutes left.
        String token = issued(now.minus(Duration.ofMinutes(11 * 60 + 50)), now.plus(Duration.ofDays(30)));
        Response signedIn = SignIn.form().post(token, null);
        assertEquals(303, signedIn.statusCode());
        Matcher maxAge = Pattern.compile("Max-Age=(\\d+)").matcher(SignIn.sessionSetCookie(signedIn));
        assertTrue(maxAge.find());
        int seconds = Integer.parseInt(maxAge.group(1));
        assertTrue(seconds > 500 && seconds <= 600, "the token's remaining age, not its expiry: " + seconds);
    }

    @Test
    void theMinterRefusesLongerLifetimes() {
        assertThrows(IllegalArgumentException.class,
                () -> TokenMinter.mint(Tokens.DATA_DIR, "x@example.com", Set.of(Roles.ANALYST), Duration.ofHours(13)));
        assertThrows(IllegalArgumentException.class,
                () -> TokenMinter.mint(Tokens.DATA_DIR, "x@example.com", Set.of(Roles.ANALYST), Duration.ofDays(7)));
        String longest = TokenMinter.mint(Tokens.DATA_DIR, "x@example.com", Set.of(Roles.ANALYST), Duration.ofHours(12));
        given().auth().oauth2(longest).when().get("/api/surveys").then().statusCode(200);
    }

    @Test
    void aBrokenEscapeInTheReturnAddressFallsBackToTheSurveyList() {
        for (String next : new String[] {"/dashboard?%zz", "/dashboard?filter=%", "/dashboard/x?a=%4"}) {
            Response signedIn = SignIn.form().post(Tokens.analyst(), next);
            assertEquals(303, signedIn.statusCode(), next + ": " + signedIn.asString());
            assertTrue(signedIn.getHeader("Location").endsWith("/dashboard"), signedIn.getHeader("Location"));
            assertEquals(200, given().queryParam("next", next).when().get("/login").statusCode());
        }
        Response kept = SignIn.form().post(Tokens.analyst(), "/dashboard/test-dashboard?filter=industry%3Ait");
        assertTrue(kept.getHeader("Location").endsWith("/dashboard/test-dashboard?filter=industry%3Ait"),
                kept.getHeader("Location"));
    }
}
