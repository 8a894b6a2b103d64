package io.canvass.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.access.Tokens;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an analyst reads of a survey with one large industry ({@code it}, 45 completes) and twelve
 * small ones (1 to 3 completes each): the cell-key method defeats the differencing attack,
 * every count stays within the maximum adjustment of the truth, the same question always gets the
 * same numbers, and the survey's researchers still see everything exactly.
 *
 * <p>Record keys are random, so whether a given small group's counts happen to come out exact
 * varies from run to run. The attack needs every option count of a group right; a changed cell
 * comes out right with a probability of 0.19 to 0.31 (the table's chance that two cells draw the
 * same adjustment, or that a count of 1 to 3 is not moved), and each group changes at least seven
 * cells (its industry, region, loss size, priority and a blocker): under 1 in 3,000 per group.
 * Three or more of twelve recovered would take less than one chance in 10^8.
 */
@QuarkusTest
class DisclosureControlTest {

    static final String SURVEY = "test-disclosure";
    private static final int MAX_ADJUSTMENT = 2;
    private static final int MIN_GROUP = 5;
    private static final List<String> SMALL = List.of("legal", "mining", "media", "retail", "energy", "transport",
            "pharma", "telecom", "farming", "tourism", "defence", "utilities");
    private static final int[] SMALL_SIZES = {1, 2, 3, 1, 2, 3, 1, 2, 3, 2, 3, 2};
    private static final int BIG = 45;
    /** 45 + 25: a multiple of the minimum group size, so the analysts' state holds every complete. */
    private static final int TOTAL = 70;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Map<String, List<ObjectNode>> answersByIndustry = new LinkedHashMap<>();

    @BeforeEach
    void submitOnce() throws Exception {
        if (!answersByIndustry.isEmpty()) {
            return;
        }
        Random random = new Random(2026);
        List<ObjectNode> big = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            big.add(submit(randomAnswers("it", random)));
        }
        answersByIndustry.put("it", big);
        for (int g = 0; g < SMALL.size(); g++) {
            List<ObjectNode> group = new ArrayList<>();
            for (int i = 0; i < SMALL_SIZES[g]; i++) {
                group.add(submit(randomAnswers(SMALL.get(g), random)));
            }
            answersByIndustry.put(SMALL.get(g), group);
        }
        awaitAnalystState(SURVEY, TOTAL);
    }

    @Test
    void theDifferencingAttackRecoversWellUnderAQuarterOfTheSmallGroupsForAnAnalyst() throws Exception {
        int recovered = differencingAttack(Tokens.analyst());
        assertTrue(recovered <= 2, recovered + " of 12 small groups' answers recovered exactly");
    }

    /**
     * An analyst's filter whose codes include one that picks out fewer than the minimum (here: a lone
     * legal respondent beside the 45 in IT) shows nothing of that group: the counts are blurred, but which
     * options did not move between the two documents would still tell what that person did not answer.
     * Here the IT respondents answered first, so the group {@code it,legal} last grew by a minimum group
     * before any legal respondent came: it is shown at that state, the same rows and numbers as {@code it}
     * alone, or, once the small group is in it, suppressed.
     */
    @Test
    void anAnalystsFilterWithACodeThatIsolatesASmallGroupShowsNothingOfIt() throws Exception {
        JsonNode it = results(Tokens.analyst(), "industry:it");
        assertFalse(it.path("suppressed").asBoolean());
        for (String small : SMALL) {
            JsonNode both = results(Tokens.analyst(), "industry:it," + small);
            if (!both.path("suppressed").asBoolean()) {
                assertEquals(it.get("questions"), both.get("questions"), small + ": only the IT respondents' numbers");
                assertEquals(it.get("n"), both.get("n"), small);
                assertTrue(both.path("completesAtState").asLong() < TOTAL, small + ": an earlier state");
            }
            assertFalse(results(Tokens.researcher(), "industry:it," + small).path("suppressed").asBoolean(), small);
        }
    }

    /**
     * Once such a group has grown by a minimum group after its small members came, it is shown at a state that
     * holds them: then it is suppressed. IT and five small industries (1, 2, 3, 1 and 2 respondents, in that
     * order after the 45 in IT) reach 50 members at the state of 50 completes, with the lone legal respondent in.
     */
    @Test
    void aGroupShownWithASmallGroupInItIsSuppressedForAnalysts() throws Exception {
        String filter = "industry:it," + String.join(",", SMALL.subList(0, 5));
        assertTrue(results(Tokens.analyst(), filter).path("suppressed").asBoolean());
        assertFalse(results(Tokens.researcher(), filter).path("suppressed").asBoolean());
    }

    /**
     * The other way two large groups can differ by a small one: a second filter that leaves out a few.
     * {@code industry:it} against {@code industry:it} with every priority but the one a few IT respondents
     * chose differs by exactly those few, so an analyst gets the second suppressed.
     */
    @Test
    void anAnalystsFilterThatLeavesOutASmallGroupIsSuppressed() throws Exception {
        Map<Integer, Long> priorities = new TreeMap<>();
        Map<String, Long> regionAndPriority = new TreeMap<>();
        for (ObjectNode answers : answersByIndustry.get("it")) {
            priorities.merge(answers.get("priority").asInt(), 1L, Long::sum);
            regionAndPriority.merge(answers.get("region").asText() + ":" + answers.get("priority").asInt(), 1L, Long::sum);
        }
        // Within IT and one region, a priority a few chose (1 to 4 of them): every other priority leaves them out.
        Map.Entry<String, Long> few = regionAndPriority.entrySet().stream()
                .filter(e -> e.getValue() >= 1 && e.getValue() < MIN_GROUP).findFirst().orElseThrow();
        String region = few.getKey().split(":")[0];
        int leftOut = Integer.parseInt(few.getKey().split(":")[1]);
        String others = priorities.keySet().stream().filter(p -> p != leftOut).map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        long inRegion = answersByIndustry.get("it").stream().filter(a -> a.get("region").asText().equals(region)).count();
        assertTrue(inRegion - few.getValue() >= MIN_GROUP, "the larger group is large enough on its own");

        assertFalse(results(Tokens.analyst(), "industry:it", "region:" + region).path("suppressed").asBoolean());
        assertTrue(results(Tokens.analyst(), "industry:it", "region:" + region, "priority:" + others)
                .path("suppressed").asBoolean(), "differs from the one above by " + few.getValue());
        assertTrue(crosstab(Tokens.analyst(), "loss_size", "blockers", new String[] {"industry:it", "region:" + region,
                "priority:" + others}).path("suppressed").asBoolean(), "the crosstab too");
        assertFalse(results(Tokens.researcher(), "industry:it", "region:" + region, "priority:" + others)
                .path("suppressed").asBoolean(), "researchers read exact rows anyway");
    }

    /** The same attack against exact numbers: proof that the test above can fail. */
    @Test
    void theSameAttackReadsEverySmallGroupOffExactNumbers() throws Exception {
        assertEquals(SMALL.size(), differencingAttack(Tokens.researcher()));
    }

    /**
     * results(filter=industry:it,small) − results(filter=industry:it), option by option, against the
     * small group's true counts: how many groups come out exactly, every option of every question.
     */
    private int differencingAttack(String token) throws Exception {
        ResultsRecomputation truth = new ResultsRecomputation(definition());
        JsonNode big = results(token, "industry:it");
        assertFalse(big.path("suppressed").asBoolean());
        int recovered = 0;
        for (String small : SMALL) {
            JsonNode both = results(token, "industry:it," + small);
            if (both.path("suppressed").asBoolean()) {
                continue;
            }
            ObjectNode expected = truth.results(answersByIndustry.get(small));
            boolean exact = true;
            for (int q = 0; q < expected.get("questions").size(); q++) {
                JsonNode options = expected.get("questions").get(q).path("options");
                for (int o = 0; o < options.size(); o++) {
                    long difference = count(both, q, o) - count(big, q, o);
                    exact &= difference == options.get(o).path("count").asLong();
                }
            }
            recovered += exact ? 1 : 0;
        }
        return recovered;
    }

    private static long count(JsonNode document, int question, int option) {
        return document.get("questions").get(question).get("options").get(option).get("count").asLong();
    }

    @Test
    void everyAnalystCountIsWithinTheMaximumAdjustmentOfTheTruthAndZeroStaysZero() throws Exception {
        int moved = 0;
        ResultsRecomputation truth = new ResultsRecomputation(definition());
        List<ObjectNode> inLogOrder = answersByIndustry.values().stream().flatMap(List::stream).toList();
        for (String filter : List.of("industry:it", "region:eu", "region:us,asia", "blockers:cost", "priority:4,5",
                "loss_size:none,lt_10m")) {
            JsonNode perturbed = results(Tokens.analyst(), filter);
            // The truth at the state the document shows: the first so many completes, in the order they came.
            List<ObjectNode> state = inLogOrder.subList(0, (int) perturbed.path("completesAtState").asLong());
            JsonNode exact = truth.results(state.stream().filter(truth.filter(filter)).toList());
            assertFalse(results(Tokens.researcher(), filter).path("suppressed").asBoolean(), filter);
            if (perturbed.path("suppressed").asBoolean()) {
                // Only where the published group size fell below the minimum.
                assertTrue(exact.path("n").asLong() < MIN_GROUP + MAX_ADJUSTMENT
                        || state.size() - exact.path("n").asLong() < MIN_GROUP + MAX_ADJUSTMENT, filter);
                continue;
            }
            List<long[]> pairs = new ArrayList<>();
            collectCounts(exact, perturbed, pairs);
            for (long[] pair : pairs) {
                assertTrue(Math.abs(pair[0] - pair[1]) <= MAX_ADJUSTMENT && pair[1] >= 0, filter + ": " + pair[1]
                        + " for a true " + pair[0]);
                assertTrue(pair[0] != 0 || pair[1] == 0, filter + ": a true zero published as " + pair[1]);
                moved += pair[0] != pair[1] ? 1 : 0;
            }
            for (JsonNode percent : perturbed.findValues("percent")) {
                assertTrue(percent.isNull() || percent.asDouble() >= 0 && percent.asDouble() <= 100, filter + ": " + percent);
            }
        }
        assertTrue(moved > 20, "the analyst's counts are perturbed at all: " + moved + " moved");
    }

    /** n, answered and every option count of every question, exact against published, in document order. */
    private static void collectCounts(JsonNode exact, JsonNode published, List<long[]> pairs) {
        pairs.add(new long[] {exact.path("n").asLong(), published.path("n").asLong()});
        for (int q = 0; q < exact.get("questions").size(); q++) {
            JsonNode e = exact.get("questions").get(q);
            JsonNode p = published.get("questions").get(q);
            for (String field : List.of("n", "answered")) {
                if (e.has(field)) {
                    pairs.add(new long[] {e.path(field).asLong(), p.path(field).asLong()});
                }
            }
            for (int o = 0; o < e.path("options").size(); o++) {
                pairs.add(new long[] {count(exact, q, o), count(published, q, o)});
            }
        }
    }

    @Test
    void theSameQuestionAlwaysGetsTheSameNumbers() throws Exception {
        for (String filter : List.of("industry:it", "region:eu,us", "blockers:privacy")) {
            JsonNode first = withoutTime(results(Tokens.analyst(), filter));
            for (int repeat = 0; repeat < 3; repeat++) {
                assertEquals(first, withoutTime(results(Tokens.analyst(), filter)), filter);
            }
        }
        JsonNode crosstab = withoutTime(crosstab(Tokens.analyst(), "loss_size", "region"));
        assertEquals(crosstab, withoutTime(crosstab(Tokens.analyst(), "loss_size", "region")));
    }

    @Test
    void unfilteredTotalsAreExactForAnalystsAtTheState() throws Exception {
        JsonNode analyst = results(Tokens.analyst());
        JsonNode researcher = results(Tokens.researcher());
        assertEquals(TOTAL, analyst.path("completesAtState").asLong());
        assertEquals(withoutTime(researcher), withoutTime(analyst), "nothing to perturb without a filter");
        assertFalse(analyst.has("disclosureControl"));
    }

    @Test
    void documentsSayWhichStateTheyShowAndHowTheirCountsWereProtected() throws Exception {
        JsonNode filtered = results(Tokens.analyst(), "region:eu");
        long groupState = filtered.path("completesAtState").asLong();
        assertTrue(groupState > 0 && groupState <= TOTAL && groupState % MIN_GROUP == 0, "a state: " + groupState);
        assertEquals("cell-key", filtered.path("disclosureControl").path("method").asText());
        assertEquals(MAX_ADJUSTMENT, filtered.path("disclosureControl").path("maxAdjustment").asInt());
        assertEquals(MIN_GROUP, filtered.path("disclosureControl").path("minGroupSize").asInt());
        JsonNode small = results(Tokens.analyst(), "industry:legal");
        assertTrue(small.path("suppressed").asBoolean(), "a group of one");
        assertEquals("cell-key", small.path("disclosureControl").path("method").asText());
        assertFalse(results(Tokens.researcher(), "region:eu").has("disclosureControl"), "a researcher's counts are exact");
        assertFalse(crosstab(Tokens.researcher(), "loss_size", "region").has("disclosureControl"));
        assertEquals(TOTAL, crosstab(Tokens.researcher(), "loss_size", "region").path("completesAtState").asLong());
    }

    /**
     * Every count of an analyst's crosstab is perturbed, the totals too (with or without a filter),
     * within the maximum of the truth; and a cell is the same number wherever it appears: the
     * completes in Europe with no losses are one cell, in the crosstab and in a filtered result.
     */
    @Test
    void crosstabCellsAndTotalsArePerturbedAndACellIsTheSameNumberWhereverItAppears() throws Exception {
        for (String filter : new String[] {null, "priority:3,4,5"}) {
            JsonNode exact = crosstab(Tokens.researcher(), "loss_size", "region", filter);
            JsonNode perturbed = crosstab(Tokens.analyst(), "loss_size", "region", filter);
            assertEquals("cell-key", perturbed.path("disclosureControl").path("method").asText());
            assertEquals(withoutTime(perturbed), withoutTime(crosstab(Tokens.analyst(), "loss_size", "region", filter)));
            int moved = 0;
            List<long[]> pairs = new ArrayList<>();
            pairs.add(new long[] {exact.path("n").asLong(), perturbed.path("n").asLong()});
            for (int c = 0; c < exact.get("columns").size(); c++) {
                if (!perturbed.get("columns").get(c).path("suppressed").asBoolean()) {
                    pairs.add(new long[] {exact.get("columns").get(c).path("n").asLong(),
                            perturbed.get("columns").get(c).path("n").asLong()});
                }
            }
            for (int r = 0; r < exact.get("rows").size(); r++) {
                JsonNode row = perturbed.get("rows").get(r);
                if (row.path("suppressed").asBoolean()) {
                    continue;
                }
                pairs.add(new long[] {exact.get("rows").get(r).path("n").asLong(), row.path("n").asLong()});
                for (int c = 0; c < row.get("cells").size(); c++) {
                    if (!row.get("cells").get(c).path("suppressed").asBoolean()) {
                        pairs.add(new long[] {exact.get("rows").get(r).get("cells").get(c).path("count").asLong(),
                                row.get("cells").get(c).path("count").asLong()});
                    }
                }
            }
            for (long[] pair : pairs) {
                assertTrue(Math.abs(pair[0] - pair[1]) <= MAX_ADJUSTMENT, filter + ": " + pair[1] + " for " + pair[0]);
                moved += pair[0] != pair[1] ? 1 : 0;
            }
            assertTrue(moved > 0, "perturbed at all: " + filter);
        }
        JsonNode crosstab = crosstab(Tokens.analyst(), "loss_size", "region");
        JsonNode europe = results(Tokens.analyst(), "region:eu");
        int lossSize = 2;
        assertEquals("loss_size", europe.get("questions").get(lossSize).path("id").asText());
        int eu = 0;
        assertEquals("eu", crosstab.get("columns").get(eu).path("code").asText());
        for (int r = 0; r < crosstab.get("rows").size(); r++) {
            JsonNode row = crosstab.get("rows").get(r);
            if (!row.path("suppressed").asBoolean() && !row.get("cells").get(eu).path("suppressed").asBoolean()) {
                assertEquals(count(europe, lossSize, r), row.get("cells").get(eu).path("count").asLong(),
                        "Europe × " + row.path("code").asText());
            }
        }
    }

    @Test
    void aGroupTooSmallIsSuppressedForAnalystsAsForResearchers() throws Exception {
        for (String token : List.of(Tokens.analyst(), Tokens.researcher())) {
            JsonNode small = results(token, "industry:legal,mining");
            assertTrue(small.path("suppressed").asBoolean());
            assertFalse(small.has("questions"));
            assertFalse(small.has("n"));
        }
        given().auth().oauth2(Tokens.analyst()).queryParam("rows", "loss_size").queryParam("columns", "region")
                .queryParam("filter", "industry:media").when().get("/api/surveys/{id}/results/crosstab", SURVEY)
                .then().statusCode(200).body("suppressed", equalTo(true));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static SurveyDefinition definition() throws Exception {
        return DefinitionParser.parse(Files.readString(Path.of("src/test/resources/questionnaire/test-disclosure.yaml")),
                DefinitionFormat.YAML, "test-disclosure.yaml");
    }

    private static ObjectNode randomAnswers(String industry, Random random) {
        ObjectNode answers = JSON.createObjectNode();
        answers.put("industry", industry);
        answers.put("region", List.of("eu", "us", "asia").get(random.nextInt(3)));
        answers.put("loss_size", List.of("none", "lt_10m", "10m_200m", "gt_200m").get(random.nextInt(4)));
        answers.put("priority", 1 + random.nextInt(5));
        ArrayNode blockers = answers.putArray("blockers");
        if (random.nextInt(5) == 0) {
            blockers.add("none");
        } else {
            for (String blocker : List.of("cost", "skills", "privacy")) {
                if (random.nextBoolean()) {
                    blockers.add(blocker);
                }
            }
            if (blockers.isEmpty()) {
                blockers.add("cost");
            }
        }
        return answers;
    }

    private static ObjectNode submit(ObjectNode answers) {
        given().contentType(ContentType.JSON).body(Map.of("answers", answers))
                .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(201).body("status", equalTo("complete"));
        return answers;
    }

    static JsonNode awaitAnalystState(String survey, long completes) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode document;
        do {
            document = JSON.readTree(given().auth().oauth2(Tokens.analyst()).when().get("/api/surveys/{id}/results", survey)
                    .then().statusCode(200).extract().asString());
            if (document.path("completesAtState").asLong() == completes) {
                return document;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the analysts' state of " + survey + " did not reach " + completes + ": " + document);
    }

    private static JsonNode results(String token, String... filters) throws Exception {
        RequestSpecification request = given().auth().oauth2(token);
        if (filters.length > 0) {
            request.queryParam("filter", (Object[]) filters);
        }
        return JSON.readTree(request.when().get("/api/surveys/{id}/results", SURVEY).then().statusCode(200)
                .extract().asString());
    }

    private static JsonNode crosstab(String token, String rows, String columns) throws Exception {
        return crosstab(token, rows, columns, new String[0]);
    }

    private static JsonNode crosstab(String token, String rows, String columns, String filter) throws Exception {
        return crosstab(token, rows, columns, filter == null ? new String[0] : new String[] {filter});
    }

    private static JsonNode crosstab(String token, String rows, String columns, String[] filters) throws Exception {
        RequestSpecification request = given().auth().oauth2(token).queryParam("rows", rows).queryParam("columns", columns);
        if (filters.length > 0) {
            request.queryParam("filter", (Object[]) filters);
        }
        return JSON.readTree(request.when().get("/api/surveys/{id}/results/crosstab", SURVEY).then().statusCode(200)
                .extract().asString());
    }

    private static JsonNode withoutTime(JsonNode document) {
        return ((ObjectNode) document.deepCopy()).without("asOf");
    }
}
