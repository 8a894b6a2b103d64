package io.canvass.respondent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canvass.access.Tokens;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.canvass.screening.QuotaCounter;
import io.canvass.screening.QuotaCounterRepository;
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

/**
 * Browser respondents submitting their last page and API submissions race for the same four quota
 * places: both are stored by the same writer statements under the same counter lock, so the cell
 * ends exactly full whichever path each complete took, and everyone else is quota full.
 */
@QuarkusTest
class BrowserAndApiQuotaRaceTest {

    private static final String SURVEY = "test-mixed-quota";
    private static final int CAP = 4;
    private static final int EACH = 8;

    @Inject
    ResponseRepository responses;

    @Inject
    QuotaCounterRepository counters;

    @Test
    void browserAndApiCompletesShareTheCellsPlacesExactly() throws Exception {
        List<RespondentQualityTest.Visitor> browsers = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            RespondentQualityTest.Visitor visitor = new RespondentQualityTest.Visitor();
            visitor.get("/s/" + SURVEY).then().statusCode(200);
            visitor.post("/s/" + SURVEY + "/start", Map.of()).then().statusCode(303);
            visitor.get(visitor.location).then().statusCode(200);
            // Page 1 puts them in the cell, which has room: they go on to the last page.
            visitor.post(visitor.location, Map.of("segment", "a", "action", "continue")).then().statusCode(303);
            visitor.get(visitor.location).then().statusCode(200);
            browsers.add(visitor);
        }

        ExecutorService pool = Executors.newFixedThreadPool(2 * EACH);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (RespondentQualityTest.Visitor visitor : browsers) {
            outcomes.add(pool.submit(() -> {
                start.await();
                visitor.post(visitor.location, Map.of("note", "", "action", "continue")).then().statusCode(303);
                String ending = visitor.location.substring(visitor.location.lastIndexOf('/') + 1);
                return ending.equals("thank-you") ? "complete" : ending.equals("quota-full") ? "quota_full" : ending;
            }));
        }
        for (int i = 0; i < EACH; i++) {
            outcomes.add(pool.submit(() -> {
                start.await();
                return given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("segment", "a")))
                        .when().post("/api/surveys/{id}/responses", SURVEY)
                        .then().statusCode(201).extract().<String>path("status");
            }));
        }
        start.countDown();
        Map<String, Integer> statuses = new HashMap<>();
        for (Future<String> outcome : outcomes) {
            statuses.merge(outcome.get(), 1, Integer::sum);
        }
        pool.shutdown();

        assertEquals(Map.of("complete", CAP, "quota_full", 2 * EACH - CAP), statuses);
        assertEquals(CAP, QuarkusTransaction.requiringNew().call(() -> responses.countByStatus(SURVEY, ResponseStatus.COMPLETE)));
        assertEquals(2 * EACH - CAP,
                QuarkusTransaction.requiringNew().call(() -> responses.countByStatus(SURVEY, ResponseStatus.QUOTA_FULL)));
        QuotaCounter counter = QuarkusTransaction.requiringNew().call(() ->
                counters.findById(new QuotaCounter.Key(SURVEY, "segment", "a")));
        assertEquals(CAP, counter.filled);
        // The live results counted each path's completes once, from the writer's one event.
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/results", SURVEY)
                .then().statusCode(200)
                .body("counts.complete", org.hamcrest.Matchers.equalTo(CAP))
                .body("counts.quota_full", org.hamcrest.Matchers.equalTo(2 * EACH - CAP))
                .body("counts.in_progress", org.hamcrest.Matchers.equalTo(0));
    }
}
