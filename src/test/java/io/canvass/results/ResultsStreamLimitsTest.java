package io.canvass.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Streams are bounded: per person and per instance, by their token's lifetime, and never for surveys that do not exist. */
@QuarkusTest
class ResultsStreamLimitsTest {

    private static final String SURVEY = "test-published-states";
    private static final int PER_SUBJECT = 10;

    @TestHTTPResource("/api/surveys/" + SURVEY + "/results/stream")
    URL stream;

    @Inject
    ResultsIndex index;

    @Inject
    ResultsStreams streams;

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        long opened = System.nanoTime();
        try (ServerSentEvents events = ServerSentEvents.open(stream.toString(), Tokens.analystExpiringIn(Duration.ofSeconds(3)))) {
            events.next(5);
            assertTrue(events.endsWithin(10_000), "the stream outlived its token");
            long lasted = (System.nanoTime() - opened) / 1_000_000;
            assertTrue(lasted >= 1500, "ended too early: " + lasted + " ms");
        }
    }

    @Test
    void refusesMoreStreamsThanOnePersonMayHoldWith429() throws Exception {
        String token = Tokens.analyst("many.tabs@example.com");
        List<ServerSentEvents> open = new ArrayList<>();
        try {
            for (int i = 0; i < PER_SUBJECT; i++) {
                ServerSentEvents events = ServerSentEvents.open(stream.toString(), token);
                events.next(5);
                open.add(events);
            }
            given().auth().oauth2(token).accept("text/event-stream").when().get(stream.toString()).then()
                    .statusCode(429).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:canvass:problem:too-many-streams"))
                    .body("detail", containsString(PER_SUBJECT + " live results streams"));
            // Someone else is not held back by it.
            try (ServerSentEvents other = ServerSentEvents.open(stream.toString(), Tokens.analyst("one.tab@example.com"))) {
                other.next(5);
            }
        } finally {
            open.forEach(ServerSentEvents::close);
        }
        // Closed streams give their places back.
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = given().auth().oauth2(token).when().get("/api/surveys/{id}/results", SURVEY).statusCode() == 200
                    && streams.open() < PER_SUBJECT ? 200 : 0;
        } while (status != 200 && System.nanoTime() < deadline);
        try (ServerSentEvents again = ServerSentEvents.open(stream.toString(), token)) {
            again.next(5);
        }
    }

    @Test
    void unknownSurveysAre404AndLeaveNothingInTheIndex() {
        int surveys = index.surveys();
        int openStreams = streams.open();
        for (int i = 0; i < 20; i++) {
            String id = "no-such-survey-" + UUID.randomUUID();
            for (String path : List.of("/results", "/results/stream", "/results/crosstab?rows=a&columns=b")) {
                given().auth().oauth2(Tokens.analyst()).when().get("/api/surveys/" + id + path).then().statusCode(404)
                        .contentType("application/problem+json");
            }
        }
        assertEquals(surveys, index.surveys());
        assertEquals(openStreams, streams.open(), "refused streams hold no place");
    }
}
