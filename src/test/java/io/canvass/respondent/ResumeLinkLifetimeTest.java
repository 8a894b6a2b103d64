package io.canvass.respondent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canvass.access.Tokens;
import io.canvass.survey.Survey;
import io.canvass.survey.SurveyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Capability links do not outlive their purpose (review finding L7): a revoked invitation reopens
 * nothing, and a resume link shows no answers once its survey closes and leads nowhere 30 days later.
 */
@QuarkusTest
class ResumeLinkLifetimeTest {

    @Inject
    SurveyRepository surveys;

    @Test
    void aRevokedInvitationNoLongerReopensItsPartialResponse() {
        String token = given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("count", 1))
                .when().post("/api/surveys/test-invite/invitations").then().statusCode(201)
                .extract().jsonPath().getString("[0].token");
        RespondentPagesTest.Visitor visitor = new RespondentPagesTest.Visitor();
        visitor.get("/s/test-invite?t=" + token).then().statusCode(200);
        visitor.post("/s/test-invite/start", Map.of("t", token)).then().statusCode(303);
        assertEquals(303, new RespondentPagesTest.Visitor().get("/s/test-invite?t=" + token).statusCode(),
                "an identified survey's invitation in progress resumes");

        given().auth().oauth2(Tokens.researcher()).when().delete("/api/surveys/test-invite/invitations/{token}", token)
                .then().statusCode(204);

        Response again = new RespondentPagesTest.Visitor().get("/s/test-invite?t=" + token);
        assertEquals(403, again.statusCode(), "no redirect to the saved answers");
        again.then().body(containsString("This survey is by invitation"));
    }

    @Test
    void aResumeLinkShowsNoAnswersOnceTheSurveyClosesAndExpiresThirtyDaysLater() {
        String survey = "test-lifetime-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body("""
                {"id": "%s", "title": "Lifetime", "pages": [
                  {"id": "one", "title": "One", "questions": [
                    {"id": "email", "type": "email", "text": "E-mail", "required": false}]},
                  {"id": "two", "title": "Two", "questions": [
                    {"id": "ok", "type": "single", "text": "Fine?", "options": [{"code": "yes", "label": "Yes"}]}]}]}
                """.formatted(survey)).when().post("/api/surveys").then().statusCode(201);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).when().post("/api/surveys/{id}/publish", survey).then().statusCode(200);
        RespondentPagesTest.Visitor visitor = new RespondentPagesTest.Visitor();
        visitor.get("/s/" + survey).then().statusCode(200);
        visitor.post("/s/" + survey + "/start", Map.of()).then().statusCode(303);
        String page = visitor.location;
        String resume = page.substring(0, page.lastIndexOf('/'));
        visitor.post(page, Map.of("action", "save", "email", "kept@example.com")).then().statusCode(303);
        visitor.get(page).then().statusCode(200).body(containsString("kept@example.com"));

        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).when().post("/api/surveys/{id}/close", survey).then().statusCode(200);
        visitor.get(page).then().statusCode(409).body(containsString("This survey is closed"))
                .body(not(containsString("kept@example.com")));
        visitor.post(page, Map.of("action", "continue", "email", "kept@example.com")).then().statusCode(409);
        visitor.get(resume + "/saved").then().statusCode(200);

        closedSince(survey, Duration.ofDays(31));
        for (String path : new String[] {page, resume, resume + "/saved"}) {
            visitor.get(path).then().statusCode(404).body(containsString("Link not valid"));
        }

        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).when().post("/api/surveys/{id}/reopen", survey).then().statusCode(200);
        visitor.get(page).then().statusCode(200).body(containsString("kept@example.com"));
    }

    private void closedSince(String surveyId, Duration ago) {
        QuarkusTransaction.requiringNew().run(() -> {
            Survey survey = surveys.findById(surveyId);
            survey.updatedAt = Instant.now().minus(ago);
        });
    }
}
