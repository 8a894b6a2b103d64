package io.canvass.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.Interview;
import io.canvass.invitation.Invitation;
import io.canvass.invitation.InvitationNotValidException;
import io.canvass.invitation.InvitationRepository;
import io.canvass.invitation.InvitationState;
import io.canvass.screening.QuotaCounter;
import io.canvass.screening.QuotaCounterRepository;
import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The response writer without HTTP: groups handed to it as the submission service hands them, and
 * what the database holds afterwards.
 */
@QuarkusTest
class ResponseWriterTest {

    private static final String SURVEY = "test-writer";

    @Inject
    ResponseWriter writer;

    @Inject
    SurveyCatalog catalog;

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    InvitationRepository invitations;

    @Inject
    QuotaCounterRepository counters;

    @Inject
    EntityManager entityManager;

    private PendingResponse pending(String segment, String email, String invitation, String screenedOutBy) {
        PublishedSurvey survey = catalog.lastSeenOpen(SURVEY);
        ObjectNode answers = JsonNodeFactory.instance.objectNode().put("segment", segment);
        return new PendingResponse(SURVEY, survey.version(), survey.definition(), answers, screenedOutBy,
                screenedOutBy != null ? List.of() : Interview.quotaCells(survey.plan(), answers),
                email == null ? Map.of() : Map.of("email", email), invitation, null, null, null, null, "en");
    }

    private SurveyResponse stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> responses.findById(id));
    }

    private long changesOf(String id) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select count(c) from ResponseChange c where c.responseId = ?1", Long.class)
                .setParameter(1, id).getSingleResult());
    }

    private static Throwable failureOf(CompletableFuture<Submission> outcome) {
        try {
            outcome.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure, got " + outcome.join());
    }

    @Test
    void aRowTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        List<PendingResponse> group = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            group.add(pending("b", "member" + i + "@example.com", null, null));
        }
        // A reason longer than its column (250): the statement fails, and with it the group's first attempt.
        PendingResponse poison = pending("none", null, null, "x".repeat(300));
        group.add(2, poison);

        writer.writeGroup(group);

        assertInstanceOf(ResponseWriter.ResponseWriteFailedException.class, failureOf(poison.outcome));
        assertNull(stored(poison.responseId), "nothing of the failed member is stored");
        assertEquals(0, changesOf(poison.responseId));
        for (PendingResponse member : group) {
            if (member == poison) {
                continue;
            }
            Submission submission = member.outcome.get(10, TimeUnit.SECONDS);
            assertEquals(ResponseStatus.COMPLETE, submission.receipt().status());
            assertEquals(member.responseId, submission.receipt().id());
            SurveyResponse response = stored(member.responseId);
            assertNotNull(response, "stored despite the bad row beside it");
            assertEquals("{\"segment\":\"b\"}", response.answers, "answers without the e-mail");
            assertEquals(1, changesOf(member.responseId), "one change-log row, for every replica's results");
            List<PersonalDataEntry> personal = QuarkusTransaction.requiringNew()
                    .call(() -> personalData.ofResponse(member.responseId));
            assertEquals(1, personal.size());
            assertTrue(personal.get(0).value.endsWith("@example.com"));
        }
    }

    @Test
    void ofAGroupBringingOneInvitationExactlyOneIsStored() throws Exception {
        String token = "writer-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Invitation invitation = new Invitation();
            invitation.token = token;
            invitation.surveyId = SURVEY;
            invitation.state = InvitationState.UNUSED;
            invitation.createdAt = Instant.now();
            invitations.persist(invitation);
        });
        List<PendingResponse> group = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            group.add(pending("b", null, token, null));
        }

        writer.writeGroup(group);

        PendingResponse winner = group.get(0);
        assertEquals(ResponseStatus.COMPLETE, winner.outcome.get(10, TimeUnit.SECONDS).receipt().status());
        for (PendingResponse member : group.subList(1, group.size())) {
            assertInstanceOf(InvitationNotValidException.class, failureOf(member.outcome));
            assertNull(stored(member.responseId));
        }
        Invitation spent = QuarkusTransaction.requiringNew().call(() -> invitations.findById(token));
        assertEquals(InvitationState.COMPLETED, spent.state);
        assertEquals(winner.responseId, spent.responseId, "an identified survey's invitation leads to its response");
        assertEquals(1, spent.claims);

        // And a later group with it is refused too: the token is spent.
        PendingResponse late = pending("b", null, token, null);
        writer.writeGroup(List.of(late));
        assertInstanceOf(InvitationNotValidException.class, failureOf(late.outcome));
    }

    @Test
    void quotaPlacesStayExactWhenGroupsRaceOnTwoWriters() throws Exception {
        List<PendingResponse> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(pending("a", null, null, null));
        }
        // Through the queue: the writer threads form the groups and commit them side by side.
        List<CompletableFuture<Submission>> outcomes = all.stream().map(writer::write).toList();
        int complete = 0;
        int full = 0;
        for (CompletableFuture<Submission> outcome : outcomes) {
            SubmissionReceipt receipt = outcome.get(30, TimeUnit.SECONDS).receipt();
            if (receipt.status() == ResponseStatus.COMPLETE) {
                complete++;
            } else {
                assertEquals(ResponseStatus.QUOTA_FULL, receipt.status());
                assertEquals("segment", receipt.quota());
                assertEquals("a", receipt.cell());
                full++;
            }
        }
        assertEquals(5, complete, "the cap of cell a");
        assertEquals(35, full);
        QuotaCounter counter = QuarkusTransaction.requiringNew()
                .call(() -> counters.findById(new QuotaCounter.Key(SURVEY, "segment", "a")));
        assertEquals(5, counter.filled);
        assertEquals(5L, (long) QuarkusTransaction.requiringNew().call(() -> responses.count(
                "surveyId = ?1 and status = ?2 and answers like ?3", SURVEY, ResponseStatus.COMPLETE, "%\"a\"%")));
    }

    @Test
    void theIdsSortInTheOrderTheyWereMade() {
        String earlier = TimeOrderedIds.next();
        String later = TimeOrderedIds.next(System.currentTimeMillis() + 1).toString();
        assertTrue(earlier.compareTo(later) < 0, earlier + " before " + later);
        assertEquals(7, UUID.fromString(earlier).version());
        assertEquals(2, UUID.fromString(earlier).variant());
    }
}
