package io.canvass.respondent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.canvass.response.PersonalDataRepository;
import io.canvass.response.UnlinkedPersonalDataRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** An invited executive answers an anonymous survey in Chromium; what the researcher can see afterwards. */
@QuarkusTest
class AnonymousInvitationBrowserTest {

    private static final String SURVEY = "test-anonymous";

    @TestHTTPResource("/")
    URL base;

    @Inject
    RespondentSessionRepository sessions;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    UnlinkedPersonalDataRepository unlinked;

    @BeforeAll
    static void needsABrowser() {
        Browser.assumeAvailable();
    }

    @Test
    void anInvitedExecutiveAnswersAndTheResearcherLearnsOnlyThatTheInvitationWasUsedThatDay() {
        String label = "Jane Roe, CFO ACME " + UUID.randomUUID();
        String email = "jane." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .body(Map.of("labels", List.of(label))).when().post("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(201).extract().jsonPath().getString("[0].token");
        String sessionToken;
        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            browser.get("/s/" + SURVEY + "?t=" + token);
            browser.press("start");
            sessionToken = browser.path().split("/")[4];
            browser.answer(Map.of("role", "exec"));
            browser.press("continue");
            browser.answer(Map.of("view", "yes", "email", email));
            browser.press("continue");
            assertEquals("Thank you", browser.heading());

            browser.get("/s/" + SURVEY + "?t=" + token);
            assertEquals("This invitation has already been used", browser.heading());
            assertTrue(browser.find(By.tagName("main")).getText().contains("Save and continue later"));
            browser.screenshot("70-invitation-used");
            browser.assertAccessible("invitation used page");
        }

        JsonPath invitations = given().auth().oauth2(Tokens.researcher()).when()
                .get("/api/surveys/{id}/invitations", SURVEY).then().statusCode(200).extract().jsonPath();
        String mine = "find { it.token == '" + token + "' }";
        assertEquals(label, invitations.getString(mine + ".label"));
        assertEquals("used", invitations.getString(mine + ".state"));
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), invitations.getString(mine + ".usedOn"));
        assertNull(invitations.get(mine + ".usedAt"));

        RespondentSession session = QuarkusTransaction.requiringNew().call(() -> sessions.findById(sessionToken));
        assertNull(session.invitationToken);
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(session.responseId)));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> unlinked.ofSurvey(SURVEY)).stream()
                .filter(entry -> entry.value.equals(email)).count());
    }
}
