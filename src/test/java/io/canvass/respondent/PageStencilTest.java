package io.canvass.respondent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.Interview;
import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.survey.SurveyCatalog;
import io.canvass.testing.RandomTrials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Page stencils against the page template they are compiled from: for any answers, a stencilled
 * page is byte for byte the Qute render of the same page (the template stays the one description
 * of the markup), and over HTTP a page keeps the headers it had when Qute wrote it.
 */
@QuarkusTest
class PageStencilTest {

    private static final String SURVEY = "aiia-genai-2023";

    /** Every question type once, with the labels and texts escaping and UTF-8 get wrong. */
    private static final String EVERY_KIND = """
            id: stencil-every-kind
            version: 1
            title: "Kinds <b>&amp;</b> \\"quotes\\" 'single' 漢字 😀"
            pages:
              - id: first
                title: "Choices & <i>reveals</i>"
                description: "Des<c>ription & 'more' — 한글 👍🏽"
                questions:
                  - id: size
                    type: single
                    text: "Size <script>alert('s')</script>?"
                    help: "Hint \\"><img src=x>"
                    options:
                      - { code: "small", label: "Small & <tiny>" }
                      - { code: "large", label: "Large \\"L\\" 大" }
                      - { code: "other", label: "Other 'please' 😀", specify: true }
                  - id: tools
                    type: multiple
                    text: "Tools used?"
                    required: false
                    condition: { question: size, in: ["large"] }
                    options:
                      - { code: "chat", label: "Chat <assistants>" }
                      - { code: "other", label: "Other & more", specify: true }
                      - { code: "none", label: "None of these — ✗", exclusive: true }
              - id: second
                title: "Scales, matrix"
                questions:
                  - id: rating
                    type: scale
                    text: "Useful?"
                    min: 0
                    max: 10
                    minLabel: "Not <at> all"
                    maxLabel: "Very \\"much\\" 非常"
                  - id: plain_scale
                    type: scale
                    text: "Plain scale"
                    min: 1
                    max: 5
                  - id: usage
                    type: matrix
                    text: "Usage <per> area"
                    rows:
                      - { code: "sales", label: "Sales & marketing" }
                      - { code: "hr", label: "HR 'people' 人事" }
                    columns:
                      - { code: "low", label: "Low <" }
                      - { code: "high", label: "High >" }
                  - id: sales_detail
                    type: text
                    text: "Sales detail"
                    required: false
                    condition: { question: usage, row: sales, in: ["high"] }
              - id: third
                title: "Text and e-mail"
                questions:
                  - id: comment
                    type: text
                    text: "Comment"
                    maxLength: 500
                    required: false
                  - id: email
                    type: email
                    text: "E-mail <for> the report"
                    required: false
                    personalData: true
            """;

    @Inject
    PageStencils stencils;

    @Inject
    SurveyCatalog catalog;

    @Inject
    RespondentJourney journey;

    /** One page of a definition for one respondent: what the stencil and the template are both given. */
    record Trial(ShownPage page, String csrfToken) {
        @Override
        public String toString() {
            return "page " + page.pageNumber() + " of " + page.plan().definition().id() + ", questions "
                    + page.questions().stream().map(Question::id).toList() + ", last " + page.last() + ", answers "
                    + page.answers() + ", token " + page.token() + ", csrf " + csrfToken;
        }
    }

    private static Trial trial(Random random, SurveyPlan plan, int version, ObjectNode answers) {
        int page = random.nextInt(plan.pageCount());
        // Tokens are base64url in practice; markup in them checks that the slots escape as the template does.
        String token = RandomTrials.chance(random, 0.8) ? RandomTrials.text(random, "AZaz09-_", 32, 32)
                : RandomPages.text(random, 12);
        String csrf = RandomTrials.chance(random, 0.8) ? RandomTrials.text(random, "AZaz09-_", 22, 22)
                : RandomPages.text(random, 12);
        return new Trial(new ShownPage(plan, version, token, page + 1, Interview.shownOnPage(plan, page, answers),
                answers, List.of(), Interview.nextPage(plan, page, answers) < 0, "en"), csrf);
    }

    private static byte[] quteRender(Trial trial) {
        return RespondentResource.Templates.page(trial.page().view(), trial.csrfToken()).render()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void assertSameBytes(byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            int at = Arrays.mismatch(expected, actual);
            fail("the stencil differs from the Qute render at byte " + at + ": expected …"
                    + around(expected, at) + "… but was …" + around(actual, at) + "…");
        }
    }

    private static String around(byte[] bytes, int at) {
        int from = Math.max(0, at - 80);
        return new String(bytes, from, Math.min(bytes.length, at + 80) - from, StandardCharsets.UTF_8);
    }

    @Test
    void everyPageOfThe2023SurveyIsByteEqualToItsQuteRender() {
        SurveyPlan plan = catalog.published(SURVEY).plan();
        int version = catalog.published(SURVEY).version();
        boolean[] seen = new boolean[plan.pageCount()];
        RandomTrials.check(20231203L, 400, random -> trial(random, plan, version,
                RandomPages.answers(random, plan.definition())), trial -> {
                    Optional<PageStencil> stencil = stencils.stencilFor(trial.page());
                    assertTrue(stencil.isPresent(), "every page of the 2023 survey has a stencil");
                    byte[] filled = stencil.get().fill(trial.page().answers(), trial.page().token(), trial.csrfToken());
                    assertSameBytes(quteRender(trial), filled);
                    assertSameBytes(quteRender(trial), stencils.html(trial.page(), trial.csrfToken()));
                    seen[trial.page().pageNumber() - 1] = true;
                });
        for (int p = 0; p < seen.length; p++) {
            assertTrue(seen[p], "page " + (p + 1) + " was tried");
        }
    }

    @Test
    void everyQuestionKindIsByteEqualToItsQuteRender() {
        SurveyPlan plan = SurveyPlan.of(DefinitionParser.parse(EVERY_KIND, DefinitionFormat.YAML, "every kind"));
        RandomTrials.check(1203L, 300, random -> trial(random, plan, 1, RandomPages.answers(random, plan.definition())),
                trial -> assertSameBytes(quteRender(trial), compiled(trial).fill(trial.page().answers(),
                        trial.page().token(), trial.csrfToken())));
    }

    @Test
    void randomDefinitionsWithHostileLabelsAreByteEqualToTheirQuteRender() {
        Set<QuestionType> kinds = EnumSet.noneOf(QuestionType.class);
        RandomTrials.check(31337L, 300, random -> {
            SurveyDefinition definition = RandomPages.definition(random);
            return trial(random, SurveyPlan.of(definition), 1, RandomPages.answers(random, definition));
        }, trial -> {
            assertSameBytes(quteRender(trial), compiled(trial).fill(trial.page().answers(), trial.page().token(),
                    trial.csrfToken()));
            trial.page().questions().forEach(q -> kinds.add(q.type()));
        });
        assertEquals(EnumSet.allOf(QuestionType.class), kinds, "every question type was on a tried page");
    }

    /** A stencil compiled for this trial alone: synthetic definitions share an id, so they stay out of the cache. */
    private static PageStencil compiled(Trial trial) {
        return PageStencils.compile(trial.page()).orElseThrow(() -> new AssertionError("no stencil for " + trial));
    }

    @Test
    void aDefinitionTextThatLooksLikeASlotMarkIsRenderedInFull() {
        String definition = EVERY_KIND.replace("id: stencil-every-kind", "id: stencil-lookalike")
                .replace("Small & <tiny>", "Small \uE0002\uE001 and \uE000");
        SurveyPlan plan = SurveyPlan.of(DefinitionParser.parse(definition, DefinitionFormat.YAML, "lookalike"));
        ObjectNode answers = JsonNodeFactory.instance.objectNode().put("size", "other").put("size.other", "typed <x>");
        Trial trial = new Trial(new ShownPage(plan, 1, "tok", 1, Interview.shownOnPage(plan, 0, answers), answers,
                List.of(), false, "en"), "csrf");
        assertFalse(PageStencils.compile(trial.page()).isPresent(), "a page whose text holds a mark gets no stencil");
        assertSameBytes(quteRender(trial), stencils.html(trial.page(), trial.csrfToken()));
    }

    @Test
    void aStencilIsCompiledOncePerPageLayout() {
        SurveyPlan plan = catalog.published(SURVEY).plan();
        int version = catalog.published(SURVEY).version();
        ObjectNode none = JsonNodeFactory.instance.objectNode();
        ObjectNode some = JsonNodeFactory.instance.objectNode().put("revenue", "gt_50b");
        ShownPage one = new ShownPage(plan, version, "a", 1, Interview.shownOnPage(plan, 0, none), none, List.of(), false, "en");
        ShownPage other = new ShownPage(plan, version, "b", 1, Interview.shownOnPage(plan, 0, some), some, List.of(), false, "en");
        assertSame(stencils.stencilFor(one).orElseThrow(), stencils.stencilFor(other).orElseThrow(),
                "two respondents on the same page layout share its stencil");
        ShownPage last = new ShownPage(plan, version, "a", 1, one.questions(), none, List.of(), true, "en");
        assertFalse(stencils.stencilFor(last).orElseThrow() == stencils.stencilFor(one).orElseThrow(),
                "a page that is the last has a layout of its own (its button says Submit answers)");
    }

    @Test
    void aPageOverHttpIsTheTemplateRenderByteForByteWithTheHeadersItAlwaysHad() {
        // A browser's way in: the start page sets the CSRF cookie, the start post makes the session.
        Response start = given().when().get("/s/test-escaping");
        String cookie = start.getCookie("csrf-token");
        String field = csrfField(start.asString());
        String location = given().redirects().follow(false).cookie("csrf-token", cookie).contentType(ContentType.URLENC)
                .formParam("csrf-token", field).formParam("action", "start").when().post("/s/test-escaping/start")
                .getHeader("Location").replaceAll("^https?://[^/]+", "");
        String typed = "Typed </textarea><b>&amp;</b> \"q\" 'a' 漢字 😀👍🏽\nline two";
        given().redirects().follow(false).cookie("csrf-token", cookie).contentType(ContentType.URLENC)
                .formParam("csrf-token", field).formParam("action", "save").formParam("pick", "a")
                .formParam("note", typed).when().post(location).then().statusCode(303);

        Response page = given().redirects().follow(false).cookie("csrf-token", cookie).when().get(location);
        assertEquals(200, page.statusCode());
        String[] parts = location.split("/");
        RespondentJourney.PageResult shown = journey.show(parts[2], parts[4], Integer.parseInt(parts[5]));
        ShownPage expected = ((RespondentJourney.PageResult.Show) shown).page();
        assertTrue(page.asString().contains("Typed &lt;/textarea&gt;&lt;b&gt;&amp;amp;&lt;/b&gt; &quot;q&quot; &#39;a&#39;"));
        assertSameBytes(quteRender(new Trial(expected, cookie)), page.asByteArray());

        // The headers a Qute-rendered page had (quarkus.http.filter.pages.*, the CSRF cookie, the request id).
        assertEquals("text/html", page.getContentType());
        assertEquals("Accept", page.getHeader("Vary"));
        assertEquals("no-store", page.getHeader("Cache-Control"));
        assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
        assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
        assertEquals("DENY", page.getHeader("X-Frame-Options"));
        assertEquals("camera=(), microphone=(), geolocation=()", page.getHeader("Permissions-Policy"));
        assertTrue(page.getHeader("Content-Security-Policy").startsWith("default-src 'self'; script-src 'self';"));
        assertTrue(page.getHeader("X-Request-Id").matches("[0-9a-f-]{36}"), page.getHeader("X-Request-Id"));
        assertEquals(cookie, page.getCookie("csrf-token"));
        assertEquals(Integer.toString(page.asByteArray().length), page.getHeader("Content-Length"));
        assertEquals(List.of("Cache-Control", "Content-Security-Policy", "Permissions-Policy", "Referrer-Policy",
                "Vary", "X-Content-Type-Options", "X-Frame-Options", "X-Request-Id", "content-length", "Content-Type",
                "set-cookie").stream().map(String::toLowerCase).sorted().toList(),
                page.getHeaders().asList().stream().map(h -> h.getName().toLowerCase()).sorted().toList());
    }

    private static String csrfField(String html) {
        Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(field.find(), html);
        return field.group(1);
    }
}
