package io.canvass.home;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What a newcomer gets at {@code /}: a plain page saying what Canvass is, and where to sign in. */
@QuarkusTest
class HomePageTest {

    @Test
    void theLandingPageSaysWhatCanvassIsAndWhereStaffSignIn() {
        given().when().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<h1>Canvass</h1>"))
                .body(containsString("confidential surveys of senior executives"))
                .body(containsString("href=\"/login\""))
                .body(containsString("no group of fewer\n  than 5 respondents"));
    }

    @Test
    void theLandingPageListsNoSurvey() {
        // Surveys are reached through invitations and their own addresses: the site does not advertise them.
        given().when().get("/").then().statusCode(200)
                .body(not(containsString("/s/")))
                .body(not(containsString("Enterprise Generative AI Adoption 2023")))
                .body(not(containsString("aiia-genai-2023")));
    }

    @Test
    void theLandingPageHasThePagesSecurityHeaders() {
        given().when().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff");
    }
}
