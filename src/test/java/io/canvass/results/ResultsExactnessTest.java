package io.canvass.results;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.access.Tokens;
import io.canvass.bench.RandomAnswers;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of random valid responses to a copy of the 2023 survey in its five languages, half of them submitted
 * concurrently, then every number of /results, filtered results and crosstabs checked against a
 * recomputation from the NDJSON export of the stored responses (the language filters and crosstabs from its
 * language field): exactly for a researcher of the
 * survey; for an analyst, at the published state, exactly where unfiltered and within the maximum
 * adjustment of the cell-key method elsewhere, the same on every repeat.
 */
@QuarkusTest
class ResultsExactnessTest {

    private static final String SURVEY = "test-exactness";
    private static final List<String> LANGUAGES = List.of("en", "ja", "ko", "de", "fr");
    private static final int MIN_GROUP = 5;
    private static final int MAX_ADJUSTMENT = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyNumberMatchesARecomputationFromTheExport() throws Exception {
        String yaml = Files.readString(Path.of("questionnaire/aiia-genai-2023.yaml"))
                .replaceFirst("(?m)^id: aiia-genai-2023$", "id: " + SURVEY);
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .auth().oauth2(Tokens.researcher()).contentType("application/yaml; charset=UTF-8").body(yaml)
                .when().post("/api/surveys").then().statusCode(201);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .when().post("/api/surveys/{id}/publish", SURVEY).then().statusCode(200);
        // The survey is the researcher's: the analyst reads its results with a grant.
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .body(Map.of("subject", "anil.analyst@example.com", "role", "analyst"))
                .when().post("/api/surveys/{id}/grants", SURVEY).then().statusCode(201);
        SurveyDefinition definition = DefinitionParser.parse(yaml, DefinitionFormat.YAML, SURVEY);

        List<ObjectNode> submissions = randomSubmissions(definition, 400);
        for (ObjectNode answers : submissions.subList(0, 200)) {
            submit(answers);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> racing = new ArrayList<>();
            for (ObjectNode answers : submissions.subList(200, 400)) {
                racing.add(pool.submit(() -> submit(answers)));
            }
            for (Future<?> submission : racing) {
                submission.get();
            }
        } finally {
            pool.shutdown();
        }

        List<JsonNode> exported = export();
        assertEquals(400, exported.size());
        List<ObjectNode> completes = exported.stream().filter(r -> r.path("status").asText().equals("complete"))
                .map(ResultsRecomputation::answersOf).toList();
        long screenedOut = exported.stream().filter(r -> r.path("status").asText().equals("screened_out")).count();
        assertTrue(completes.size() > 300 && screenedOut > 0, completes.size() + " completes, " + screenedOut + " screened out");
        for (String language : LANGUAGES) {
            long answeredIn = exported.stream().filter(r -> r.path("language").asText().equals(language)).count();
            assertTrue(answeredIn > 40, answeredIn + " responses in " + language + ": every language's filter has a group");
        }
        ResultsRecomputation expected = new ResultsRecomputation(definition);

        JsonNode all = results(List.of());
        assertEquals(400, all.path("counts").path("started").asLong());
        assertEquals(completes.size(), all.path("counts").path("complete").asLong());
        assertEquals(screenedOut, all.path("counts").path("screened_out").asLong());
        assertEquals(0, all.path("counts").path("quota_full").asLong());
        assertSameQuestions(expected.results(completes), all, "unfiltered");

        List<List<String>> filterSets = List.of(
                List.of("industry:it,financial,healthcare,pharma"),
                List.of("hq_region:eu,us", "genai_blockers:cost"),
                List.of("ai_use_today.marketing:limited,widespread"),
                List.of("genai_priority_2023:4,5"),
                List.of("genai_blockers:cost", "genai_blockers:privacy"),
                List.of("governance_losses:yes", "governance_loss_size:gt_200m"),
                List.of("revenue:gt_50b", "industry:it", "hq_region:japan"),
                List.of("language:ja"),
                List.of("language:ko,de", "hq_region:eu,us"),
                List.of("language:fr", "genai_blockers:cost"));
        for (List<String> filters : filterSets) {
            Predicate<ObjectNode> matches = filters.stream().map(expected::filter).reduce(a -> true, Predicate::and);
            List<ObjectNode> group = completes.stream().filter(matches).toList();
            JsonNode actual = results(filters);
            boolean small = group.size() < MIN_GROUP || (completes.size() - group.size() > 0
                    && completes.size() - group.size() < MIN_GROUP);
            assertEquals(small, actual.path("suppressed").asBoolean(), filters + " with " + group.size() + " completes");
            if (small) {
                assertFalse(actual.has("questions"), filters.toString());
            } else {
                assertSameQuestions(expected.results(group), actual, filters.toString());
            }
        }

        assertSameCrosstab(expected, completes, "genai_priority_2023", "hq_region", List.of());
        assertSameCrosstab(expected, completes, "genai_blockers", "industry", List.of());
        assertSameCrosstab(expected, completes, "ai_use_today.marketing", "revenue", List.of("hq_region:eu,us,uk"));
        assertSameCrosstab(expected, completes, "benefits_today", "benefits_18m", List.of("genai_priority_2023:3,4,5"));
        assertSameCrosstab(expected, completes, "language", "hq_region", List.of());
        assertSameCrosstab(expected, completes, "genai_blockers", "language", List.of("revenue:gt_50b,10b_50b"));

        // Analysts: top up to a multiple of the minimum group size, so that the published state holds every complete.
        Random random = new Random(11);
        RandomAnswers more = new RandomAnswers(definition, 99L);
        long total = completes.size();
        while (total % MIN_GROUP != 0) {
            ObjectNode answers = more.next();
            answers.put("revenue", random.nextBoolean() ? "gt_50b" : "10b_50b");
            total += submit(answers).equals("complete") ? 1 : 0;
        }
        List<ObjectNode> allCompletes = export().stream().filter(r -> r.path("status").asText().equals("complete"))
                .map(ResultsRecomputation::answersOf).toList();
        assertEquals(total, allCompletes.size());
        JsonNode atState = awaitAnalystState(total);
        assertSameQuestions(expected.results(allCompletes), atState, "analyst, unfiltered: exact at the state");
        assertEquals(total, atState.path("counts").path("complete").asLong());
        assertFalse(atState.has("disclosureControl"), "no count of it is perturbed");
        // An analyst's filtered group is shown at the state it last grew by a minimum group: the first so many
        // completes of the change log.
        List<ObjectNode> inLogOrder = completesInLogOrder();
        assertEquals(total, inLogOrder.size());
        for (List<String> filters : filterSets) {
            Predicate<ObjectNode> matches = filters.stream().map(expected::filter).reduce(a -> true, Predicate::and);
            JsonNode actual = results(filters, Tokens.analyst());
            assertEquals(withoutTime(actual), withoutTime(results(filters, Tokens.analyst())),
                    "the same query, the same numbers: " + filters);
            assertEquals(MAX_ADJUSTMENT, actual.path("disclosureControl").path("maxAdjustment").asInt());
            assertEquals("cell-key", actual.path("disclosureControl").path("method").asText());
            List<ObjectNode> state = inLogOrder.subList(0, (int) actual.path("completesAtState").asLong());
            List<ObjectNode> group = state.stream().filter(matches).toList();
            if (state.size() < total) {
                long gained = inLogOrder.stream().filter(matches).count() - group.size();
                assertTrue(gained > 0 && gained < MIN_GROUP, filters + ": shown at an earlier state only while the group has"
                        + " gained fewer than a minimum group since (" + gained + ")");
            }
            long rest = state.size() - group.size();
            if (group.size() < MIN_GROUP || (rest > 0 && rest < MIN_GROUP)) {
                assertTrue(actual.path("suppressed").asBoolean(), filters + " with " + group.size() + " completes");
            } else if (group.size() >= MIN_GROUP + MAX_ADJUSTMENT && rest >= MIN_GROUP + MAX_ADJUSTMENT) {
                assertFalse(actual.path("suppressed").asBoolean(), filters + " with " + group.size() + " completes");
            }
            if (!actual.path("suppressed").asBoolean()) {
                assertWithinAdjustment(expected.results(group), actual, filters.toString());
            }
        }
        assertCrosstabWithinAdjustment(expected, inLogOrder, "genai_priority_2023", "hq_region", List.of());
        assertCrosstabWithinAdjustment(expected, inLogOrder, "genai_blockers", "industry", List.of());
        assertCrosstabWithinAdjustment(expected, inLogOrder, "ai_use_today.marketing", "revenue", List.of("hq_region:eu,us,uk"));
        assertCrosstabWithinAdjustment(expected, inLogOrder, "language", "industry", List.of());
    }

    /** The survey's completes in the order of the change log, as the published states take them. */
    private List<ObjectNode> completesInLogOrder() throws Exception {
        List<ObjectNode> completes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT r.answers, r.language FROM response_change c"
                        + " JOIN response r ON r.id = c.response_id WHERE c.survey_id = ? AND c.status = 'COMPLETE' ORDER BY c.id")) {
            statement.setString(1, SURVEY);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    completes.add(((ObjectNode) JSON.readTree(rows.getString(1)))
                            .put(ResultsRecomputation.LANGUAGE_KEY, rows.getString(2)));
                }
            }
        }
        return completes;
    }

    private static JsonNode withoutTime(JsonNode document) {
        return ((ObjectNode) document.deepCopy()).without("asOf");
    }

    private static JsonNode awaitAnalystState(long completes) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode results;
        do {
            results = results(List.of(), Tokens.analyst());
            if (results.path("completesAtState").asLong() == completes) {
                return results;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the analysts' state did not reach " + completes + " completes: " + results);
    }

    /** Every count of a question (n, answered, options, matrix rows) within the maximum adjustment of the truth. */
    private static void assertWithinAdjustment(ObjectNode expected, JsonNode actual, String what) {
        assertClose(expected.path("n").asLong(), actual.path("n"), what + ": n");
        for (int i = 0; i < expected.get("questions").size(); i++) {
            JsonNode question = expected.get("questions").get(i);
            JsonNode shown = actual.get("questions").get(i);
            String where = what + ": " + question.path("id").asText();
            assertCountsClose(question, shown, where);
            for (int r = 0; r < question.path("rows").size(); r++) {
                assertCountsClose(question.path("rows").get(r), shown.path("rows").get(r), where + " row " + r);
            }
            for (JsonNode percent : shown.findValues("percent")) {
                assertTrue(percent.isNull() || percent.asDouble() >= 0 && percent.asDouble() <= 100, where + ": " + percent);
            }
        }
    }

    private static void assertCountsClose(JsonNode expected, JsonNode actual, String where) {
        for (String field : List.of("n", "answered")) {
            if (expected.has(field)) {
                assertClose(expected.path(field).asLong(), actual.path(field), where + " " + field);
            }
        }
        for (int o = 0; o < expected.path("options").size(); o++) {
            assertClose(expected.path("options").get(o).path("count").asLong(), actual.path("options").get(o).path("count"),
                    where + " option " + expected.path("options").get(o).path("code").asText());
        }
    }

    private static void assertClose(long truth, JsonNode shown, String where) {
        assertTrue(shown.isNumber(), where + ": " + shown);
        assertTrue(Math.abs(shown.asLong() - truth) <= MAX_ADJUSTMENT && shown.asLong() >= 0 && (truth != 0 || shown.asLong() == 0),
                where + ": " + shown.asLong() + " for a true " + truth);
    }

    private static void assertCrosstabWithinAdjustment(ResultsRecomputation expected, List<ObjectNode> completes, String rows,
            String columns, List<String> filters) throws Exception {
        JsonNode actual = crosstab(rows, columns, filters, Tokens.analyst());
        String what = "analyst " + rows + " × " + columns + " " + filters;
        assertEquals(withoutTime(actual), withoutTime(crosstab(rows, columns, filters, Tokens.analyst())),
                what + ": the same on every repeat");
        assertEquals("cell-key", actual.path("disclosureControl").path("method").asText(), what);
        assertFalse(actual.path("suppressed").asBoolean(), what);
        List<String> rowCodes = ResultsRecomputation.list(actual.get("rows"), "code");
        List<String> columnCodes = ResultsRecomputation.list(actual.get("columns"), "code");
        Predicate<ObjectNode> matches = filters.stream().map(expected::filter).reduce(a -> true, Predicate::and);
        // At the state the document says: a filtered group steps by minimum groups of its members.
        List<ObjectNode> state = completes.subList(0, (int) actual.path("completesAtState").asLong());
        ResultsRecomputation.Crosstab table = expected.crosstab(state.stream().filter(matches).toList(), rows, columns,
                rowCodes, columnCodes);
        assertClose(table.n(), actual.path("n"), what + ": n");
        for (int c = 0; c < columnCodes.size(); c++) {
            JsonNode column = actual.get("columns").get(c);
            if (!column.path("suppressed").asBoolean()) {
                assertClose(table.columnSizes()[c], column.path("n"), what + " column " + columnCodes.get(c));
            }
        }
        for (int r = 0; r < rowCodes.size(); r++) {
            JsonNode row = actual.get("rows").get(r);
            if (row.path("suppressed").asBoolean()) {
                continue;
            }
            assertClose(table.rowSizes()[r], row.path("n"), what + " row " + rowCodes.get(r));
            for (int c = 0; c < columnCodes.size(); c++) {
                JsonNode cell = row.get("cells").get(c);
                if (!cell.path("suppressed").asBoolean()) {
                    assertClose(table.cells()[r][c], cell.path("count"), what + " cell " + rowCodes.get(r) + "/"
                            + columnCodes.get(c));
                }
            }
        }
    }

    private static List<ObjectNode> randomSubmissions(SurveyDefinition definition, int count) {
        RandomAnswers answers = new RandomAnswers(definition, 20231127L);
        Random random = new Random(7);
        List<ObjectNode> submissions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode next = answers.next();
            if (random.nextInt(20) == 0) {
                next.put("revenue", "lt_1b");
            }
            submissions.add(next);
        }
        Collections.shuffle(submissions, random);
        return submissions;
    }

    /** Submits in one of the survey's languages, chosen by the answers (so the same every run, and any thread). */
    private static String submit(ObjectNode answers) {
        String language = LANGUAGES.get(Math.floorMod(answers.toString().hashCode(), LANGUAGES.size()));
        return given().contentType(ContentType.JSON).body(Map.of("answers", answers, "language", language))
                .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(201).extract().path("status");
    }

    private static List<JsonNode> export() throws Exception {
        String ndjson = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson")
                .queryParam("status", "complete,screened_out,quota_full,in_progress")
                .when().get("/api/surveys/{id}/responses", SURVEY).then().statusCode(200).extract().asString();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    private static JsonNode results(List<String> filters) throws Exception {
        return results(filters, Tokens.researcher());
    }

    private static JsonNode results(List<String> filters, String token) throws Exception {
        RequestSpecification request = given().auth().oauth2(token);
        if (!filters.isEmpty()) {
            request.queryParam("filter", filters.toArray());
        }
        return JSON.readTree(request.when().get("/api/surveys/{id}/results", SURVEY).then().statusCode(200)
                .extract().asString());
    }

    private static void assertSameQuestions(ObjectNode expected, JsonNode actual, String what) {
        assertEquals(expected.path("n").asLong(), actual.path("n").asLong(), what + ": n");
        assertEquals(expected.get("questions").size(), actual.get("questions").size(), what);
        for (int i = 0; i < expected.get("questions").size(); i++) {
            assertEquals(normalised(expected.get("questions").get(i)), normalised(actual.get("questions").get(i)),
                    what + ": " + expected.get("questions").get(i).path("id"));
        }
    }

    private static JsonNode crosstab(String rows, String columns, List<String> filters, String token) throws Exception {
        RequestSpecification request = given().auth().oauth2(token).queryParam("rows", rows).queryParam("columns", columns);
        if (!filters.isEmpty()) {
            request.queryParam("filter", filters.toArray());
        }
        return JSON.readTree(request.when().get("/api/surveys/{id}/results/crosstab", SURVEY)
                .then().statusCode(200).extract().asString());
    }

    private static void assertSameCrosstab(ResultsRecomputation expected, List<ObjectNode> completes, String rows,
            String columns, List<String> filters) throws Exception {
        JsonNode actual = crosstab(rows, columns, filters, Tokens.researcher());
        String what = rows + " × " + columns + " " + filters;
        assertFalse(actual.path("suppressed").asBoolean(), what);
        List<String> rowCodes = ResultsRecomputation.list(actual.get("rows"), "code");
        List<String> columnCodes = ResultsRecomputation.list(actual.get("columns"), "code");
        Predicate<ObjectNode> matches = filters.stream().map(expected::filter).reduce(a -> true, Predicate::and);
        // At the state the document says: a filtered group steps by minimum groups of its members.
        List<ObjectNode> state = completes.subList(0, (int) actual.path("completesAtState").asLong());
        ResultsRecomputation.Crosstab table = expected.crosstab(state.stream().filter(matches).toList(), rows, columns,
                rowCodes, columnCodes);
        assertEquals(table.n(), actual.path("n").asLong(), what + ": n");
        boolean[] hiddenRows = GroupSuppression.hide(table.rowSizes(), MIN_GROUP);
        boolean[] hiddenColumns = GroupSuppression.hide(table.columnSizes(), MIN_GROUP);
        for (int c = 0; c < columnCodes.size(); c++) {
            JsonNode column = actual.get("columns").get(c);
            assertEquals(hiddenColumns[c], column.path("suppressed").asBoolean(), what + " column " + columnCodes.get(c));
            if (!hiddenColumns[c]) {
                assertEquals(table.columnSizes()[c], column.path("n").asLong(), what + " column " + columnCodes.get(c));
            }
        }
        for (int r = 0; r < rowCodes.size(); r++) {
            JsonNode row = actual.get("rows").get(r);
            assertEquals(hiddenRows[r], row.path("suppressed").asBoolean(), what + " row " + rowCodes.get(r));
            if (hiddenRows[r]) {
                assertFalse(row.has("cells"), what + " row " + rowCodes.get(r));
                continue;
            }
            assertEquals(table.rowSizes()[r], row.path("n").asLong(), what + " row " + rowCodes.get(r));
            assertEquals(normalised(ResultsRecomputation.percent(table.rowSizes()[r], table.n())),
                    normalised(row.get("percent")), what + " row " + rowCodes.get(r));
            for (int c = 0; c < columnCodes.size(); c++) {
                JsonNode cell = row.get("cells").get(c);
                String where = what + " cell " + rowCodes.get(r) + "/" + columnCodes.get(c);
                assertEquals(hiddenColumns[c], cell.path("suppressed").asBoolean(), where);
                if (!hiddenColumns[c]) {
                    assertEquals(table.cells()[r][c], cell.path("count").asLong(), where);
                    assertEquals(normalised(ResultsRecomputation.percent(table.cells()[r][c], table.columnSizes()[c])),
                            normalised(cell.get("percent")), where);
                }
            }
        }
    }

    /** Plain maps, lists and numbers without trailing zeros, so that both sides compare by value (0 = 0.0). */
    private static Object normalised(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return new java.math.BigDecimal(node.asText()).stripTrailingZeros();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(normalised(element)));
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new java.util.HashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), normalised(field.getValue())));
            return map;
        }
        return node.asText();
    }
}
