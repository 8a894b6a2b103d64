package io.canvass.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.canvass.access.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Analysts read published states: a new one every five completes (the survey's minimum group
 * size), so that two states they can see never differ by fewer than five respondents; their quota fill
 * is that state's too. Researchers see every complete at once.
 */
@QuarkusTest
class PublishedStatesTest {

    private static final String SURVEY = "test-published-states";
    private static final int MIN_GROUP = 5;

    @TestHTTPResource("/api/surveys/" + SURVEY + "/results/stream")
    URL stream;

    @Test
    void analystsNumbersDoNotMoveUntilFiveMoreCompletes() {
        // The researcher's (live) quota fill after each complete, by the number of completes it is of.
        Map<Long, Map<String, Long>> liveFillAt = new java.util.HashMap<>();
        int statesChecked = 0;
        boolean differedFromLive = false;
        for (int i = 0; i < 7; i++) {
            submit(i % 3 == 0 ? "y" : "x");
            JsonNode live = researcher();
            long completes = live.path("counts").path("complete").asLong();
            liveFillAt.put(completes, fill(live));
            long state = completes / MIN_GROUP * MIN_GROUP;
            JsonNode analysts = given().auth().oauth2(Tokens.analyst()).when().get("/api/surveys/{id}/results", SURVEY)
                    .then().statusCode(200)
                    .body("completesAtState", equalTo((int) state))
                    .body("n", equalTo((int) state))
                    .body("counts.complete", equalTo((int) state))
                    .body("counts.started", equalTo((int) state))
                    .extract().as(JsonNode.class);
            given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/results", SURVEY).then()
                    .body("completesAtState", equalTo((int) completes))
                    .body("n", equalTo((int) completes));

            // Quota fill too is the published state's: its cells add up to the state, and are what the live fill
            // was when the survey had that many completes.
            Map<String, Long> analystsFill = fill(analysts);
            assertEquals(state, analystsFill.values().stream().mapToLong(Long::longValue).sum(),
                    "the analyst's quota cells add up to the published state " + state + ": " + analystsFill);
            if (liveFillAt.containsKey(state)) {
                assertEquals(liveFillAt.get(state), analystsFill, "the analyst's quota fill is the one at " + state + " completes");
                statesChecked++;
            }
            differedFromLive |= !analystsFill.equals(fill(live));
        }
        assertTrue(statesChecked >= 1, "seven completes reach at least one published state seen live");
        assertTrue(differedFromLive, "between states the analyst's quota fill lags the live one");
    }

    /** A results document's quota fill: filled per cell code of the one quota. */
    private static Map<String, Long> fill(JsonNode document) {
        Map<String, Long> fill = new java.util.TreeMap<>();
        JsonNode quotas = document.path("quotas");
        assertEquals(1, quotas.size(), "the survey's one quota: " + document);
        for (JsonNode cell : quotas.path(0).path("cells")) {
            fill.put(cell.path("code").asText(), cell.path("filled").asLong());
        }
        assertEquals(java.util.Set.of("x", "y"), fill.keySet(), "a cell per code: " + document);
        return fill;
    }

    @Test
    void anAnalystsStreamStepsByTheMinimumGroupSizeWhileAResearchersFollowsEveryComplete() throws Exception {
        try (ServerSentEvents analyst = ServerSentEvents.open(stream.toString(), Tokens.analyst());
                ServerSentEvents researcher = ServerSentEvents.open(stream.toString(), Tokens.researcher())) {
            long before = researcher.next(5).path("completesAtState").asLong();
            long stateBefore = analyst.next(5).path("completesAtState").asLong();
            assertEquals(before / MIN_GROUP * MIN_GROUP, stateBefore);
            int submissions = 2 * MIN_GROUP + 1;
            for (int i = 0; i < submissions; i++) {
                submit("x");
                long expected = before + i + 1;
                researcher.nextWhere(doc -> doc.path("completesAtState").asLong() == expected, 5);
            }
            long finalState = (before + submissions) / MIN_GROUP * MIN_GROUP;
            analyst.nextWhere(doc -> doc.path("completesAtState").asLong() == finalState, 5);
            List<JsonNode> events = analyst.received();
            long previous = -1;
            for (JsonNode event : events) {
                long state = event.path("completesAtState").asLong();
                assertEquals(0, state % MIN_GROUP, "a state at a multiple of the minimum group size: " + state);
                assertEquals(state, event.path("n").asLong());
                assertTrue(previous < 0 || state == previous || state - previous >= MIN_GROUP,
                        "states " + previous + " and " + state + " differ by fewer than " + MIN_GROUP);
                previous = state;
            }
            assertTrue(events.size() <= 1 + submissions / MIN_GROUP + 1,
                    "an analyst's event only for a new state (or a keep-alive): " + events.size());
        }
    }

    private static JsonNode researcher() {
        return given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/results", SURVEY).then()
                .statusCode(200).extract().as(JsonNode.class);
    }

    private static void submit(String code) {
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("pick", code)))
                .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(201).body("status", equalTo("complete"));
    }
}
