package io.canvass.results;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.canvass.access.Tokens;
import io.canvass.bench.RandomAnswers;
import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Results with quality flags, checked against a recomputation from the NDJSON export (its flags and
 * statuses): random responses to a copy of the 2023 survey, some straight-lined, some fast, some repeated,
 * half of them racing; the quality block and {@code ?quality=clean} exact for a researcher (also after
 * rejections), and for an analyst exact where unfiltered and within the maximum adjustment at the state
 * the document says where clean.
 */
@QuarkusTest
class QualityResultsTest {

    /** Identified, so that the export's ids are the change log's (an anonymous one's are pseudonyms). */
    private static final String SURVEY = "test-quality-results";
    private static final int MIN_GROUP = 5;
    private static final int MAX_ADJUSTMENT = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void qualityCountsAndCleanResultsMatchARecomputationFromTheExport() throws Exception {
        String yaml = Files.readString(Path.of("questionnaire/aiia-genai-2023.yaml"))
                .replaceFirst("(?m)^id: aiia-genai-2023$", "id: " + SURVEY + "\nanonymity: identified")
                .replaceFirst("(?m)^anonymity: anonymous$", "");
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .auth().oauth2(Tokens.researcher()).contentType("application/yaml; charset=UTF-8").body(yaml)
                .when().post("/api/surveys").then().statusCode(201);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .when().post("/api/surveys/{id}/publish", SURVEY).then().statusCode(200);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .body(Map.of("subject", "anil.analyst@example.com", "role", "analyst"))
                .when().post("/api/surveys/{id}/grants", SURVEY).then().statusCode(201);
        SurveyDefinition definition = DefinitionParser.parse(yaml, DefinitionFormat.YAML, SURVEY);
        ResultsRecomputation expected = new ResultsRecomputation(definition);

        List<Map<String, Object>> bodies = submissions(definition, 240);
        for (Map<String, Object> body : bodies.subList(0, 40)) {
            submit(body);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> racing = new ArrayList<>();
            for (Map<String, Object> body : bodies.subList(40, bodies.size())) {
                racing.add(pool.submit(() -> submit(body)));
            }
            for (Future<?> submission : racing) {
                submission.get();
            }
        } finally {
            pool.shutdown();
        }

        List<JsonNode> completes = export("complete");
        Map<QualityFlag, Long> byFlag = flagCounts(completes);
        for (QualityFlag flag : List.of(QualityFlag.STRAIGHTLINER, QualityFlag.SPEEDER, QualityFlag.DUPLICATE)) {
            assertTrue(byFlag.get(flag) >= 5, "the responses raise every API flag: " + byFlag);
        }
        assertEquals(0, byFlag.get(QualityFlag.BOT), "no honeypot over the API");

        // Researchers: exact, live.
        assertResearcherExact(expected, completes, List.of());
        assertResearcherExact(expected, completes, List.of("hq_region:eu,us"));
        assertResearcherExact(expected, completes, List.of("genai_priority_2023:4,5", "industry:it,financial,healthcare"));
        assertSameCrosstab(expected, completes, "genai_priority_2023", "hq_region", List.of());

        // Rejections leave every result at once, flagged ones and a clean one.
        List<String> rejected = new ArrayList<>();
        for (JsonNode complete : completes) {
            if (rejected.size() < 6 && (!complete.path("flags").isEmpty() || rejected.size() == 5)) {
                rejected.add(complete.path("response_id").asText());
            }
        }
        for (String id : rejected) {
            given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                    .body(Map.of("decision", "reject", "reason", "Quality review"))
                    .when().post("/api/responses/{id}/review", id).then().statusCode(200);
        }
        completes = export("complete");
        assertEquals(rejected.size(), export("rejected").size());
        assertResearcherExact(expected, completes, List.of());
        assertResearcherExact(expected, completes, List.of("hq_region:eu,us"));

        // Analysts: top up until the last state holds every change, then compare.
        Random random = new Random(5);
        RandomAnswers more = new RandomAnswers(definition, 77L);
        long enteredBefore = entries();
        while (entries() % MIN_GROUP != 0 || entries() == enteredBefore) {
            ObjectNode answers = more.next();
            answers.put("revenue", random.nextBoolean() ? "gt_50b" : "10b_50b");
            submit(Map.of("answers", answers));
        }
        completes = export("complete");
        JsonNode atState = awaitAnalystState(completes.size());
        assertSameQuestions(expected.results(answersOf(completes)), atState, "analyst, unfiltered: exact at the state");
        assertQualityBlock(completes, atState.path("quality"), false, "analyst, unfiltered");
        assertFalse(atState.has("disclosureControl"));

        Map<Integer, Set<String>> states = statesByCompletes();
        Map<String, JsonNode> byId = new HashMap<>();
        export("complete,rejected").forEach(row -> byId.put(row.path("response_id").asText(), row));
        for (List<String> filters : List.of(List.<String>of(), List.of("hq_region:eu,us"))) {
            JsonNode clean = results(filters, "clean", Tokens.analyst());
            String what = "analyst, clean " + filters;
            assertEquals(withoutTime(clean), withoutTime(results(filters, "clean", Tokens.analyst())), what + ": repeatable");
            assertEquals("cell-key", clean.path("disclosureControl").path("method").asText(), what);
            assertTrue(clean.path("quality").path("clean").asBoolean(), what);
            Set<String> state = states.get((int) clean.path("completesAtState").asLong());
            assertTrue(state != null, what + ": a state of " + clean.path("completesAtState") + " completes");
            Predicate<ObjectNode> matches = filters.stream().map(expected::filter).reduce(a -> true, Predicate::and);
            List<ObjectNode> group = state.stream().map(byId::get)
                    .filter(row -> row.path("flags").isEmpty()).map(row -> (ObjectNode) row.get("answers"))
                    .filter(matches).toList();
            long rest = state.size() - group.size();
            if (group.size() < MIN_GROUP || (rest > 0 && rest < MIN_GROUP)) {
                assertTrue(clean.path("suppressed").asBoolean(), what);
            } else {
                assertFalse(clean.path("suppressed").asBoolean(), what + " of " + group.size());
                assertWithinAdjustment(expected.results(group), clean, what);
                assertEquals(0, clean.path("quality").path("flagged").asLong(), what + ": none flagged among the clean");
            }
        }
    }

    private void assertResearcherExact(ResultsRecomputation expected, List<JsonNode> completes, List<String> filters)
            throws Exception {
        Predicate<ObjectNode> matches = filters.stream().map(expected::filter).reduce(a -> true, Predicate::and);
        List<JsonNode> group = completes.stream().filter(row -> matches.test((ObjectNode) row.get("answers"))).toList();
        JsonNode all = results(filters, null, Tokens.researcher());
        assertEquals(group.size(), all.path("n").asLong(), filters.toString());
        assertQualityBlock(group, all.path("quality"), false, "researcher " + filters);
        assertSameQuestions(expected.results(answersOf(group)), all, "researcher " + filters);

        List<JsonNode> cleanGroup = group.stream().filter(row -> row.path("flags").isEmpty()).toList();
        JsonNode clean = results(filters, "clean", Tokens.researcher());
        assertFalse(clean.path("suppressed").asBoolean(), "researcher clean " + filters);
        assertEquals(cleanGroup.size(), clean.path("n").asLong(), "researcher clean " + filters);
        assertQualityBlock(cleanGroup, clean.path("quality"), true, "researcher clean " + filters);
        assertSameQuestions(expected.results(answersOf(cleanGroup)), clean, "researcher clean " + filters);
        assertFalse(clean.has("disclosureControl"), "a researcher's numbers are exact");
        assertEquals(filters.isEmpty() ? null : filters.size(), clean.has("filters") ? clean.get("filters").size() : null,
                "quality=clean is not listed among the question filters");
    }

    private static void assertQualityBlock(List<JsonNode> rows, JsonNode quality, boolean clean, String what) {
        assertEquals(clean, quality.path("clean").asBoolean(), what);
        assertEquals(rows.stream().filter(row -> !row.path("flags").isEmpty()).count(), quality.path("flagged").asLong(), what);
        Map<QualityFlag, Long> byFlag = flagCounts(rows);
        for (QualityFlag flag : QualityFlag.values()) {
            assertEquals(byFlag.get(flag), quality.path("byFlag").path(flag.code()).asLong(), what + " " + flag.code());
        }
    }

    private static Map<QualityFlag, Long> flagCounts(List<JsonNode> rows) {
        Map<QualityFlag, Long> counts = new LinkedHashMap<>();
        for (QualityFlag flag : QualityFlag.values()) {
            counts.put(flag, rows.stream().filter(row -> {
                for (JsonNode code : row.path("flags")) {
                    if (code.asText().equals(flag.code())) {
                        return true;
                    }
                }
                return false;
            }).count());
        }
        return counts;
    }

    private static List<ObjectNode> answersOf(List<JsonNode> rows) {
        return rows.stream().map(row -> (ObjectNode) row.get("answers")).toList();
    }

    /**
     * Responses of every kind: random complete answers, a few screened out; some with every row of a matrix
     * in one column, some sent twice (other free text), most with a duration and some of those very fast.
     */
    private static List<Map<String, Object>> submissions(SurveyDefinition definition, int count) {
        RandomAnswers answers = new RandomAnswers(definition, 20240101L);
        Random random = new Random(3);
        List<Question> grids = definition.questions().stream()
                .filter(q -> q.type() == QuestionType.MATRIX && q.rows().size() >= 5).toList();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode next;
            if (i >= 20 && random.nextInt(10) == 0) {
                next = ((ObjectNode) bodies.get(random.nextInt(bodies.size())).get("answers")).deepCopy();
                next.put("comments", "Sent again, other words " + i);
            } else {
                next = answers.next();
                if (random.nextInt(25) == 0) {
                    next.put("revenue", "lt_1b");
                }
                if (random.nextInt(8) == 0) {
                    Question grid = grids.get(random.nextInt(grids.size()));
                    String column = grid.columns().get(random.nextInt(grid.columns().size())).code();
                    ObjectNode rows = next.putObject(grid.id());
                    for (Option row : grid.rows()) {
                        rows.put(row.code(), column);
                    }
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("answers", next);
            if (i < 25 || random.nextInt(5) != 0) {
                body.put("durationSeconds", i >= 25 && random.nextInt(7) == 0 ? 30 + random.nextInt(90) : 600 + random.nextInt(1200));
            }
            bodies.add(body);
        }
        return bodies;
    }

    private static String submit(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(201).extract().path("status");
    }

    private static List<JsonNode> export(String statuses) throws Exception {
        String ndjson = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson")
                .queryParam("status", statuses)
                .when().get("/api/surveys/{id}/responses", SURVEY).then().statusCode(200).extract().asString();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    /** How many rows have entered the results index in all: completes, and completes accepted again. */
    private long entries() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM response_change WHERE survey_id = ? AND status = 'COMPLETE'")) {
            count.setString(1, SURVEY);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * The published states as the change log makes them: one every five rows entering, holding the
     * responses complete then (rejected ones gone); by their number of completes.
     */
    private Map<Integer, Set<String>> statesByCompletes() throws Exception {
        Map<Integer, Set<String>> states = new HashMap<>();
        Set<String> current = new LinkedHashSet<>();
        long entered = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement changes = connection.prepareStatement(
                        "SELECT response_id, status FROM response_change WHERE survey_id = ? ORDER BY id")) {
            changes.setString(1, SURVEY);
            try (ResultSet rows = changes.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(2).equals("COMPLETE")) {
                        current.add(rows.getString(1));
                        if (++entered % MIN_GROUP == 0) {
                            states.put(current.size(), new LinkedHashSet<>(current));
                        }
                    } else if (rows.getString(2).equals("REJECTED")) {
                        current.remove(rows.getString(1));
                    }
                }
            }
        }
        return states;
    }

    private static JsonNode awaitAnalystState(long completes) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode results;
        do {
            results = results(List.of(), null, Tokens.analyst());
            if (results.path("completesAtState").asLong() == completes) {
                return results;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the analysts' state did not reach " + completes + " completes: " + results);
    }

    private static JsonNode results(List<String> filters, String quality, String token) throws Exception {
        RequestSpecification request = given().auth().oauth2(token);
        if (!filters.isEmpty()) {
            request.queryParam("filter", filters.toArray());
        }
        if (quality != null) {
            request.queryParam("quality", quality);
        }
        return JSON.readTree(request.when().get("/api/surveys/{id}/results", SURVEY).then().statusCode(200)
                .extract().asString());
    }

    private static JsonNode withoutTime(JsonNode document) {
        return ((ObjectNode) document.deepCopy()).without("asOf");
    }

    private static void assertSameCrosstab(ResultsRecomputation expected, List<JsonNode> completes, String rows,
            String columns, List<String> filters) throws Exception {
        RequestSpecification request = given().auth().oauth2(Tokens.researcher()).queryParam("rows", rows)
                .queryParam("columns", columns).queryParam("quality", "clean");
        if (!filters.isEmpty()) {
            request.queryParam("filter", filters.toArray());
        }
        JsonNode actual = JSON.readTree(request.when().get("/api/surveys/{id}/results/crosstab", SURVEY)
                .then().statusCode(200).extract().asString());
        String what = "clean " + rows + " × " + columns + " " + filters;
        assertTrue(actual.path("quality").path("clean").asBoolean(), what);
        List<String> rowCodes = ResultsRecomputation.list(actual.get("rows"), "code");
        List<String> columnCodes = ResultsRecomputation.list(actual.get("columns"), "code");
        List<ObjectNode> clean = answersOf(completes.stream().filter(row -> row.path("flags").isEmpty()).toList());
        ResultsRecomputation.Crosstab table = expected.crosstab(clean, rows, columns, rowCodes, columnCodes);
        assertEquals(table.n(), actual.path("n").asLong(), what + ": n");
        boolean[] hiddenColumns = GroupSuppression.hide(table.columnSizes(), MIN_GROUP);
        for (int c = 0; c < columnCodes.size(); c++) {
            if (!hiddenColumns[c]) {
                assertEquals(table.columnSizes()[c], actual.get("columns").get(c).path("n").asLong(), what + " " + columnCodes.get(c));
            }
        }
    }

    private static void assertSameQuestions(ObjectNode expected, JsonNode actual, String what) {
        assertEquals(expected.path("n").asLong(), actual.path("n").asLong(), what + ": n");
        assertEquals(expected.get("questions").size(), actual.get("questions").size(), what);
        for (int i = 0; i < expected.get("questions").size(); i++) {
            assertEquals(normalised(expected.get("questions").get(i)), normalised(actual.get("questions").get(i)),
                    what + ": " + expected.get("questions").get(i).path("id"));
        }
    }

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
            Map<String, Object> map = new HashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), normalised(field.getValue())));
            return map;
        }
        return node.asText();
    }
}
