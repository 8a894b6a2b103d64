package io.canvass.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.invitation.Invitation;
import io.canvass.invitation.InvitationRepository;
import io.canvass.invitation.InvitationState;
import io.canvass.survey.SurveyLifecycle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Submissions racing over real HTTP while the writer groups them: what each client is told, and
 * what is stored, stays exactly what one-at-a-time submissions would give.
 */
@QuarkusTest
class ConcurrentSubmissionsTest {

    private static final String SURVEY = "test-writer-race";

    @Inject
    ResponseRepository responses;

    @Inject
    InvitationRepository invitations;

    @Inject
    SurveyLifecycle lifecycle;

    private long stored() {
        return QuarkusTransaction.requiringNew().call(() -> responses.count("surveyId", SURVEY));
    }

    private static Response post(String key, Map<String, Object> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/surveys/{id}/responses", SURVEY);
    }

    private static List<Response> race(List<Callable<Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> request : requests) {
            futures.add(pool.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> future : futures) {
            answers.add(future.get());
        }
        pool.shutdown();
        return answers;
    }

    @Test
    void racingRetriesOfManyKeysStoreOneResponsePerKeyAmongOtherSubmissions() throws Exception {
        long before = stored();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        List<Callable<Response>> requests = new ArrayList<>();
        List<String> keyOfRequest = new ArrayList<>();
        for (int racer = 0; racer < 8; racer++) {
            for (String key : keys) {
                requests.add(() -> post(key, Map.of("answers", Map.of("segment", "b", "email", key + "@example.com"))));
                keyOfRequest.add(key);
            }
        }
        for (int i = 0; i < 40; i++) {
            requests.add(() -> post(null, Map.of("answers", Map.of("segment", "b"))));
            keyOfRequest.add(null);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(12));
        List<Callable<Response>> shuffled = order.stream().map(requests::get).toList();

        List<Response> answers = race(shuffled);

        Map<String, Set<String>> idsByKey = new HashMap<>();
        Set<String> unkeyed = new HashSet<>();
        int replayed = 0;
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i);
            assertEquals(201, answer.statusCode(), answer.asString());
            String key = keyOfRequest.get(order.get(i));
            if (key == null) {
                unkeyed.add(answer.path("id"));
            } else {
                idsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(answer.path("id"));
                if ("true".equals(answer.header("Idempotent-Replayed"))) {
                    replayed++;
                }
            }
        }
        idsByKey.forEach((key, ids) -> assertEquals(1, ids.size(), "every racer with key " + key + " got one receipt"));
        assertEquals(40, unkeyed.size(), "each submission without a key is its own response");
        assertEquals(70, replayed, "all but the first of each key's eight were replays");
        assertEquals(before + 50, stored(), "one response per key, one per unkeyed submission");
    }

    @Test
    void oneInvitationRacedByManySubmissionsAdmitsExactlyOne() throws Exception {
        String token = "race-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Invitation invitation = new Invitation();
            invitation.token = token;
            invitation.surveyId = SURVEY;
            invitation.state = InvitationState.UNUSED;
            invitation.createdAt = Instant.now();
            invitations.persist(invitation);
        });
        long before = stored();
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(() -> post(null, Map.of("invitation", token, "answers", Map.of("segment", "b"))));
        }

        List<Response> answers = race(requests);

        List<Response> admitted = answers.stream().filter(a -> a.statusCode() == 201).toList();
        assertEquals(1, admitted.size(), "one invitation, one response");
        for (Response refused : answers) {
            if (refused.statusCode() != 201) {
                assertEquals(403, refused.statusCode(), refused.asString());
                assertEquals("urn:canvass:problem:invitation-not-valid", refused.path("type"));
            }
        }
        assertEquals(before + 1, stored());
        Invitation spent = QuarkusTransaction.requiringNew().call(() -> invitations.findById(token));
        assertEquals(InvitationState.COMPLETED, spent.state);
        assertEquals(admitted.get(0).<String>path("id"), spent.responseId);
    }

    @Test
    void aSurveyClosedAfterItWasLastSeenOpenRefusesAtOnceAndTakesResponsesAgainWhenReopened() {
        post(null, Map.of("answers", Map.of("segment", "b"))).then().statusCode(201);
        long before = stored();
        QuarkusTransaction.requiringNew().run(() -> lifecycle.close(SURVEY, "test"));
        try {
            post(null, Map.of("answers", Map.of("segment", "b"))).then().statusCode(409)
                    .body("type", equalTo("urn:canvass:problem:survey-not-open"));
            post(null, Map.of("answers", Map.of("segment", "b"))).then().statusCode(409);
            assertEquals(before, stored(), "nothing stored while closed");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> lifecycle.reopen(SURVEY, "test"));
        }
        post(null, Map.of("answers", Map.of("segment", "b"))).then().statusCode(201);
        assertTrue(stored() == before + 1);
    }
}
