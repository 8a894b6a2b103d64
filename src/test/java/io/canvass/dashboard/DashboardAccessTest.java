package io.canvass.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.SignIn;
import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who gets the dashboard pages, and the sign-in cookie as an API credential beside the bearer header. */
@QuarkusTest
class DashboardAccessTest {

    private static Response dashboard(String path, String cookie) {
        io.restassured.specification.RequestSpecification request = given().redirects().follow(false);
        if (cookie != null) {
            request.cookie(SignIn.COOKIE, cookie);
        }
        return request.when().get(path);
    }

    @Test
    void withoutSignInItSendsYouToSignInAndBack() {
        Response response = given().redirects().follow(false).urlEncodingEnabled(false)
                .when().get("/dashboard/test-dashboard?filter=industry%3Ait");
        assertEquals(303, response.statusCode());
        assertTrue(response.getHeader("Location")
                .endsWith("/login?next=%2Fdashboard%2Ftest-dashboard%3Ffilter%3Dindustry%253Ait"), response.getHeader("Location"));
        assertEquals(303, dashboard("/dashboard", null).statusCode());
        // The login form keeps the target for after sign-in.
        String form = given().urlEncodingEnabled(false).when().get(response.getHeader("Location")).asString();
        assertTrue(form.contains("name=\"next\" value=\"/dashboard/test-dashboard?filter=industry%3Ait\""), form);
    }

    @Test
    void aCookieThatNoLongerVerifiesSendsYouToSignInAgain() {
        for (String stale : List.of(Tokens.expired(), "not.a.jwt")) {
            Response response = dashboard("/dashboard/test-dashboard", stale);
            assertEquals(303, response.statusCode());
            assertTrue(response.getHeader("Location").contains("/login?next="));
        }
    }

    @Test
    void anAnalystSeesThePageWithTheTitleEscaped() {
        String cookie = SignIn.cookieFor(Tokens.analyst());
        Response page = dashboard("/dashboard/test-escaping", cookie);
        assertEquals(200, page.statusCode());
        String html = page.asString();
        assertFalse(html.contains("<script>alert('title')"), html);
        assertTrue(html.contains("<h1>Survey &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"), html);
        assertFalse(html.contains("<svg onload"), html);
        assertTrue(html.contains("<script src=\"/static/dashboard.js\" defer></script>"));
        assertTrue(html.contains("data-stream=\"/api/surveys/test-escaping/results/stream\""));
        assertTrue(html.contains("anil.analyst@example.com"));
    }

    @Test
    void aResearcherSeesItToo() {
        String cookie = SignIn.cookieFor(Tokens.researcher());
        assertEquals(200, dashboard("/dashboard/test-dashboard", cookie).statusCode());
        String list = dashboard("/dashboard", cookie).then().statusCode(200).extract().asString();
        assertTrue(list.contains("<a href=\"/dashboard/test-dashboard\">Dashboard test survey</a>"), list);
    }

    @Test
    void aValidTokenWithoutAResultsRoleGetsAForbiddenPage() {
        // Such a token cannot sign in through the form, but a cookie is only a header away.
        Response page = dashboard("/dashboard/test-dashboard", Tokens.noRole());
        assertEquals(403, page.statusCode());
        assertTrue(page.getContentType().startsWith("text/html"));
        assertTrue(page.asString().contains("You cannot see results"));
        assertEquals(403, dashboard("/dashboard", Tokens.noRole()).statusCode());
    }

    @Test
    void anUnknownSurveyIsANotFoundPage() {
        String cookie = SignIn.cookieFor(Tokens.analyst());
        Response page = dashboard("/dashboard/no-such-survey", cookie);
        assertEquals(404, page.statusCode());
        assertTrue(page.getContentType().startsWith("text/html"));
        assertTrue(page.asString().contains("Survey not found"));
    }

    @Test
    void filtersComeFromTheQueryAndTickTheirBoxes() {
        String cookie = SignIn.cookieFor(Tokens.analyst());
        // A plain form sends one parameter per ticked box; the API form puts codes together.
        String html = dashboard("/dashboard/test-dashboard?filter=industry:it&filter=industry:retail&filter=priority:5",
                cookie).then().statusCode(200).extract().asString();
        assertTrue(html.contains("data-filter=\"filter=industry%3Ait%2Cretail&amp;filter=priority%3A5\""), html);
        assertTrue(html.contains("id=\"filter-industry-it\" name=\"filter\" value=\"industry:it\" checked"), html);
        assertTrue(html.contains("id=\"filter-industry-finance\" name=\"filter\" value=\"industry:finance\">"), html);
        assertTrue(html.contains("Information technology or Retail"), html);
        assertTrue(html.contains("5 – Top priority"), html);
        assertFalse(html.contains("filter-comments"), "free text cannot be filtered on");
    }

    @Test
    void aFilterTheSurveyCannotApplyIsExplainedAndIgnored() {
        String cookie = SignIn.cookieFor(Tokens.analyst());
        for (String bad : List.of("nosuch:x", "industry:nosuch", "comments:x", "industry", "' OR 1=1--:x")) {
            Response page = given().redirects().follow(false).cookie(SignIn.COOKIE, cookie).queryParam("filter", bad)
                    .when().get("/dashboard/test-dashboard");
            assertEquals(400, page.statusCode(), bad);
            assertTrue(page.asString().contains("There is a problem"), bad);
            assertTrue(page.asString().contains("data-filter=\"\""), bad);
            assertFalse(page.asString().contains("' OR 1=1"), "escaped: " + bad);
            assertFalse(page.asString().contains("nosuch"), "the requested text is not repeated on the page: " + bad);
        }
        // A link cannot make the page say what it likes.
        String spoof = "industry:Session_expired_call_helpdesk";
        Response page = given().redirects().follow(false).cookie(SignIn.COOKIE, cookie).queryParam("filter", spoof)
                .when().get("/dashboard/test-dashboard");
        assertEquals(400, page.statusCode());
        assertFalse(page.asString().contains("Session_expired"), page.asString());
    }

    @Test
    void analystsAreToldHowTheirFiguresAreProtectedAndResearchersThatTheirsAreExact() {
        String analyst = dashboard("/dashboard/test-dashboard", SignIn.cookieFor(Tokens.analyst())).then().statusCode(200)
                .extract().asString();
        assertTrue(analyst.contains("data-exact=\"false\""), analyst);
        assertTrue(analyst.contains("the figures move in steps of 5"), analyst);
        assertTrue(analyst.contains("at most 2 either way"), analyst);
        String researcher = dashboard("/dashboard/test-dashboard", SignIn.cookieFor(Tokens.researcher())).then()
                .statusCode(200).extract().asString();
        assertTrue(researcher.contains("data-exact=\"true\""), researcher);
        assertTrue(researcher.contains("every number is exact"), researcher);
    }

    @Test
    void dashboardPagesCarryTheSecurityHeaders() {
        String cookie = SignIn.cookieFor(Tokens.analyst());
        for (String path : List.of("/dashboard", "/dashboard/test-dashboard", "/login")) {
            dashboard(path, cookie).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("connect-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("Cache-Control", equalTo("no-store"));
        }
    }

    @Test
    void theApiAcceptsTheSignInCookieAndStillTheBearerHeader() {
        String cookie = SignIn.cookieFor(Tokens.analyst());
        given().cookie(SignIn.COOKIE, cookie).when().get("/api/surveys").then().statusCode(200)
                .body(containsString("test-dashboard"));
        given().header("Authorization", "Bearer " + Tokens.analyst()).when().get("/api/surveys").then().statusCode(200);
        given().when().get("/api/surveys").then().statusCode(401);
        given().cookie(SignIn.COOKIE, Tokens.expired()).when().get("/api/surveys").then().statusCode(401);
        given().cookie(SignIn.COOKIE, Tokens.noRole()).when().get("/api/surveys").then().statusCode(403);
    }

    @Test
    void theResultsApiTakesTheSignInCookieAndStillTheBearerHeader() {
        String path = "/api/surveys/test-dashboard/results";
        given().cookie(SignIn.COOKIE, SignIn.cookieFor(Tokens.analyst())).when().get(path).then().statusCode(200)
                .body("surveyId", equalTo("test-dashboard"));
        given().cookie(SignIn.COOKIE, SignIn.cookieFor(Tokens.researcher())).when().get(path).then().statusCode(200);
        given().header("Authorization", "Bearer " + Tokens.analyst()).when().get(path).then().statusCode(200)
                .body("surveyId", equalTo("test-dashboard"));
        given().when().get(path).then().statusCode(401);
        given().cookie(SignIn.COOKIE, Tokens.wrongIssuer()).when().get(path).then().statusCode(401);
        given().cookie(SignIn.COOKIE, Tokens.noRole()).when().get(path).then().statusCode(403);
    }
}
