package io.canvass.respondent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.canvass.response.PersonalDataRepository;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.canvass.response.UnlinkedPersonalDataRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * An anonymous survey's invitation in the browser (plain HTTP, as a browser without script): spent
 * when its respondent starts, after which only the resume link leads back to the answers.
 */
@QuarkusTest
class AnonymousInvitationPagesTest {

    private static final String SURVEY = "test-anonymous";

    @Inject
    RespondentSessionRepository sessions;

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    UnlinkedPersonalDataRepository unlinked;

    private static String invite() {
        return given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(Map.of("count", 1))
                .when().post("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(201).extract().jsonPath().getString("[0].token");
    }

    private static String stateOf(String token) {
        return given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/invitations", SURVEY)
                .then().statusCode(200).extract().path("find { it.token == '" + token + "' }.state");
    }

    private long stored() {
        return QuarkusTransaction.requiringNew().call(() -> responses.count("surveyId", SURVEY));
    }

    @Test
    void theInvitationIsSpentAtTheStartAndOnlyTheResumeLinkLeadsBack() {
        String token = invite();
        RespondentPagesTest.Visitor visitor = new RespondentPagesTest.Visitor();
        visitor.get("/s/" + SURVEY + "?t=" + token).then().statusCode(200);
        visitor.post("/s/" + SURVEY + "/start", Map.of("t", token)).then().statusCode(303);
        String firstPage = visitor.location;
        assertTrue(firstPage.endsWith("/1"), firstPage);
        assertEquals("used", stateOf(token));
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/invitations", SURVEY)
                .then().body("find { it.token == '" + token + "' }.usedOn", org.hamcrest.Matchers.equalTo(
                        LocalDate.now(ZoneOffset.UTC).toString()));
        RespondentSession session = QuarkusTransaction.requiringNew().call(() -> sessions.findById(visitor.token()));
        assertNull(session.invitationToken, "the session does not know the invitation");

        // Back through the invitation link, on this browser or another: a polite page pointing to the resume link.
        long before = stored();
        for (RespondentPagesTest.Visitor again : List.of(visitor, new RespondentPagesTest.Visitor())) {
            again.get("/s/" + SURVEY + "?t=" + token).then().statusCode(403).contentType(containsString("text/html"))
                    .body(containsString("This invitation has already been used"))
                    .body(containsString("Save and continue later"));
        }
        RespondentPagesTest.Visitor other = new RespondentPagesTest.Visitor();
        other.get("/s/test-escaping").then().statusCode(200); // a form, for the CSRF cookie and field
        other.post("/s/" + SURVEY + "/start", Map.of("t", token)).then().statusCode(403)
                .body(containsString("This invitation has already been used"));
        assertEquals(before, stored(), "a spent invitation starts nothing");

        // While answering, the e-mail stays with the session so that the resume link shows it ...
        visitor.post(firstPage, Map.of("action", "continue", "role", "exec")).then().statusCode(303);
        String secondPage = visitor.location;
        String email = "anon." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        visitor.post(secondPage, Map.of("action", "save", "email", email)).then().statusCode(303);
        String responseId = session.responseId;
        assertEquals(email, QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(responseId)).get(0).value);
        visitor.get(secondPage).then().statusCode(200).body(containsString(email));

        // ... and once finished it goes on the survey's list, linked to nothing.
        visitor.post(secondPage, Map.of("action", "continue", "view", "no", "email", email)).then().statusCode(303);
        assertTrue(visitor.location.endsWith("/thank-you"), visitor.location);
        assertEquals(ResponseStatus.COMPLETE, QuarkusTransaction.requiringNew().call(() -> responses.findById(responseId)).status);
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(responseId)));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> unlinked.ofSurvey(SURVEY)).stream()
                .filter(entry -> entry.value.equals(email)).count());
        assertEquals("used", stateOf(token), "and the invitation does not say how it ended");
    }

    @Test
    void racingStartsWithOneInvitationBeginOneResponse() throws Exception {
        String token = invite();
        long before = stored();
        List<RespondentPagesTest.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RespondentPagesTest.Visitor visitor = new RespondentPagesTest.Visitor();
            visitor.get("/s/" + SURVEY + "?t=" + token).then().statusCode(200);
            visitors.add(visitor);
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (RespondentPagesTest.Visitor visitor : visitors) {
            futures.add(pool.submit(() -> {
                start.await();
                return visitor.post("/s/" + SURVEY + "/start", Map.of("t", token));
            }));
        }
        start.countDown();
        Map<Integer, Integer> statuses = new HashMap<>();
        for (Future<Response> future : futures) {
            statuses.merge(future.get().statusCode(), 1, Integer::sum);
        }
        pool.shutdown();
        assertEquals(Map.of(303, 1, 403, 19), statuses);
        assertEquals(before + 1, stored());
    }
}
