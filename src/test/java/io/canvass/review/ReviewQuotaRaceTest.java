package io.canvass.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.canvass.access.Tokens;
import io.canvass.response.QualitySurvey;
import io.canvass.screening.QuotaCounter;
import io.canvass.screening.QuotaCounterRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rejection frees its quota place at once and exactly, also while submissions race for the cell: real
 * threads over real HTTP keep submitting into a full cell while rejections free places and acceptances try
 * to take them back. The cell never holds more than its cap and ends exactly full, with as many completes
 * as its counter says.
 */
@QuarkusTest
class ReviewQuotaRaceTest {

    private static final int CAP = 10;
    private static final int RACERS = 16;

    @Inject
    QuotaCounterRepository counters;

    private int filled(String survey) {
        QuotaCounter counter = QuarkusTransaction.requiringNew().call(() ->
                counters.findById(new QuotaCounter.Key(survey, "segment", "a")));
        return counter.filled;
    }

    @Test
    void aCellRacedForWhileRejectionsFreePlacesNeverExceedsItsCapAndEndsExactlyFull() throws Exception {
        String survey = QualitySurvey.create("review-quota-race", false, CAP);
        List<String> firstCompletes = new ArrayList<>();
        for (int n = 0; n < CAP; n++) {
            firstCompletes.add(QualitySurvey.submit(survey, QualitySurvey.answers(n, "a"), null).path("id").asText());
        }
        assertEquals(CAP, filled(survey));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger attempt = new AtomicInteger(CAP);
        AtomicInteger turnedAway = new AtomicInteger();
        ConcurrentLinkedQueue<String> racedIn = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> overCap = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(RACERS + 8);
        List<Future<?>> racers = new ArrayList<>();
        for (int r = 0; r < RACERS; r++) {
            racers.add(pool.submit(() -> {
                while (!stop.get()) {
                    JsonNode receipt = QualitySurvey.submit(survey, QualitySurvey.answers(attempt.getAndIncrement() % 480, "a"),
                            null);
                    if (receipt.path("status").asText().equals("complete")) {
                        racedIn.add(receipt.path("id").asText());
                    } else {
                        turnedAway.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Future<?> watcher = pool.submit(() -> {
            while (!stop.get()) {
                int now = filled(survey);
                if (now > CAP) {
                    overCap.add(now);
                }
                Thread.sleep(10);
            }
            return null;
        });
        await(() -> turnedAway.get() >= 40, "the racers to find the cell full");

        // Four rejections at once, in the middle of the race: each frees a place, which a racer takes.
        List<String> rejected = firstCompletes.subList(0, 4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> rejections = new ArrayList<>();
        for (String id : rejected) {
            rejections.add(pool.submit(() -> {
                go.await();
                return ReviewTest.reject(id, "Speeding through the grid").extract().statusCode();
            }));
        }
        go.countDown();
        for (Future<Integer> rejection : rejections) {
            assertEquals(200, rejection.get());
        }
        await(() -> racedIn.size() >= rejected.size(), "the freed places to be taken");

        // Two more rejections, and acceptances of the first four racing the submissions for those two places.
        ReviewTest.reject(firstCompletes.get(4), "Duplicate").statusCode(200);
        ReviewTest.reject(firstCompletes.get(5), "Duplicate").statusCode(200);
        List<Future<Integer>> acceptances = new ArrayList<>();
        for (String id : rejected) {
            acceptances.add(pool.submit(() -> ReviewTest.accept(id).extract().statusCode()));
        }
        int accepted = 0;
        for (Future<Integer> acceptance : acceptances) {
            int status = acceptance.get();
            assertTrue(status == 200 || status == 409, "accepted, or the cell was full: " + status);
            accepted += status == 200 ? 1 : 0;
        }
        int acceptedInTheEnd = accepted;
        await(() -> racedIn.size() + acceptedInTheEnd >= rejected.size() + 2, "the last freed places to be taken");
        stop.set(true);
        for (Future<?> racer : racers) {
            racer.get(60, TimeUnit.SECONDS);
        }
        watcher.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(List.of(), List.copyOf(overCap), "the counter never went over the cap");
        assertEquals(CAP, filled(survey), "exactly full");
        assertEquals(rejected.size() + 2, racedIn.size() + accepted, "every freed place taken once: " + racedIn.size()
                + " by racers, " + accepted + " by acceptances");
        List<JsonNode> completes = QualitySurvey.export(survey, Map.of());
        assertEquals(CAP, completes.size(), "as many completes as places");
        assertTrue(completes.stream().allMatch(c -> c.path("answers").path("segment").asText().equals("a")));
        assertEquals(rejected.size() + 2 - accepted, QualitySurvey.export(survey, Map.of("status", "rejected")).size());
        JsonNode results = ReviewTest.results(survey, Tokens.researcher());
        assertEquals(CAP, results.path("counts").path("complete").asLong(), "live results agree");
        assertEquals(CAP, results.path("quotas").get(0).path("cells").get(0).path("filled").asLong());
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
