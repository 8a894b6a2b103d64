package io.canvass.screening;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canvass.response.AiiaAnswers;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuotaRaceTest {

    @Inject
    ResponseRepository responses;

    @Inject
    QuotaCounterRepository counters;

    /** Fires all bodies at once from many threads and counts the statuses that come back. */
    private Map<String, Integer> race(String surveyId, List<Object> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (Object body : bodies) {
            futures.add(pool.submit(() -> {
                start.await();
                return given().contentType(ContentType.JSON).body(body)
                        .when().post("/api/surveys/{id}/responses", surveyId)
                        .then().statusCode(201).extract().<String>path("status");
            }));
        }
        start.countDown();
        Map<String, Integer> statuses = new HashMap<>();
        for (Future<String> future : futures) {
            statuses.merge(future.get(), 1, Integer::sum);
        }
        pool.shutdown();
        return statuses;
    }

    private long stored(String surveyId, ResponseStatus status) {
        return QuarkusTransaction.requiringNew().call(() -> responses.countByStatus(surveyId, status));
    }

    @Test
    void theIndustryQuotaHoldsExactlyWhenHundredsOfSubmissionsRace() throws Exception {
        List<Object> bodies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            bodies.add(AiiaAnswers.complete("aerospace").set("age", i % 2 == 0 ? "35_44" : "55_64").body());
        }
        Map<String, Integer> statuses = race(AiiaAnswers.SURVEY, bodies);

        assertEquals(80, statuses.get("complete"), "8% of the 1000 target: " + statuses);
        assertEquals(120, statuses.get("quota_full"), statuses.toString());
        long storedAerospace = QuarkusTransaction.requiringNew().call(() -> responses.count(
                "surveyId = ?1 and status = ?2 and answers like ?3", AiiaAnswers.SURVEY, ResponseStatus.COMPLETE,
                "%\"industry\":\"aerospace\"%"));
        assertEquals(80, storedAerospace);
        QuotaCounter counter = QuarkusTransaction.requiringNew().call(() ->
                counters.findById(new QuotaCounter.Key(AiiaAnswers.SURVEY, "industry", "aerospace")));
        assertEquals(80, counter.filled);
        assertEquals(80, counter.cap);
    }

    @Test
    void quotaFullAttemptsAreKeptButNeverCountedAndOtherCellsStillFill() throws Exception {
        List<Object> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bodies.add(Map.of("answers", Map.of("segment", "a", "region", i % 2 == 0 ? "north" : "south")));
        }
        for (int i = 0; i < 20; i++) {
            bodies.add(Map.of("answers", Map.of("segment", "b", "region", "north")));
        }
        Map<String, Integer> statuses = race("test-quota-race", bodies);

        assertEquals(45, statuses.get("complete"), "25 in the capped cell and all 20 in the uncapped one: " + statuses);
        assertEquals(75, statuses.get("quota_full"));
        assertEquals(45, stored("test-quota-race", ResponseStatus.COMPLETE));
        assertEquals(75, stored("test-quota-race", ResponseStatus.QUOTA_FULL));
        QuotaCounter region = QuarkusTransaction.requiringNew().call(() ->
                counters.findById(new QuotaCounter.Key("test-quota-race", "region", "north")));
        QuotaCounter south = QuarkusTransaction.requiringNew().call(() ->
                counters.findById(new QuotaCounter.Key("test-quota-race", "region", "south")));
        assertEquals(45, region.filled + south.filled,
                "a respondent turned away by one quota takes no place in another");
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("segment", "a", "region", "north")))
                .when().post("/api/surveys/{id}/responses", "test-quota-race")
                .then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("quota_full"))
                .body("quota", org.hamcrest.Matchers.equalTo("segment"))
                .body("cell", org.hamcrest.Matchers.equalTo("a"));
    }
}
