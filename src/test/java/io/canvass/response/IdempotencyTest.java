package io.canvass.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    @Inject
    ResponseRepository responses;

    private long stored() {
        return QuarkusTransaction.requiringNew().call(() -> responses.count());
    }

    private Response post(String key, Object body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/surveys/{id}/responses", AiiaAnswers.SURVEY);
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstReceiptAndStoresNothingNew() {
        String key = UUID.randomUUID().toString();
        Response first = post(key, AiiaAnswers.complete("financial").body());
        first.then().statusCode(201).body("status", equalTo("complete"));
        long after = stored();

        // Same answers, keys in another order: still the same request.
        AiiaAnswers reordered = AiiaAnswers.complete("financial");
        Object revenue = reordered.answers().remove("revenue");
        reordered.set("revenue", revenue);
        Response retry = post(key, reordered.body());
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.path("id"))).body("status", equalTo("complete"));
        assertEquals(after, stored());
    }

    @Test
    void theSameKeyWithDifferentAnswersIsRefused() {
        String key = UUID.randomUUID().toString();
        post(key, AiiaAnswers.complete("financial").body()).then().statusCode(201);
        long after = stored();
        post(key, AiiaAnswers.complete("financial").set("age", "55_64").body())
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:idempotency-key-reused"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(after, stored());
    }

    @Test
    void aMalformedKeyIsRefused() {
        post("two words", AiiaAnswers.complete("financial").body()).then().statusCode(400);
        post("x".repeat(201), AiiaAnswers.complete("financial").body()).then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void racingRetriesWithOneKeyStoreOneResponse() throws Exception {
        String key = UUID.randomUUID().toString();
        Object body = AiiaAnswers.complete("financial").body();
        long before = stored();
        int racers = 24;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<Response> racer = () -> {
                start.await();
                return post(key, body);
            };
            futures.add(pool.submit(racer));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<Response> future : futures) {
            Response response = future.get();
            assertEquals(201, response.statusCode(), response.asString());
            ids.add(response.path("id"));
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "every racer got the same receipt");
        assertEquals(before + 1, stored(), "exactly one response was stored");
    }
}
