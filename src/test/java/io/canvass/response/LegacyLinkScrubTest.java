package io.canvass.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.Tokens;
import io.canvass.invitation.Invitation;
import io.canvass.invitation.InvitationRepository;
import io.canvass.invitation.InvitationState;
import io.canvass.respondent.RespondentSession;
import io.canvass.respondent.RespondentSessionRepository;
import io.canvass.respondent.SessionLinkScrub;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Data stored by earlier releases, which kept links that anonymous surveys no longer keep, is
 * scrubbed at start-up; running the scrub again changes nothing, and identified surveys keep theirs.
 */
@QuarkusTest
class LegacyLinkScrubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant SUBMITTED = Instant.parse("2026-03-04T09:15:30Z");
    private static final Instant STARTED = Instant.parse("2026-03-05T22:40:00Z");

    @Inject
    LegacyLinkScrub scrub;

    @Inject
    SessionLinkScrub sessionScrub;

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    UnlinkedPersonalDataRepository unlinked;

    @Inject
    InvitationRepository invitations;

    @Inject
    RespondentSessionRepository sessions;

    @Test
    void linksStoredByEarlierReleasesAreScrubbedOnceAndOnlyOnAnonymousSurveys() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        // An anonymous survey's complete, with its e-mail among the answers (its question had no personalData flag).
        String complete = response("test-anonymous", ResponseStatus.COMPLETE,
                "{\"role\":\"exec\",\"view\":\"yes\",\"email\":\"a." + marker + "@example.com\"}");
        String completeInvitation = invitation("test-anonymous", InvitationState.COMPLETED, complete, SUBMITTED);
        // A screened-out one, its e-mail kept with it.
        String screenedOut = response("test-anonymous", ResponseStatus.SCREENED_OUT, "{\"role\":\"other\"}");
        personal(screenedOut, "b." + marker + "@example.com");
        String screenedOutInvitation = invitation("test-anonymous", InvitationState.SCREENED_OUT, screenedOut, SUBMITTED);
        // One still in progress in the browser: its session knows the invitation, the invitation the response.
        String partial = response("test-anonymous", ResponseStatus.IN_PROGRESS, "{\"role\":\"exec\"}");
        personal(partial, "c." + marker + "@example.com");
        String partialInvitation = invitation("test-anonymous", InvitationState.IN_PROGRESS, partial, null);
        String partialSession = session("test-anonymous", partial, partialInvitation);
        // An identified survey's, which keeps every link.
        String identified = response("test-invite", ResponseStatus.COMPLETE, "{\"role\":\"exec\"}");
        String identifiedInvitation = invitation("test-invite", InvitationState.IN_PROGRESS, identified, null);
        String identifiedSession = session("test-invite", identified, identifiedInvitation);
        QuarkusTransaction.requiringNew().run(() -> {
            Invitation settled = invitations.findById(identifiedInvitation);
            settled.state = InvitationState.COMPLETED;
            settled.usedAt = SUBMITTED;
        });
        String identifiedInline = response("test-erasure", ResponseStatus.COMPLETE,
                "{\"ok\":\"yes\",\"work_email\":\"e." + marker + "@example.com\"}");

        LegacyLinkScrub.Scrubbed first = scrub.run();
        int sessionsScrubbed = sessionScrub.run();

        assertTrue(first.inlineAnswers() >= 2 && first.unlinkedPersonalData() >= 1 && first.invitations() >= 3, first.toString());
        assertTrue(sessionsScrubbed >= 1);
        for (String token : new String[] {completeInvitation, screenedOutInvitation, partialInvitation}) {
            Invitation scrubbed = QuarkusTransaction.requiringNew().call(() -> invitations.findById(token));
            assertEquals(InvitationState.USED, scrubbed.state, "no outcome");
            assertNull(scrubbed.responseId);
            assertNull(scrubbed.usedAt);
        }
        assertEquals(LocalDate.parse("2026-03-04"), usedOn(completeInvitation), "the day of use, from the old time of use");
        assertEquals(LocalDate.parse("2026-03-05"), usedOn(partialInvitation), "the day its response began");
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/test-anonymous/invitations").then()
                .statusCode(200)
                .body("find { it.token == '" + completeInvitation + "' }.state", equalTo("used"))
                .body("find { it.token == '" + completeInvitation + "' }.usedOn", equalTo("2026-03-04"))
                .body("find { it.token == '" + completeInvitation + "' }.usedAt", nullValue());
        assertNull(QuarkusTransaction.requiringNew().call(() -> sessions.findById(partialSession)).invitationToken);

        assertEquals(JSON.readTree("{\"role\":\"exec\",\"view\":\"yes\"}"), JSON.readTree(answers(complete)));
        assertEquals(LocalDate.parse("2026-03-04"), listed("a." + marker + "@example.com").recordedOn);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(screenedOut)).isEmpty());
        assertEquals("test-anonymous", listed("b." + marker + "@example.com").surveyId);
        assertEquals("c." + marker + "@example.com", QuarkusTransaction.requiringNew()
                .call(() -> personalData.ofResponse(partial)).get(0).value, "in progress, it stays for the resume link");

        Invitation kept = QuarkusTransaction.requiringNew().call(() -> invitations.findById(identifiedInvitation));
        assertEquals(InvitationState.COMPLETED, kept.state);
        assertEquals(identified, kept.responseId);
        assertEquals(SUBMITTED, kept.usedAt);
        RespondentSession keptSession = QuarkusTransaction.requiringNew().call(() -> sessions.findById(identifiedSession));
        assertEquals(identifiedInvitation, keptSession.invitationToken);
        assertFalse(answers(identifiedInline).contains("work_email"), "no personal data among answers, on any survey");
        assertEquals("e." + marker + "@example.com", QuarkusTransaction.requiringNew()
                .call(() -> personalData.ofResponse(identifiedInline)).get(0).value, "an identified survey keeps it linked");

        assertEquals(new LegacyLinkScrub.Scrubbed(0, 0, 0), scrub.run(), "a second run finds nothing left to do");
        assertEquals(0, sessionScrub.run());
    }

    private String answers(String responseId) {
        return QuarkusTransaction.requiringNew().call(() -> responses.findById(responseId).answers);
    }

    private LocalDate usedOn(String token) {
        return QuarkusTransaction.requiringNew().call(() -> invitations.findById(token).usedOn);
    }

    private UnlinkedPersonalData listed(String value) {
        return QuarkusTransaction.requiringNew().call(() -> unlinked.find("value", value).singleResult());
    }

    private String response(String surveyId, ResponseStatus status, String answers) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            SurveyResponse response = new SurveyResponse();
            response.id = id;
            response.surveyId = surveyId;
            response.surveyVersion = 1;
            response.status = status;
            response.answers = answers;
            response.startedAt = status == ResponseStatus.IN_PROGRESS ? STARTED : SUBMITTED.minusSeconds(600);
            response.submittedAt = status == ResponseStatus.IN_PROGRESS ? null : SUBMITTED;
            responses.persist(response);
        });
        return id;
    }

    private void personal(String responseId, String value) {
        QuarkusTransaction.requiringNew().run(() -> {
            PersonalDataEntry entry = new PersonalDataEntry();
            entry.responseId = responseId;
            entry.questionId = "email";
            entry.value = value;
            personalData.persist(entry);
        });
    }

    private String invitation(String surveyId, InvitationState state, String responseId, Instant usedAt) {
        String token = UUID.randomUUID().toString().replace("-", "");
        QuarkusTransaction.requiringNew().run(() -> {
            Invitation invitation = new Invitation();
            invitation.token = token;
            invitation.surveyId = surveyId;
            invitation.label = "Legacy invitee " + token;
            invitation.state = state;
            invitation.claims = state == InvitationState.IN_PROGRESS ? 0 : 1;
            invitation.responseId = responseId;
            invitation.createdAt = SUBMITTED.minusSeconds(86_400);
            invitation.usedAt = usedAt;
            invitations.persist(invitation);
        });
        return token;
    }

    private String session(String surveyId, String responseId, String invitationToken) {
        String token = UUID.randomUUID().toString().replace("-", "");
        QuarkusTransaction.requiringNew().run(() -> {
            RespondentSession session = new RespondentSession();
            session.token = token;
            session.responseId = responseId;
            session.surveyId = surveyId;
            session.invitationToken = invitationToken;
            session.pageReached = 1;
            session.createdAt = STARTED;
            session.updatedAt = STARTED;
            sessions.persist(session);
        });
        return token;
    }
}
