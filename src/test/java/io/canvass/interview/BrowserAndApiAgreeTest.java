package io.canvass.interview;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.respondent.RespondentSessionRepository;
import io.canvass.response.PersonalDataEntry;
import io.canvass.response.PersonalDataRepository;
import io.canvass.response.ResponseRepository;
import io.canvass.response.SurveyResponse;
import io.canvass.survey.SurveyCatalog;
import io.canvass.testing.RandomTrials;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser journey and the API are one interview: random answer sets (the engine tests'
 * {@link RandomAnswerSets}, in the shape an HTML form can carry) are submitted whole through
 * {@code POST /api/surveys/{id}/responses} and answered page by page through the respondent
 * pages' form posts, and both must store the same outcome, reason, answers and personal data, or
 * report the same violations (field and code) on the first page that has any. The one documented
 * difference: the browser closes a full quota cell at the page that asks its question, so it keeps
 * only the answers given up to there.
 */
@QuarkusTest
class BrowserAndApiAgreeTest {

    private static final String SURVEY = "test-same-engine";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ERROR = Pattern.compile("data-field=\"([^\"]*)\" data-violation=\"([^\"]*)\"");
    private static final Pattern ENDING = Pattern.compile("/(thank-you|not-eligible|quota-full)$");

    /** The engine tests' survey of every rule, with a quota cell capped at nought (Asia) and the others wide open. */
    static final SurveyDefinition DEFINITION = DefinitionParser.parse(TestSurveys.RULES
                    .replace("id: engine-rules", "id: " + SURVEY)
                    .replace("limits: { \"eu\": 2, \"us\": 3 }", "limits: { \"eu\": 100000, \"us\": 100000, \"asia\": 0 }"),
            DefinitionFormat.YAML, SURVEY);

    @Inject
    SurveyCatalog catalog;

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    RespondentSessionRepository sessions;

    @BeforeEach
    void publish() {
        catalog.importPublished(DEFINITION, DefinitionParser.toJson(DEFINITION), DefinitionFormat.JSON);
    }

    /** What one path made of an answer set. */
    sealed interface Outcome {
        /** Stored with this status and reason; the answers as stored and the personal data kept apart. */
        record Stored(String status, String reason, JsonNode answers, Map<String, String> personalData, int lastPage)
                implements Outcome {
        }

        /** Refused: every (field, code) reported, by the page of its question. */
        record Refused(Map<Integer, Set<String>> violationsByPage) implements Outcome {
        }
    }

    enum Seen { COMPLETE, SCREENED_OUT, QUOTA_FULL, REFUSED }

    @Test
    void theBrowserAndTheApiStoreAndRefuseTheSameAnswersAlike() {
        InterviewOracle oracle = new InterviewOracle(DEFINITION);
        Map<Seen, Integer> seen = new EnumMap<>(Seen.class);
        RandomTrials.check(20260112L, 80, random -> formShaped(RandomAnswerSets.next(random, DEFINITION, oracle), oracle),
                answers -> {
                    Outcome api = throughTheApi(answers);
                    Outcome browser = throughTheBrowser(answers);
                    seen.merge(agree(api, browser), 1, Integer::sum);
                });
        for (Seen kind : Seen.values()) {
            assertTrue(seen.getOrDefault(kind, 0) > 0, "the trials reached every ending at least once: " + seen);
        }
    }

    private Seen agree(Outcome api, Outcome browser) {
        if (browser instanceof Outcome.Refused refused) {
            assertTrue(api instanceof Outcome.Refused, "the API refuses what the browser refuses: " + api + " / " + browser);
            Map<Integer, Set<String>> all = ((Outcome.Refused) api).violationsByPage();
            int page = refused.violationsByPage().keySet().iterator().next();
            assertEquals(all.keySet().iterator().next(), page, "the browser stops at the first page the API faults");
            assertEquals(all.get(page), refused.violationsByPage().get(page), "the same violations on that page");
            return Seen.REFUSED;
        }
        Outcome.Stored stored = (Outcome.Stored) browser;
        if (stored.status().equals("quota_full") && api instanceof Outcome.Refused refused) {
            // Closed early at the quota question: the API found problems only on later pages.
            assertTrue(refused.violationsByPage().keySet().stream().allMatch(p -> p > stored.lastPage()),
                    "closed for a full quota before any page with a problem: " + api + " / " + browser);
            return Seen.QUOTA_FULL;
        }
        assertTrue(api instanceof Outcome.Stored, "the API stores what the browser stores: " + api + " / " + browser);
        Outcome.Stored whole = (Outcome.Stored) api;
        if (stored.status().equals("quota_full") && whole.status().equals("screened_out")) {
            // Closed early at the quota question, before the page whose answer screens out.
            assertTrue(DEFINITION.pageIndexOf(whole.reason()) > stored.lastPage(), api + " / " + browser);
            assertEquals(upToPage(whole.answers(), stored.lastPage()), stored.answers(), "same answers up to the close");
            return Seen.QUOTA_FULL;
        }
        assertEquals(whole.status(), stored.status(), "same outcome");
        assertEquals(whole.reason(), stored.reason(), "same reason");
        boolean early = stored.status().equals("quota_full");
        assertEquals(early ? upToPage(whole.answers(), stored.lastPage()) : whole.answers(), stored.answers(),
                "same stored answers");
        Map<String, String> personal = early ? Map.of() : whole.personalData();
        if (!early) {
            assertEquals(personal, stored.personalData(), "same personal data, kept apart");
        }
        return switch (stored.status()) {
            case "complete" -> Seen.COMPLETE;
            case "screened_out" -> Seen.SCREENED_OUT;
            default -> Seen.QUOTA_FULL;
        };
    }

    private Outcome throughTheApi(ObjectNode answers) {
        ObjectNode body = NODES.objectNode();
        body.set("answers", answers);
        Response response = given().contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/surveys/" + SURVEY + "/responses");
        if (response.statusCode() == 422) {
            Map<Integer, Set<String>> byPage = new TreeMap<>();
            List<Map<String, String>> errors = response.jsonPath().getList("errors");
            for (Map<String, String> error : errors) {
                byPage.computeIfAbsent(DEFINITION.pageIndexOf(error.get("question")), p -> new TreeSet<>())
                        .add(error.get("field") + ":" + error.get("code"));
            }
            return new Outcome.Refused(byPage);
        }
        assertEquals(201, response.statusCode(), response.asString());
        return stored(response.jsonPath().getString("id"), -1);
    }

    private Outcome throughTheBrowser(ObjectNode answers) {
        Visitor visitor = new Visitor();
        visitor.get("/s/" + SURVEY);
        assertEquals(303, visitor.post("/s/" + SURVEY + "/start", Map.of()).statusCode());
        String token = visitor.location.split("/")[4];
        int previous = -1;
        for (int step = 0; step < 10; step++) {
            int page = Integer.parseInt(visitor.location.substring(visitor.location.lastIndexOf('/') + 1)) - 1;
            assertTrue(page > previous, "the journey only moves on: " + visitor.location);
            previous = page;
            Map<String, List<String>> form = formOf(answers, page);
            form.put("action", List.of("continue"));
            Response response = visitor.post(visitor.location, form);
            if (response.statusCode() == 422) {
                Set<String> violations = new TreeSet<>();
                Matcher error = ERROR.matcher(response.asString());
                while (error.find()) {
                    violations.add(error.group(1) + ":" + error.group(2));
                }
                return new Outcome.Refused(Map.of(page, violations));
            }
            assertEquals(303, response.statusCode(), response.asString());
            if (ENDING.matcher(visitor.location).find()) {
                String responseId = QuarkusTransaction.requiringNew().call(() -> sessions.findById(token).responseId);
                return stored(responseId, page);
            }
        }
        return fail("the journey did not end: " + visitor.location);
    }

    private Outcome.Stored stored(String responseId, int lastPage) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SurveyResponse response = responses.findById(responseId);
            Map<String, String> personal = new TreeMap<>();
            for (PersonalDataEntry entry : personalData.ofResponse(responseId)) {
                personal.put(entry.questionId, entry.value);
            }
            return new Outcome.Stored(response.status.code(), response.reason, TestSurveys.json(response.answers), personal,
                    lastPage);
        });
    }

    /**
     * The answers as an HTML form can carry them (texts, repeated fields, a field per matrix row,
     * empty fields as no answer), to questions a respondent is shown, up to the page that screens
     * out if one does: whatever else the API would refuse, a respondent cannot send.
     */
    static ObjectNode formShaped(ObjectNode answers, InterviewOracle oracle) {
        ObjectNode shaped = NODES.objectNode();
        for (Question q : DEFINITION.questions()) {
            if (!oracle.shown(q, shaped)) {
                continue;
            }
            JsonNode value = answers.get(q.id());
            switch (q.type()) {
                case SINGLE, TEXT, EMAIL -> text(value).ifPresent(text -> shaped.put(q.id(), text));
                case SCALE -> text(value).ifPresent(text -> {
                    try {
                        shaped.put(q.id(), Integer.parseInt(text));
                    } catch (NumberFormatException notANumber) {
                        shaped.put(q.id(), text);
                    }
                });
                case MULTIPLE -> {
                    ArrayNode codes = NODES.arrayNode();
                    if (value != null && value.isArray()) {
                        value.forEach(code -> text(code).ifPresent(codes::add));
                    } else {
                        text(value).ifPresent(codes::add);
                    }
                    if (!codes.isEmpty()) {
                        shaped.set(q.id(), codes);
                    }
                }
                case MATRIX -> {
                    ObjectNode cells = NODES.objectNode();
                    for (Option row : q.rows()) {
                        text(value == null || !value.isObject() ? null : value.get(row.code()))
                                .ifPresent(text -> cells.put(row.code(), text));
                    }
                    if (!cells.isEmpty()) {
                        shaped.set(q.id(), cells);
                    }
                }
            }
            if (q.options() != null) {
                for (Option option : q.options()) {
                    String key = q.id() + "." + option.code();
                    if (option.takesSpecifyText()) {
                        text(answers.get(key)).ifPresent(text -> shaped.put(key, text));
                    }
                }
            }
        }
        return oracle.firstScreenOut(shaped).map(q -> upToPage(shaped, DEFINITION.pageIndexOf(q.id()))).orElse(shaped);
    }

    private static java.util.Optional<String> text(JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return java.util.Optional.empty();
        }
        String text = value.asText().replace("\r\n", "\n");
        return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(text);
    }

    /** The answers to the questions of pages up to this one (a specify text goes with its question). */
    static ObjectNode upToPage(JsonNode answers, int lastPage) {
        ObjectNode kept = NODES.objectNode();
        answers.fields().forEachRemaining(field -> {
            String question = field.getKey().contains(".") ? field.getKey().substring(0, field.getKey().indexOf('.'))
                    : field.getKey();
            if (DEFINITION.pageIndexOf(question) <= lastPage) {
                kept.set(field.getKey(), field.getValue());
            }
        });
        return kept;
    }

    /** The fields one page's form sends for these answers. */
    private static Map<String, List<String>> formOf(ObjectNode answers, int page) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (Question q : DEFINITION.pages().get(page).questions()) {
            answers.fields().forEachRemaining(field -> {
                String key = field.getKey();
                if (!key.equals(q.id()) && !key.startsWith(q.id() + ".")) {
                    return;
                }
                JsonNode value = field.getValue();
                if (value.isArray()) {
                    List<String> codes = new ArrayList<>();
                    value.forEach(code -> codes.add(code.asText()));
                    form.put(key, codes);
                } else if (value.isObject()) {
                    value.fields().forEachRemaining(cell -> form.put(key + "." + cell.getKey(), List.of(cell.getValue().asText())));
                } else {
                    form.put(key, List.of(value.asText()));
                }
            });
        }
        return form;
    }

    /** A respondent without script: the CSRF cookie and field a browser carries, and where it is now. */
    static final class Visitor {
        String cookie;
        String csrf;
        String location;

        Response get(String path) {
            Response response = given().redirects().follow(false).when().get(path);
            cookie = response.getCookie("csrf-token");
            Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(response.asString());
            assertTrue(field.find(), "the start page carries the CSRF field");
            csrf = field.group(1);
            return response;
        }

        Response post(String path, Map<String, ?> form) {
            // A browser sends the form in the page's encoding, UTF-8 (REST Assured's default is ISO-8859-1).
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
    }
}
