package io.canvass.response;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.access.Tokens;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small survey for the data-quality tests, created over the API (a fresh one per test, so that its
 * completes, durations and fingerprints are the test's own): a quota question, a multiple choice with a
 * "please specify" option, a five-row matrix, free text and an e-mail. Answers are built from a number,
 * so that different numbers give different coded answers, none of them straight-lined.
 */
public final class QualitySurvey {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final List<String> ROWS = List.of("sales", "marketing", "hr", "finance", "it");
    public static final List<String> COLUMNS = List.of("low", "mid", "high");

    private QualitySurvey() {
    }

    /** Creates and publishes the survey as the test researcher; {@code capA} caps segment a (null: no cap). */
    public static String create(String id, boolean anonymous, Integer capA) {
        String yaml = """
                id: %s
                version: 1
                title: Quality %s
                anonymity: %s
                pages:
                  - id: about
                    title: About you
                    questions:
                      - id: segment
                        type: single
                        text: Which segment are you in?
                        options:
                          - { code: "a", label: "Segment A" }
                          - { code: "b", label: "Segment B" }
                          - { code: "c", label: "Segment C" }
                      - id: tools
                        type: multiple
                        text: Which tools do you use?
                        options:
                          - { code: "chat", label: "Chat" }
                          - { code: "code", label: "Code" }
                          - { code: "other", label: "Other", specify: true }
                  - id: use
                    title: Where you use them
                    questions:
                      - id: use
                        type: matrix
                        text: How much in each area?
                        rows:
                          - { code: "sales", label: "Sales" }
                          - { code: "marketing", label: "Marketing" }
                          - { code: "hr", label: "HR" }
                          - { code: "finance", label: "Finance" }
                          - { code: "it", label: "IT" }
                        columns:
                          - { code: "low", label: "Low" }
                          - { code: "mid", label: "Medium" }
                          - { code: "high", label: "High" }
                      - id: comments
                        type: text
                        text: Anything else?
                        required: false
                      - id: email
                        type: email
                        text: Your e-mail address for a copy of the report
                        required: false
                """.formatted(id, id, anonymous ? "anonymous" : "identified")
                + (capA == null ? "" : """
                quotas:
                  - { id: segment, question: segment, limits: { "a": %d } }
                """.formatted(capA));
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .auth().oauth2(Tokens.researcher()).contentType("application/yaml; charset=UTF-8").body(yaml)
                .when().post("/api/surveys").then().statusCode(201);
        given().auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON)
                .when().post("/api/surveys/{id}/publish", id).then().statusCode(200);
        return id;
    }

    /**
     * Answers number {@code n} (0 to 479; two numbers, two different sets of coded answers) in a segment: the
     * matrix rows by the digits of a number in base 3, never all in one column, and texts that differ every time.
     */
    public static ObjectNode answers(int n, String segment) {
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        answers.put("segment", segment);
        answers.putArray("tools").add("chat").add("other");
        answers.put("tools.other", "Tool number " + n);
        ObjectNode use = answers.putObject("use");
        int digits = n % 240 + 1; // 1..240 in base 3 over five rows: never 0 (all low), 121 (all mid) or 242 (all high)
        if (digits >= 121) {
            digits++;
        }
        for (String row : ROWS) {
            use.put(row, COLUMNS.get(digits % 3));
            digits /= 3;
        }
        if (n >= 240) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) answers.get("tools")).add("code");
        }
        answers.put("comments", "Comment " + n);
        answers.put("email", "respondent." + n + "@example.com");
        return answers;
    }

    /** Every row of the five-row matrix in one column. */
    public static ObjectNode straightLined(int n, String segment, String column) {
        ObjectNode answers = answers(n, segment);
        ObjectNode use = answers.putObject("use");
        ROWS.forEach(row -> use.put(row, column));
        return answers;
    }

    /** Submits over the API with {@code durationSeconds} when given; returns the receipt. */
    public static JsonNode submit(String survey, ObjectNode answers, Integer durationSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("answers", answers);
        if (durationSeconds != null) {
            body.put("durationSeconds", durationSeconds);
        }
        return read(given().contentType(ContentType.JSON).body(body)
                .when().post("/api/surveys/{id}/responses", survey).then().statusCode(201).extract().asString());
    }

    /** The NDJSON export with these query parameters (e.g. status, flag), as the researcher. */
    public static List<JsonNode> export(String survey, Map<String, String> query) {
        RequestSpecification request = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson");
        query.forEach(request::queryParam);
        String ndjson = request.when().get("/api/surveys/{id}/responses", survey).then().statusCode(200).extract().asString();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                rows.add(read(line));
            }
        }
        return rows;
    }

    /** The one exported row with this id. */
    public static JsonNode exported(String survey, String id) {
        return export(survey, Map.of("status", "complete,screened_out,quota_full,in_progress,rejected")).stream()
                .filter(row -> row.path("response_id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no exported row " + id));
    }

    /** The flags of an exported row, as codes. */
    public static List<String> flags(JsonNode exportedRow) {
        List<String> flags = new ArrayList<>();
        exportedRow.path("flags").forEach(flag -> flags.add(flag.asText()));
        return flags;
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
