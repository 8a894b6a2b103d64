package io.canvass.respondent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Tokens;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.InvalidDefinitionException;
import io.canvass.response.ResponseRepository;
import io.canvass.response.SurveyResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The respondent's language: chosen from ?lang=, Accept-Language or the default, kept, switched, stored and counted. */
@QuarkusTest
class RespondentLanguagesTest {

    private static final String SURVEY = "test-languages";

    @Inject
    RespondentSessionRepository sessions;

    @Inject
    ResponseRepository responses;

    @Test
    void theStartPageFollowsLangThenAcceptLanguageThenTheDefault() {
        given().when().get("/s/" + SURVEY).then().statusCode(200)
                .body(containsString("<html lang=\"en\" dir=\"ltr\">"), containsString("Languages study"));
        given().header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5").when().get("/s/" + SURVEY).then().statusCode(200)
                .header("Content-Language", "ja")
                .body(containsString("<html lang=\"ja\""), containsString("言語の調査"), not(containsString("<h1>Languages study")),
                        containsString(">開始する</button>"), containsString("ご回答は機密として扱われ"));
        given().header("Accept-Language", "ja").queryParam("lang", "en").when().get("/s/" + SURVEY).then()
                .body(containsString("<html lang=\"en\""), containsString("<h1>Languages study</h1>"));
        // A language the survey does not offer falls back to the default, never to an error.
        given().queryParam("lang", "ko").header("Accept-Language", "fr-CA,fr;q=0.8").when().get("/s/" + SURVEY).then()
                .statusCode(200).body(containsString("<html lang=\"en\""));
    }

    @Test
    void anAcceptLanguageNoBrowserSendsGivesThePageInTheDefaultNotAnError() {
        for (String header : List.of("ja;q=bad", "ja;q=2", ";;;", "ja-JP,ja;q=", "ja" + ",x".repeat(300))) {
            given().header("Accept-Language", header).when().get("/s/" + SURVEY).then().statusCode(200)
                    .body(containsString("<html lang=\"en\""), containsString("<h1>Languages study</h1>"));
            given().header("Accept-Language", header).when().get("/").then().statusCode(200);
        }
        // A readable one still chooses.
        given().header("Accept-Language", "ja;q=0.9").when().get("/s/" + SURVEY).then().statusCode(200)
                .body(containsString("<html lang=\"ja\""));
    }

    @Test
    void theChosenLanguageStaysForEveryPageAndTheSwitcherKeepsWhatWasTyped() {
        RespondentPagesTest.Visitor visitor = new RespondentPagesTest.Visitor();
        visitor.get("/s/" + SURVEY + "?lang=ja").then().statusCode(200);
        visitor.post("/s/" + SURVEY + "/start", Map.of("lang", "ja")).then().statusCode(303);
        String page = visitor.location;
        visitor.get(page).then().statusCode(200)
                .body(containsString("<html lang=\"ja\""), containsString("あなたの役職は何ですか。"),
                        containsString("value=\"language:en\""), containsString("2ページ中1ページ目"),
                        containsString(">次へ</button>"));
        assertEquals("ja", responseOf(visitor).language);

        visitor.post(page, Map.of("role", "cto", "note", "typed before switching", "action", "language:en"))
                .then().statusCode(303);
        assertEquals(page, visitor.location, "the switch shows the same page again");
        visitor.get(page).then().statusCode(200)
                .body(containsString("<html lang=\"en\""), containsString("What is your role?"),
                        containsString("typed before switching"), containsString("value=\"cto\" checked"));
        assertEquals("en", responseOf(visitor).language);

        visitor.post(page, Map.of("role", "cto", "action", "language:ja")).then().statusCode(303);
        visitor.post(page, Map.of("role", "cto", "action", "continue")).then().statusCode(303);
        visitor.get(visitor.location).then().body(containsString("最後のページ"));
        visitor.post(visitor.location, Map.of("done", "y", "action", "continue")).then().statusCode(303);
        visitor.get(visitor.location).then().statusCode(200).header("Content-Language", "ja")
                .body(containsString("<html lang=\"ja\""));
        assertEquals("ja", responseOf(visitor).language);
    }

    @Test
    void anApiSubmissionNamesItsLanguageAndResultsFilterAndBreakDownByIt() {
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("role", "cio", "done", "y"), "language", "de"))
                .when().post("/api/surveys/" + SURVEY + "/responses").then().statusCode(422)
                .contentType("application/problem+json").body(containsString("language"));
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("role", "cio", "done", "y"), "language", "ja"))
                .when().post("/api/surveys/" + SURVEY + "/responses").then().statusCode(201);
        given().auth().oauth2(Tokens.researcher()).queryParam("filter", "language:ja")
                .when().get("/api/surveys/" + SURVEY + "/results").then().statusCode(200)
                .body("filters[0].question", equalTo("language"));
        String ndjson = given().auth().oauth2(Tokens.researcher()).accept("application/x-ndjson")
                .when().get("/api/surveys/" + SURVEY + "/responses").then().statusCode(200).extract().asString();
        assertTrue(ndjson.contains("\"language\":\"ja\""), ndjson);
        String csv = given().auth().oauth2(Tokens.researcher()).accept("text/csv")
                .when().get("/api/surveys/" + SURVEY + "/responses").then().statusCode(200).extract().asString();
        assertTrue(csv.lines().findFirst().orElseThrow().contains(",review_reason,language,"), csv);
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/" + SURVEY + "/codebook").then().statusCode(200)
                .body(containsString("日本語"));
        given().auth().oauth2(Tokens.researcher()).queryParam("rows", "language").queryParam("columns", "role")
                .when().get("/api/surveys/" + SURVEY + "/results/crosstab").then().statusCode(200)
                .body(containsString("\"language\""));
        given().auth().oauth2(Tokens.researcher()).queryParam("filter", "language:ko")
                .when().get("/api/surveys/" + SURVEY + "/results").then().statusCode(400)
                .body(containsString("filter"));
    }

    @Test
    void theCodebookGivesEveryQuestionTextAndLabelInEachLanguage() {
        String json = given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/" + SURVEY + "/codebook")
                .then().statusCode(200).extract().asString();
        JsonPath codebook = new JsonPath(json);
        assertEquals(List.of("en", "ja"), codebook.getList("languages"));
        assertEquals(Map.of("en", "What is your role?", "ja", "あなたの役職は何ですか。"),
                codebook.getMap("columns.find { it.column == 'role' }.texts"));
        assertEquals("What is your role?", codebook.getString("columns.find { it.column == 'role' }.text"));
        assertEquals(Map.of("en", "CTO", "ja", "CTO（最高技術責任者）"),
                codebook.getMap("columns.find { it.column == 'role' }.values.find { it.code == 'cto' }.labels"));
        assertEquals(Map.of("en", "Anything to add?", "ja", "ご意見があればお書きください。"),
                codebook.getMap("columns.find { it.column == 'note' }.texts"));
        // The response's own fields are Canvass's, in English only.
        assertEquals((Object) null, codebook.get("columns.find { it.column == 'status' }.texts"));

        given().auth().oauth2(Tokens.researcher()).accept("text/html").when().get("/api/surveys/" + SURVEY + "/codebook")
                .then().statusCode(200)
                .body(containsString("<li lang=\"ja\"><code>ja</code> あなたの役職は何ですか。</li>"),
                        containsString("<li lang=\"ja\"><code>ja</code> CTO（最高技術責任者）</li>"));
        // A one-language survey's codebook has no translations to give.
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/test-export/codebook").then().statusCode(200)
                .body("languages", equalTo(List.of("en")))
                .body(not(containsString("\"texts\"")), not(containsString("\"labels\"")));
    }

    @Test
    void aDefinitionMissingATextInADeclaredLanguageIsRefusedNamingQuestionAndLanguage() {
        String yaml = """
                id: half-translated
                languages: [en, ja, ko]
                title: { en: "T", ja: "T", ko: "T" }
                pages:
                  - id: p
                    title: { en: "P", ja: "P", ko: "P" }
                    questions:
                      - id: role
                        type: single
                        text: { en: "Role?", ja: "役職？" }
                        options:
                          - { code: "a", label: "A" }
                """;
        InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
                () -> DefinitionParser.parse(yaml, DefinitionFormat.YAML, "test"));
        String problems = refused.problems().toString();
        assertTrue(problems.contains("question 'role' has no text in 'ko'"), problems);
        assertTrue(problems.contains("option 'a' of question 'role' has no label in 'ja'"), problems);
        assertTrue(problems.contains("option 'a' of question 'role' has no label in 'ko'"), problems);
        given().auth().oauth2(Tokens.researcher()).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/surveys").then().statusCode(422)
                .body(containsString("/pages/0/questions/0/text/ko"));
        given().auth().oauth2(Tokens.researcher()).contentType("application/yaml")
                .body(yaml.replace("[en, ja, ko]", "[en, xx]").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/surveys").then().statusCode(422).body(containsString("/languages/1"));
    }

    private SurveyResponse responseOf(RespondentPagesTest.Visitor visitor) {
        return QuarkusTransaction.requiringNew().call(() -> responses.findById(sessions.findById(visitor.token()).responseId));
    }
}
