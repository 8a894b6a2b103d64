package io.canvass.interview;

import static io.canvass.testing.RandomTrials.chance;
import static io.canvass.testing.RandomTrials.oneOf;
import static io.canvass.testing.RandomTrials.text;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.access.Roles;
import io.canvass.access.SignIn;
import io.canvass.access.Tokens;
import io.canvass.questionnaire.Access;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.InvalidDefinitionException;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.testing.RandomTrials;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whatever a researcher defines and whatever a respondent or a script sends, no endpoint answers
 * 5xx. Random definitions (valid ones from {@link RandomDefinitions}, then bent out of shape with
 * extreme numbers, deep nesting, long texts and wrong types) go through validate and create; every
 * one that is accepted is then put through every endpoint family: its lifecycle (draft, preview,
 * versions, definition export, publish, close, reopen), grants, invitations, submissions valid and
 * malformed (with and without Idempotency-Key), the respondent pages with random form fields,
 * results with random and garbage filters, crosstabs, the stream (opened briefly), exports, the
 * codebook, erasure, the audit log, and sign-in posts. Every answer is below 500; every 4xx from
 * {@code /api} is problem+json with its {@code status} and {@code type}; and a refused submission
 * stores nothing (the survey's {@code counts.started} moves by exactly the responses stored).
 *
 * <p>Fixed seeds and bounded tries ({@link RandomTrials}), the same cases on every run. A trial's
 * size bounds its survey (pages, questions per page), its mutations and how many requests of each
 * kind it sends, so a failure is reported at the smallest size whose case still fails.
 */
@QuarkusTest
class NoServerErrorTrialsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger SURVEYS = new AtomicInteger();
    private static final Map<String, String> DASHBOARD_COOKIES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String RESEARCHER = "trials.researcher@example.com";
    private static final String ANALYST = "trials.analyst@example.com";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final int TRIES = 16;
    private static final int LARGEST = 4;

    private final String researcher = Tokens.staff(RESEARCHER, Roles.RESEARCHER);
    private final String analyst = Tokens.analyst(ANALYST);

    @TestHTTPResource("/")
    URL service;

    record Trial(ObjectNode definition, List<String> mutations, long seed, int size) {
        @Override
        public String toString() {
            String json = definition.toString();
            return "size " + size + ", mutations " + mutations + " of " + json.substring(0, Math.min(600, json.length()));
        }
    }

    @Test
    void noEndpointAnswersAServerErrorForRandomDefinitionsAndAnswers() {
        int[] published = {0};
        RandomTrials.check(0x5EED_2026L, TRIES, LARGEST, NoServerErrorTrialsTest::trial, trial -> {
            if (exercise(trial)) {
                published[0]++;
            }
        });
        assertTrue(published[0] >= 5, "enough random definitions were accepted to exercise the data endpoints: " + published[0]);
    }

    private static Trial trial(Random random, int size) {
        ObjectNode definition = (ObjectNode) readTree(DefinitionParser.toJson(RandomDefinitions.next(random, size)));
        definition.put("id", "trial-" + SURVEYS.incrementAndGet() + "-" + Integer.toHexString(random.nextInt(0x10000)));
        List<String> mutations = new ArrayList<>();
        int count = chance(random, 0.35) ? 0 : 1 + random.nextInt(Math.min(2, size));
        for (int i = 0; i < count; i++) {
            mutations.add(mutate(random, definition));
        }
        return new Trial(definition, mutations, random.nextLong(), size);
    }

    /** Bends one thing in the definition towards what a careless or hostile author might write. */
    private static String mutate(Random random, ObjectNode definition) {
        List<ObjectNode> questions = new ArrayList<>();
        definition.withArray("pages").forEach(page -> page.withArray("questions").forEach(q -> questions.add((ObjectNode) q)));
        ObjectNode question = oneOf(random, questions);
        int[] extremes = {Integer.MIN_VALUE, -2_000_000_000, -1001, -1, 0, 1, 11, 101, 1000, 1001, 2_000_000_000, Integer.MAX_VALUE};
        switch (random.nextInt(11)) {
            case 0 -> {
                question.removeAll();
                question.put("id", "scale_" + random.nextInt(1000)).put("type", "scale").put("text", "Rate")
                        .put("min", extremes[random.nextInt(extremes.length)]).put("max", extremes[random.nextInt(extremes.length)]);
                return "scale " + question.get("min") + ".." + question.get("max");
            }
            case 1 -> {
                long value = chance(random, 0.5) ? extremes[random.nextInt(extremes.length)] : Long.MAX_VALUE;
                String field = oneOf(random, List.of("minGroupSize", "target", "version", "estimatedMinutes"));
                definition.put(field, value);
                return field + "=" + value;
            }
            case 2 -> {
                question.put("type", "text");
                question.remove(List.of("options", "rows", "columns", "min", "max", "minLabel", "maxLabel", "condition"));
                question.put("maxLength", extremes[random.nextInt(extremes.length)]);
                return "text maxLength " + question.get("maxLength");
            }
            case 3 -> {
                int depth = oneOf(random, List.of(2, 8, 9, 30, 200, 600));
                ObjectNode leaf = JSON.createObjectNode().put("question", questions.get(0).path("id").asText()).set("in",
                        JSON.createArrayNode().add("x"));
                JsonNode condition = leaf;
                for (int i = 0; i < depth; i++) {
                    ObjectNode wrapper = JSON.createObjectNode();
                    wrapper.putArray(chance(random, 0.5) ? "all" : "any").add(condition);
                    condition = wrapper;
                }
                question.set("condition", condition);
                return "condition nested " + depth;
            }
            case 4 -> {
                String text = "Ω😀<&>\"'\n".repeat(1 + random.nextInt(oneOf(random, List.of(10, 200, 2000))));
                oneOf(random, List.of(definition, question)).put(oneOf(random, List.of("title", "text", "description", "help")), text);
                return "long text " + text.length();
            }
            case 5 -> {
                String field = oneOf(random, List.of("min", "max", "maxLength", "required", "options", "pages", "minGroupSize"));
                oneOf(random, List.of(definition, question)).put(field, oneOf(random, List.of("x", "1e400", "")));
                return "wrong type " + field;
            }
            case 6 -> {
                ArrayNode options = question.putArray("options");
                int count = oneOf(random, List.of(0, 1, 100, 101, 300));
                for (int i = 0; i < count; i++) {
                    options.addObject().put("code", "c" + (chance(random, 0.05) ? 0 : i)).put("label", "Option " + i);
                }
                question.put("type", oneOf(random, List.of("single", "multiple")));
                return count + " options";
            }
            case 7 -> {
                ArrayNode quotas = definition.putArray("quotas");
                quotas.addObject().put("id", "qq").put("question", question.path("id").asText())
                        .put("limit", chance(random, 0.5) ? Long.MAX_VALUE : extremes[random.nextInt(extremes.length)]);
                return "quota " + quotas.get(0).get("limit");
            }
            case 8 -> {
                question.put("type", "matrix");
                question.remove(List.of("options", "min", "max", "maxLength", "personalData"));
                ArrayNode rows = question.putArray("rows");
                ArrayNode columns = question.putArray("columns");
                for (int i = 0, n = oneOf(random, List.of(1, 50, 51)); i < n; i++) {
                    rows.addObject().put("code", "r" + i).put("label", "Row " + i);
                }
                for (int i = 0, n = oneOf(random, List.of(2, 20, 21)); i < n; i++) {
                    columns.addObject().put("code", "k" + i).put("label", "Column " + i);
                }
                return "matrix " + rows.size() + "x" + columns.size();
            }
            case 9 -> {
                question.put("id", questions.get(0).path("id").asText());
                return "duplicate id";
            }
            default -> {
                definition.put("access", oneOf(random, List.of("invitation", "open", "secret")));
                definition.put("anonymity", oneOf(random, List.of("anonymous", "identified", "")));
                return "access " + definition.get("access") + " anonymity " + definition.get("anonymity");
            }
        }
    }

    /** Runs every endpoint family on the trial; true when its definition was accepted and published. */
    private boolean exercise(Trial trial) {
        Random random = new Random(trial.seed());
        String id = trial.definition().path("id").asText();
        String body = trial.definition().toString();
        String contentType = chance(random, 0.3) ? "application/yaml" : "application/json";
        api(staff(researcher).contentType(contentType).body(utf8(body)).post("/api/surveys/{id}/validate", id), "validate");
        Response created = api(staff(researcher).contentType(contentType).body(utf8(body)).post("/api/surveys"), "create");
        SurveyDefinition definition;
        try {
            definition = DefinitionParser.parse(body, DefinitionFormat.JSON, "trial");
        } catch (InvalidDefinitionException refused) {
            assertEquals(422, created.statusCode(), "an invalid definition is refused with 422: " + created.asString());
            return false;
        }
        assertEquals(201, created.statusCode(), "a valid definition is created: " + created.asString());
        lifecycle(random, id, body, trial.size());
        grants(random, id);
        List<String> invitations = invitations(random, id, trial.size());
        InterviewOracle oracle = new InterviewOracle(definition);
        List<String> stored = submissions(random, id, definition, oracle, invitations, trial.size());
        respondent(random, id, definition, oracle, invitations, trial.size());
        reads(random, id, definition, trial.size());
        erasure(random, id, stored);
        signIn(random);
        return true;
    }

    /** Draft, preview, versions, definition export, publish, close and reopen, in and out of order. */
    private void lifecycle(Random random, String id, String body, int size) {
        api(staff(researcher).get("/api/surveys/{id}/versions", id), "versions");
        api(staff(researcher).accept(ContentType.HTML).get("/api/surveys/{id}/preview", id), "preview of the draft");
        api(staff(researcher).accept(oneOf(random, List.of("application/json", "application/yaml", "*/*")))
                .get("/api/surveys/{id}/definition", id), "definition export");
        for (int i = 0; i < size; i++) {
            // The same draft again, or one bent out of shape (refused: the stored draft stays).
            String draft = chance(random, 0.5) ? body : garbled(random, body);
            api(staff(researcher).contentType(ContentType.JSON).body(utf8(draft)).put("/api/surveys/{id}/draft", id), "draft");
        }
        api(staff(researcher).contentType(ContentType.JSON).post("/api/surveys/{id}/reopen", id), "reopen a draft");
        api(staff(researcher).contentType(ContentType.JSON).post("/api/surveys/{id}/publish", id), "publish");
        api(staff(researcher).contentType(ContentType.JSON).post("/api/surveys/{id}/publish", id), "publish with nothing to publish");
        api(staff(researcher).queryParam("version", oneOf(random, List.of("1", "2", "0", "-1", "x", "99999999999")))
                .accept(ContentType.HTML).get("/api/surveys/{id}/preview", id), "preview of a version");
        api(staff(researcher).queryParam("version", oneOf(random, List.of("1", "7", "x"))).get("/api/surveys/{id}/definition", id),
                "definition export of a version");
        api(staff(researcher).contentType(ContentType.JSON).post("/api/surveys/{id}/close", id), "close");
        api(staff(researcher).contentType(ContentType.JSON).post("/api/surveys/{id}/close", id), "close a closed survey");
        api(staff(researcher).contentType(ContentType.JSON).post("/api/surveys/{id}/reopen", id), "reopen");
        api(staff(analyst).contentType(ContentType.JSON).post("/api/surveys/{id}/close", id), "close without a grant");
        api(staff(researcher).get("/api/surveys/{id}/versions", id), "versions after publishing");
    }

    /** Grants: the analyst's (kept, for the reads), garbage ones, lists and revocations. */
    private void grants(Random random, String id) {
        api(staff(researcher).contentType(ContentType.JSON).body(Map.of("subject", ANALYST, "role", "analyst"))
                .post("/api/surveys/{id}/grants", id), "grant");
        String garbage = oneOf(random, List.of("{}", "[]", "{\"subject\": \"\", \"role\": \"analyst\"}",
                "{\"subject\": \"x@example.com\", \"role\": \"owner\"}", "{\"subject\": \"" + "s".repeat(300) + "\", \"role\": \"analyst\"}",
                "{\"subject\": \"a\\u0000b\", \"role\": \"researcher\"}", "{\"subject\": 5, \"role\": true}", "nope"));
        api(staff(researcher).contentType(ContentType.JSON).body(garbage).post("/api/surveys/{id}/grants", id), "garbage grant " + garbage);
        api(staff(researcher).get("/api/surveys/{id}/grants", id), "grants");
        api(staff(researcher).get("/api/surveys/{id}/grants/{subject}", id, oneOf(random, List.of(ANALYST, "nobody", "%25zz"))),
                "one grant");
        api(staff(researcher).delete("/api/surveys/{id}/grants/{subject}", id, oneOf(random, List.of("nobody@example.com", ANALYST))),
                "revoke");
        api(staff(analyst).get("/api/surveys/{id}/grants", id), "grants as an analyst");
        api(staff(researcher).contentType(ContentType.JSON).body(Map.of("subject", ANALYST, "role", "analyst"))
                .post("/api/surveys/{id}/grants", id), "grant again");
    }

    /** Invitations: a few made (tokens returned), garbage requests, lists in JSON and CSV, a revocation. */
    private List<String> invitations(Random random, String id, int size) {
        Response made = api(staff(researcher).contentType(ContentType.JSON).body(Map.of("count", 1 + random.nextInt(size + 1)))
                .post("/api/surveys/{id}/invitations", id), "invitations");
        List<String> tokens = made.statusCode() == 201 ? new ArrayList<>(made.jsonPath().getList("token", String.class)) : new ArrayList<>();
        String garbage = oneOf(random, List.of("{}", "{\"count\": 0}", "{\"count\": -1}", "{\"count\": 100001}",
                "{\"count\": \"x\"}", "{\"labels\": []}", "{\"labels\": [\"\"]}", "{\"labels\": [\"" + "l".repeat(201) + "\"]}",
                "{\"count\": 1, \"labels\": [\"a\"]}", "{\"count\": 1e400}", "[1]"));
        api(staff(researcher).contentType(ContentType.JSON).body(garbage).post("/api/surveys/{id}/invitations", id),
                "garbage invitations " + garbage);
        api(staff(researcher).get("/api/surveys/{id}/invitations", id), "invitation list");
        api(staff(researcher).accept("text/csv").get("/api/surveys/{id}/invitations", id), "invitation list as CSV");
        String revoked = tokens.isEmpty() || chance(random, 0.5) ? "no-such-token" : tokens.remove(tokens.size() - 1);
        api(staff(researcher).delete("/api/surveys/{id}/invitations/{token}", id, revoked), "revoke an invitation");
        return tokens;
    }

    /**
     * Submissions valid and malformed, some with an Idempotency-Key (new, replayed, reused with other answers,
     * malformed) and, on an invitation-only survey, some with a token: the survey's started count moves by exactly
     * the distinct responses stored, so no refused one stored anything. Returns the ids stored.
     */
    private List<String> submissions(Random random, String id, SurveyDefinition definition, InterviewOracle oracle,
            List<String> invitations, int size) {
        long before = started(id);
        Set<String> stored = new HashSet<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < size + 2; i++) {
            ObjectNode request = JSON.createObjectNode();
            request.set("answers", RandomAnswerSets.next(random, definition, oracle));
            if (definition.access() == Access.INVITATION && !invitations.isEmpty() && chance(random, 0.7)) {
                request.put("invitation", oneOf(random, invitations));
            }
            RequestSpecification submit = given().contentType(ContentType.JSON).body(request.toString());
            if (chance(random, 0.5)) {
                String key = !keys.isEmpty() && chance(random, 0.4) ? oneOf(random, keys)
                        : oneOf(random, List.of("k-" + random.nextLong(), "", " ", "k".repeat(300), "ключ", "a\tb"));
                keys.add(key);
                submit.header("Idempotency-Key", key);
            }
            Response response = api(submit.post("/api/surveys/{id}/responses", id), "submit " + request);
            if (response.statusCode() == 201) {
                stored.add(response.path("id"));
            }
        }
        for (String malformed : malformedSubmissions(random, definition)) {
            RequestSpecification submit = given().contentType(ContentType.JSON).body(utf8(malformed));
            if (chance(random, 0.3)) {
                submit.header("Idempotency-Key", "m-" + random.nextLong());
            }
            Response response = api(submit.post("/api/surveys/{id}/responses", id),
                    "submit " + malformed.substring(0, Math.min(200, malformed.length())));
            assertTrue(response.statusCode() >= 400, "a malformed submission is refused: " + response.statusCode());
        }
        api(given().contentType(oneOf(random, List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")))
                .body("answers=1").post("/api/surveys/{id}/responses", id), "submit with another media type");
        // Closed, nothing is taken; reopened, it is open again.
        api(staff(researcher).contentType(ContentType.JSON).post("/api/surveys/{id}/close", id), "close");
        Response closed = api(given().contentType(ContentType.JSON).body("{\"answers\": " + RandomAnswerSets.next(random, definition, oracle) + "}")
                .post("/api/surveys/{id}/responses", id), "submit to a closed survey");
        assertTrue(closed.statusCode() == 409 || closed.statusCode() == 422 || closed.statusCode() == 403,
                "a closed survey takes nothing: " + closed.statusCode());
        api(staff(researcher).contentType(ContentType.JSON).post("/api/surveys/{id}/reopen", id), "reopen");
        assertEquals(before + stored.size(), started(id),
                "the survey's started count moved by exactly the " + stored.size() + " responses stored: no refused submission stored anything");
        return new ArrayList<>(stored);
    }

    private static List<String> malformedSubmissions(Random random, SurveyDefinition definition) {
        String question = oneOf(random, definition.questions()).id();
        return List.of("", "{", "[]", "null", "{\"answers\": []}", "{\"answers\": {\"" + question + "\": 1e999999}}",
                "{\"answers\": {\"" + question + "\": 99999999999999999999999}}",
                "{\"answers\": {\"" + question + "\": " + "[".repeat(100) + "]".repeat(100) + "}}",
                "{\"answers\": {\"" + question + "\": {\"" + "x".repeat(200) + "\": [-2147483649]}}}",
                "{\"answers\": {}, \"invitation\": \"" + "A".repeat(5000) + "\"}",
                "{\"answers\": {\"" + question + "\": \"\\u0000\\ud800\"}}",
                "{\"answers\": {\"" + question + "\": 1, \"" + question + "\": 2}}",
                "{\"answers\": " + "{\"a\": ".repeat(30) + "1" + "}".repeat(30) + "}",
                "{\"answers\": {\"" + question + "\": \"" + text(random, "a😀%&<", 70_000, 70_001) + "\"}}");
    }

    /** The respondent pages: start (with and without the CSRF token, or an invitation), then pages with random fields. */
    private void respondent(Random random, String id, SurveyDefinition definition, InterviewOracle oracle,
            List<String> invitations, int size) {
        Map<String, String> cookies = new HashMap<>();
        RequestSpecification startPage = given().redirects().follow(false);
        if (!invitations.isEmpty() && chance(random, 0.6)) {
            startPage.queryParam("t", oneOf(random, invitations));
        } else if (chance(random, 0.2)) {
            startPage.queryParam("t", oneOf(random, List.of("", "bogus", "%zz", "t".repeat(3000))));
        }
        Response start = below500(startPage.get("/s/{id}", id), "start page");
        cookies.putAll(start.getCookies());
        String csrf = csrf(start.asString());
        below500(given().redirects().follow(false).contentType(ContentType.URLENC).formParam("x", "y")
                .post("/s/{id}/start", id), "start without the CSRF token");
        if (csrf == null) {
            return;
        }
        RequestSpecification begin = given().redirects().follow(false).cookies(cookies).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrf);
        if (!invitations.isEmpty() && chance(random, 0.6)) {
            begin.formParam("t", oneOf(random, invitations));
        }
        String location = below500(begin.post("/s/{id}/start", id), "start").getHeader("Location");
        for (int step = 0; location != null && location.matches(".*/r/[^/]+/\\d+$") && step < definition.pages().size() + size; step++) {
            String path = location.replaceAll("^https?://[^/]+", "");
            below500(given().redirects().follow(false).cookies(cookies).get(path), "page " + step);
            RequestSpecification post = given().redirects().follow(false).cookies(cookies).contentType(ContentType.URLENC)
                    .formParam("csrf-token", chance(random, 0.9) ? csrf : "forged")
                    .formParam("action", oneOf(random, List.of("continue", "continue", "back", "save", "??")));
            JsonNode answers = RandomAnswerSets.next(random, definition, oracle);
            answers.fields().forEachRemaining(field -> formFields(post, field.getKey(), field.getValue()));
            if (chance(random, 0.3)) {
                post.formParam(oneOf(random, definition.questions()).id(), oneOf(random, List.of("", "%zz", "x".repeat(3000), "-1", "9999999999")));
            }
            if (chance(random, 0.2)) {
                post.formParam(text(random, "abc.[]%", 1, 30), text(random, "xyz😀", 0, 30));
            }
            location = below500(post.post(path), "page post " + step).getHeader("Location");
            if (chance(random, 0.1)) {
                below500(given().redirects().follow(false).cookies(cookies).get(path.replaceAll("/\\d+$", "/saved")), "saved page");
                below500(given().redirects().follow(false).cookies(cookies).get(path.replaceAll("/\\d+$", "/" + random.nextInt(1000))),
                        "a page out of range");
            }
        }
        below500(given().redirects().follow(false).get("/s/{id}/r/{token}/1", id, text(random, "abcXYZ-_", 1, 40)), "a made-up resume link");
    }

    private static void formFields(RequestSpecification post, String name, JsonNode value) {
        if (value.isArray()) {
            value.forEach(v -> post.formParam(name, v.isValueNode() ? v.asText() : v.toString()));
        } else if (value.isObject()) {
            value.fields().forEachRemaining(row -> post.formParam(name + "." + row.getKey(), row.getValue().asText()));
        } else {
            post.formParam(name, value.isNull() ? "" : value.asText());
        }
    }

    /** Results with random and garbage filters, crosstabs, the stream, exports, the codebook, the dashboard. */
    private void reads(Random random, String id, SurveyDefinition definition, int size) {
        List<String> filters = new ArrayList<>(List.of("x:y", "::", "%", ":", "a".repeat(300) + ":b", "q.r.s:t",
                String.join(",", java.util.Collections.nCopies(101, "c")).replaceFirst("^", "q0:")));
        List<String> variables = new ArrayList<>(List.of("missing", "", "q0.nope", "%2F"));
        for (Question question : definition.questions()) {
            question.answerCodes().forEach(code -> filters.add(question.id() + ":" + code));
            filters.add(question.id() + ":nonsense");
            variables.add(question.id());
            if (question.rows() != null) {
                question.rows().forEach(row -> {
                    variables.add(question.id() + "." + row.code());
                    question.columns().forEach(column -> filters.add(question.id() + "." + row.code() + ":" + column.code()));
                });
            }
        }
        for (String token : List.of(researcher, analyst)) {
            api(staff(token).get("/api/surveys/{id}/results", id), "results");
            for (int i = 0; i < size; i++) {
                List<String> chosen = new ArrayList<>();
                // Kept well inside the 4 KiB request line, which the HTTP layer enforces before any of our code runs.
                for (int f = 0, n = oneOf(random, List.of(1, 1, 2, 3, 11)), length = 0; f < n && length < 1500; f++) {
                    String filter = chance(random, 0.3) ? oneOf(random, filters) + "," + oneOf(random, filters).replaceAll("^.*:", "")
                            : oneOf(random, filters);
                    chosen.add(filter);
                    length += filter.length();
                }
                api(staff(token).queryParam("filter", chosen.toArray()).get("/api/surveys/{id}/results", id),
                        "filtered results " + chosen);
                String rows = oneOf(random, variables);
                String columns = oneOf(random, variables);
                RequestSpecification crosstab = staff(token).queryParam("rows", rows).queryParam("columns", columns);
                if (chance(random, 0.5)) {
                    crosstab.queryParam("filter", oneOf(random, filters));
                }
                api(crosstab.get("/api/surveys/{id}/results/crosstab", id), "crosstab " + rows + " x " + columns);
            }
            streamBriefly(token, id, chance(random, 0.5) ? null : oneOf(random, filters));
            api(staff(token).accept(ContentType.JSON).get("/api/surveys/{id}/codebook", id), "codebook");
            below500(staff(token).accept(ContentType.HTML).get("/api/surveys/{id}/codebook", id), "codebook page");
            for (String accept : List.of("text/csv", "application/x-ndjson")) {
                api(staff(token).accept(accept).queryParam("status", oneOf(random,
                        List.of("complete", "complete,screened_out,quota_full", "in_progress", "bogus", "", ",,")))
                        .get("/api/surveys/{id}/responses", id), "export " + accept);
            }
            below500(given().redirects().follow(false).cookie(SignIn.COOKIE, dashboardCookie(token)).accept(ContentType.HTML)
                    .queryParam("filter", oneOf(random, filters)).get("/dashboard/{id}", id), "dashboard");
        }
        api(given().get("/api/surveys/{id}", id), "public definition");
        api(given().queryParam("invitation", oneOf(random, List.of("bogus", "", "i".repeat(500)))).get("/api/surveys/{id}", id),
                "public definition, bad invitation");
        api(staff(researcher).queryParam("surveyId", id).queryParam("limit", oneOf(random, List.of("5", "0", "1001", "x", "-3")))
                .get("/api/audit"), "audit");
        api(staff(analyst).get("/api/audit"), "audit as an analyst");
        api(staff(researcher).get("/api/surveys"), "survey list");
    }

    /** Opens the results stream, reads its first event (or its refusal) and closes it. */
    private void streamBriefly(String token, String id, String filter) {
        String query = filter == null ? "" : "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(service + "api/surveys/" + id + "/results/stream" + query))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                assertTrue(status < 500, "stream " + query + " answered " + status);
                if (status == 200) {
                    BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                        try {
                            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                                if (line.startsWith("data:")) {
                                    return line;
                                }
                            }
                            return null;
                        } catch (IOException e) {
                            return null;
                        }
                    });
                    String event = first.get(10, TimeUnit.SECONDS);
                    assertTrue(event != null && readTree(event.substring(5).strip()).has("surveyId"), "the stream's first event: " + event);
                } else {
                    String type = response.headers().firstValue("Content-Type").orElse("");
                    JsonNode problem = JSON.readTree(body.readNBytes(65_536));
                    assertTrue(type.startsWith(PROBLEM_JSON) && problem.path("status").asInt() == status
                            && problem.path("type").asText().startsWith("urn:canvass:problem:"),
                            "a refused stream is a problem document: " + type + " " + problem);
                }
            }
        } catch (IOException | java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new AssertionError("stream " + query + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Erasure of stored responses' personal data and by value, with garbage among them. */
    private void erasure(Random random, String id, List<String> stored) {
        String response = stored.isEmpty() || chance(random, 0.3) ? oneOf(random, List.of("nope", "00000000-0000-0000-0000-000000000000"))
                : oneOf(random, stored);
        api(staff(researcher).delete("/api/responses/{id}/personal-data", response), "erase a response's personal data");
        String value = oneOf(random, List.of("{\"value\": \"cio@example.com\"}", "{\"value\": \"\"}", "{}", "[]",
                "{\"value\": \"" + "v".repeat(20_001) + "\"}", "{\"value\": 5}", "x"));
        api(staff(researcher).contentType(ContentType.JSON).body(value).post("/api/surveys/{id}/personal-data/erasure", id),
                "erase by value " + value.substring(0, Math.min(40, value.length())));
        api(staff(analyst).contentType(ContentType.JSON).body("{\"value\": \"cio@example.com\"}")
                .post("/api/surveys/{id}/personal-data/erasure", id), "erase by value as an analyst");
    }

    /** Malformed sign-in posts: every one is refused with a 4xx, and none signs anyone in. */
    private void signIn(Random random) {
        Response form = below500(given().redirects().follow(false).get("/login"), "sign-in form");
        String cookie = form.getCookie("csrf-token");
        String csrf = csrf(form.asString());
        List<RequestSpecification> posts = new ArrayList<>(List.of(
                given().contentType(ContentType.URLENC).body(""),
                given().contentType(ContentType.URLENC).cookie("csrf-token", cookie).formParam("csrf-token", csrf),
                given().contentType(ContentType.URLENC).cookie("csrf-token", cookie).formParam("csrf-token", csrf)
                        .formParam("token", text(random, "abc.-_%+ 😀", 0, 300)),
                given().contentType(ContentType.URLENC).cookie("csrf-token", cookie).body("csrf-token=" + csrf + "&token=%zz%"),
                given().contentType(ContentType.JSON).body("{\"token\": \"x\"}"),
                given().contentType(ContentType.URLENC).cookie("csrf-token", cookie).formParam("csrf-token", csrf)
                        .formParam("token", "eyJ" + "a".repeat(random.nextInt(9000)) + ".e30.sig")
                        .formParam("next", oneOf(random, List.of("/dashboard?%zz", "//evil.example.com", "javascript:x", ""))),
                given().contentType(ContentType.URLENC).cookie("csrf-token", "%%%").formParam("csrf-token", "%%%").formParam("token", "x")));
        for (RequestSpecification post : List.of(oneOf(random, posts), oneOf(random, posts))) {
            Response signedIn = below500(post.redirects().follow(false).post("/login"), "sign-in post");
            assertTrue(signedIn.statusCode() >= 400, "a malformed sign-in is refused: " + signedIn.statusCode());
        }
    }

    /** The dashboard's sign-in cookie for a token, signed in once per token. */
    private String dashboardCookie(String token) {
        return DASHBOARD_COOKIES.computeIfAbsent(token, SignIn::cookieFor);
    }

    /** The researcher's exact count of every response the survey has: stored ones only, whatever their status. */
    private long started(String id) {
        Response results = api(staff(researcher).get("/api/surveys/{id}/results", id), "results");
        assertEquals(200, results.statusCode(), results.asString());
        return results.jsonPath().getLong("counts.started");
    }

    private static String garbled(Random random, String body) {
        return switch (random.nextInt(4)) {
            case 0 -> body.substring(0, random.nextInt(body.length()));
            case 1 -> body.replace("\"pages\"", "\"pagez\"");
            case 2 -> body.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"another-survey\"");
            default -> "{\"id\": 1}";
        };
    }

    private static RequestSpecification staff(String token) {
        return given().redirects().follow(false).auth().oauth2(token);
    }

    /** An answer from under /api: below 500, and a 4xx is a problem document with its status and type. */
    private static Response api(Response response, String what) {
        below500(response, what);
        int status = response.statusCode();
        if (status >= 400) {
            String type = response.contentType();
            assertTrue(type != null && type.startsWith(PROBLEM_JSON), what + " answered " + status + " as " + type + ": "
                    + abbreviated(response));
            JsonNode problem = readTree(response.asString());
            assertEquals(status, problem.path("status").asInt(), what + ": the problem's status: " + problem);
            assertTrue(problem.path("type").asText().startsWith("urn:canvass:problem:"), what + ": the problem's type: " + problem);
        }
        return response;
    }

    private static Response below500(Response response, String what) {
        assertTrue(response.statusCode() < 500, what + " answered " + response.statusCode() + ": " + abbreviated(response));
        return response;
    }

    private static String abbreviated(Response response) {
        String body = response.asString();
        return body.substring(0, Math.min(500, body.length()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String csrf(String page) {
        Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page);
        return field.find() ? field.group(1) : null;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json.substring(0, Math.min(300, json.length())), e);
        }
    }
}
