package io.canvass.respondent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.response.QualitySurvey;
import io.canvass.response.ResponseRepository;
import io.canvass.response.SurveyResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quality flags of the browser journey, through the respondent pages with form posts: the honeypot
 * field no person sees, the duration the server measures from start to final submit, and the same
 * straight-liner and duplicate rules as the API (a browser complete duplicates an API one and back).
 */
@QuarkusTest
class RespondentQualityTest {

    @Inject
    ResponseRepository responses;

    @Inject
    RespondentSessionRepository sessions;

    /** A respondent without script: the CSRF cookie and field a browser carries, and where it is now. */
    static final class Visitor {
        String cookie;
        String csrf;
        String location;

        Response get(String path) {
            var request = given().redirects().follow(false);
            if (cookie != null) {
                request.cookie("csrf-token", cookie);
            }
            Response response = request.when().get(path);
            if (response.getCookie("csrf-token") != null) {
                cookie = response.getCookie("csrf-token");
            }
            Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(response.asString());
            if (field.find()) {
                csrf = field.group(1);
            }
            return response;
        }

        Response post(String path, Map<String, ?> form) {
            var request = given().redirects().follow(false).cookie("csrf-token", cookie)
                    .contentType(ContentType.URLENC.withCharset("UTF-8")).formParam("csrf-token", csrf);
            form.forEach((name, value) -> request.formParam(name,
                    value instanceof List<?> values ? values.toArray() : new Object[] {value}));
            Response response = request.when().post(path);
            String next = response.getHeader("Location");
            if (next != null) {
                location = next.replaceAll("^https?://[^/]+", "");
            }
            return response;
        }

        String token() {
            return location.split("/")[4];
        }
    }

    /** The API-shaped answers as the two pages' forms, each with the honeypot as given (null: left empty, as people do). */
    private static List<Map<String, Object>> pages(ObjectNode answers, String honeypotOnFirstPage) {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("segment", answers.get("segment").asText());
        List<String> tools = new java.util.ArrayList<>();
        answers.get("tools").forEach(tool -> tools.add(tool.asText()));
        first.put("tools", tools);
        first.put("tools.other", answers.get("tools.other").asText());
        first.put("Website", honeypotOnFirstPage == null ? "" : honeypotOnFirstPage);
        first.put("action", "continue");
        Map<String, Object> second = new LinkedHashMap<>();
        answers.get("use").fields().forEachRemaining(cell -> second.put("use." + cell.getKey(), cell.getValue().asText()));
        second.put("comments", answers.get("comments").asText());
        second.put("email", answers.get("email").asText());
        second.put("Website", "");
        second.put("action", "continue");
        return List.of(first, second);
    }

    /** Starts, answers both pages and submits; returns the stored response. */
    private SurveyResponse walk(String survey, ObjectNode answers, String honeypot) {
        Visitor visitor = new Visitor();
        visitor.get("/s/" + survey).then().statusCode(200);
        visitor.post("/s/" + survey + "/start", Map.of()).then().statusCode(303);
        List<Map<String, Object>> forms = pages(answers, honeypot);
        for (Map<String, Object> form : forms) {
            visitor.get(visitor.location).then().statusCode(200);
            visitor.post(visitor.location, form).then().statusCode(303);
        }
        assertTrue(visitor.location.endsWith("/thank-you"), visitor.location);
        String token = visitor.token();
        return QuarkusTransaction.requiringNew().call(() -> responses.findById(sessions.findById(token).responseId));
    }

    private static List<String> exportedFlags(String survey, SurveyResponse response) {
        return QualitySurvey.flags(QualitySurvey.exported(survey, response.id));
    }

    @Test
    void theHoneypotIsHiddenFromPeopleAndScreenReadersAndAFilledOneMarksTheCompleteBot() {
        String survey = QualitySurvey.create("quality-honeypot", false, null);
        Visitor visitor = new Visitor();
        visitor.get("/s/" + survey);
        visitor.post("/s/" + survey + "/start", Map.of());
        String page = visitor.get(visitor.location).asString();
        Matcher block = Pattern.compile("<div class=\"honeypot\" aria-hidden=\"true\">\\s*<label for=\"hp-Website\">"
                + "Leave this field empty</label>\\s*<input type=\"text\" id=\"hp-Website\" name=\"" + Honeypot.FIELD
                + "\" value=\"\" tabindex=\"-1\" autocomplete=\"off\">\\s*</div>").matcher(page);
        assertTrue(block.find(), "hidden from screen readers, out of the tab order, never autofilled, labelled: " + page);
        String css = given().when().get("/static/canvass.css").then().statusCode(200).extract().asString();
        assertTrue(Pattern.compile("\\.honeypot \\{ position: absolute !important; left: -10000px").matcher(css).find(),
                "and off screen for everyone");

        SurveyResponse person = walk(survey, QualitySurvey.answers(1, "a"), null);
        SurveyResponse bot = walk(survey, QualitySurvey.answers(2, "a"), "http://cheap-pills.example.com");
        assertEquals(List.of(), exportedFlags(survey, person));
        assertEquals(List.of("bot"), exportedFlags(survey, bot), "filled on the first page, remembered to the end");
        assertEquals("complete", QualitySurvey.exported(survey, bot.id).path("status").asText(), "a flag is a suggestion");
    }

    @Test
    void theServerMeasuresTheBrowsersDurationAndAFastWalkIsASpeeder() {
        String survey = QualitySurvey.create("quality-browser-speeder", false, null);
        for (int n = 0; n < 20; n++) {
            QualitySurvey.submit(survey, QualitySurvey.answers(n, "b"), 3600);
        }
        SurveyResponse fast = walk(survey, QualitySurvey.answers(100, "b"), null);
        assertNotNull(fast.durationSeconds, "measured from the start to the final submit");
        assertTrue(fast.durationSeconds >= 0 && fast.durationSeconds < 600, fast.durationSeconds + " s");
        assertEquals(List.of("speeder"), exportedFlags(survey, fast), "seconds against a median of an hour");
        // The browser's duration counts for the next completes like any other.
        JsonNode median = QualitySurvey.submit(survey, QualitySurvey.answers(101, "b"), 1100);
        assertEquals(List.of("speeder"), QualitySurvey.flags(QualitySurvey.exported(survey, median.path("id").asText())));
    }

    @Test
    void theBrowserFlagsStraightLinersAndDuplicatesOfApiCompletesLikeTheApi() {
        String survey = QualitySurvey.create("quality-browser-duplicate", false, null);
        ObjectNode answers = QualitySurvey.answers(5, "c");
        JsonNode viaApi = QualitySurvey.submit(survey, answers, null);
        ObjectNode sameCoded = answers.deepCopy();
        sameCoded.put("comments", "Typed in the browser");
        sameCoded.put("email", "browser@example.com");
        SurveyResponse duplicate = walk(survey, sameCoded, null);
        SurveyResponse straight = walk(survey, QualitySurvey.straightLined(6, "c", "mid"), null);
        assertEquals(List.of(), QualitySurvey.flags(QualitySurvey.exported(survey, viaApi.path("id").asText())));
        assertEquals(List.of("duplicate"), exportedFlags(survey, duplicate));
        assertEquals(List.of("straightliner"), exportedFlags(survey, straight));
        // And the other way round: an API submission with the browser complete's answers.
        JsonNode again = QualitySurvey.submit(survey, QualitySurvey.straightLined(7, "c", "mid"), null);
        assertEquals(List.of("straightliner", "duplicate"),
                QualitySurvey.flags(QualitySurvey.exported(survey, again.path("id").asText())));
    }
}
