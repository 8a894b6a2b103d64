package io.canvass.questionnaire;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A researcher's definition cannot make the service fail: every size and number in it is bounded,
 * checked without overflow, and a definition past a bound is refused with 422 naming the place.
 */
@QuarkusTest
class HostileDefinitionsTest {

    private static ValidatableResponse validate(String json) {
        return given().auth().oauth2(Tokens.researcher()).contentType("application/json").body(json)
                .when().post("/api/surveys/hostile/validate").then();
    }

    private static String survey(String questions) {
        return """
                {"id": "hostile", "title": "Hostile", "pages": [{"id": "p1", "title": "P1", "questions": [%s]}]}
                """.formatted(questions);
    }

    /** 422 problem+json with a problem at {@code pointer} whose message (digit grouping aside) mentions {@code fragment}. */
    private static void refused(String json, String pointer, String fragment) {
        String message = validate(json).statusCode(422).contentType("application/problem+json")
                .body("errors.pointer", hasItem(pointer))
                .extract().path("errors.find { it.pointer == '" + pointer + "' }.message");
        assertTrue(message.replace(",", "").contains(fragment), "the problem at " + pointer + " should mention " + fragment + ": " + message);
    }

    @Test
    void aScaleWhoseRangeOverflowsAnIntIsRefused() {
        refused(survey("""
                {"id": "s", "type": "scale", "text": "Rate", "min": -2000000000, "max": 2000000000}"""),
                "/pages/0/questions/0/min", "1000");
    }

    @Test
    void aScaleOfMoreThanElevenPointsIsRefusedWithinTheSchemaBounds() {
        refused(survey("""
                {"id": "s", "type": "scale", "text": "Rate", "min": -1000, "max": 1000}"""),
                "/pages/0/questions/0/max", "at most 11 points");
        validate(survey("""
                {"id": "s", "type": "scale", "text": "Rate", "min": 0, "max": 10}""")).statusCode(200);
    }

    @Test
    void listsAndTextsHaveStatedMaximums() {
        String options = String.join(",", java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> "{\"code\": \"c" + i + "\", \"label\": \"C" + i + "\"}").toList());
        refused(survey("{\"id\": \"q\", \"type\": \"single\", \"text\": \"Q\", \"options\": [" + options + "]}"),
                "/pages/0/questions/0/options", "100");
        refused(survey("{\"id\": \"q\", \"type\": \"text\", \"text\": \"Q\", \"maxLength\": 1000000}"),
                "/pages/0/questions/0/maxLength", "20000");
        refused(survey("{\"id\": \"q\", \"type\": \"text\", \"text\": \"" + "x".repeat(1001) + "\"}"),
                "/pages/0/questions/0/text", "1000");
        String questions = String.join(",", java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> "{\"id\": \"q" + i + "\", \"type\": \"text\", \"text\": \"Q\"}").toList());
        refused(survey(questions), "/pages/0/questions", "100");
        String pages = String.join(",", java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> "{\"id\": \"p" + i + "\", \"title\": \"P\", \"questions\": [{\"id\": \"q" + i
                        + "\", \"type\": \"text\", \"text\": \"Q\"}]}").toList());
        refused("{\"id\": \"hostile\", \"title\": \"Hostile\", \"pages\": [" + pages + "]}", "/pages", "50");
        refused("{\"id\": \"hostile\", \"title\": \"Hostile\", \"minGroupSize\": 2147483647, \"pages\": [{\"id\": \"p\", "
                + "\"title\": \"P\", \"questions\": [{\"id\": \"q\", \"type\": \"text\", \"text\": \"Q\"}]}]}",
                "/minGroupSize", "1000");
    }

    @Test
    void fiveHundredQuestionsInAllAtMost() {
        StringBuilder pages = new StringBuilder();
        for (int p = 0; p < 6; p++) {
            pages.append(p == 0 ? "" : ",").append("{\"id\": \"p").append(p).append("\", \"title\": \"P\", \"questions\": [");
            for (int q = 0; q < 100; q++) {
                pages.append(q == 0 ? "" : ",").append("{\"id\": \"q").append(p).append('_').append(q)
                        .append("\", \"type\": \"text\", \"text\": \"Q\"}");
            }
            pages.append("]}");
        }
        refused("{\"id\": \"hostile\", \"title\": \"Hostile\", \"pages\": [" + pages + "]}", "/pages", "at most 500 questions");
    }

    @Test
    void deeplyNestedConditionsGetA422NotAStackOverflow() {
        String leaf = "{\"question\": \"a\", \"in\": [\"y\"]}";
        String nested = "{\"all\": [".repeat(500) + leaf + "]}".repeat(500);
        String definition = survey("""
                {"id": "a", "type": "single", "text": "A", "options": [{"code": "y", "label": "Y"}]},
                {"id": "b", "type": "single", "text": "B", "options": [{"code": "y", "label": "Y"}], "condition": %s}"""
                .formatted(nested));
        validate(definition).statusCode(422).contentType("application/problem+json")
                .body("errors[0].message", containsString("nested too deeply"));
        given().auth().oauth2(Tokens.researcher()).contentType("application/yaml").body(toYamlFlow(definition).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/surveys/hostile/validate").then().statusCode(422).contentType("application/problem+json");

        String nineLevels = "{\"all\": [".repeat(9) + leaf + "]}".repeat(9);
        refused(survey("""
                {"id": "a", "type": "single", "text": "A", "options": [{"code": "y", "label": "Y"}]},
                {"id": "b", "type": "single", "text": "B", "options": [{"code": "y", "label": "Y"}], "condition": %s}"""
                .formatted(nineLevels)), "/pages/0/questions/1/condition" + "/all/0".repeat(8), "at most 8 levels");
        String eightLevels = "{\"all\": [".repeat(7) + leaf + "]}".repeat(7);
        validate(survey("""
                {"id": "a", "type": "single", "text": "A", "options": [{"code": "y", "label": "Y"}]},
                {"id": "b", "type": "single", "text": "B", "options": [{"code": "y", "label": "Y"}], "condition": %s}"""
                .formatted(eightLevels))).statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void everyShippedDefinitionStillValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.list(Path.of("questionnaire")), Files.list(Path.of("src/test/resources/questionnaire")))) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            int status = given().auth().oauth2(Tokens.researcher()).contentType("application/yaml").body(Files.readAllBytes(file))
                    .when().post("/api/surveys/any/validate").then().extract().statusCode();
            assertEquals(200, status, file + " no longer validates");
        }
    }

    /** YAML is a superset of JSON: the same text, sent as YAML, goes through the YAML parser. */
    private static String toYamlFlow(String json) {
        return json;
    }
}
