package io.canvass.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Results of a small survey of every question type, against numbers worked out by hand from the
 * responses submitted below (six executives' answers, each given twice: twelve completes; then a
 * quota-full and a screen-out). The survey's minimum group size is 5. Read as a researcher of the
 * survey, whose numbers are exact and live (analysts': {@link DisclosureControlTest}).
 */
@QuarkusTest
class ResultsTest {

    private static final String SURVEY = "test-results";
    private static boolean submitted;

    @BeforeEach
    void submitResponsesOnce() {
        if (submitted) {
            return;
        }
        submitted = true;
        for (int twice = 0; twice < 2; twice++) {
            submit(answers("exec", "eu", 5, List.of("a", "b"), "yes", "large", "some", "none"), "complete", Map.of("note", "Fine"));
            submit(answers("exec", "eu", 4, List.of("a"), "yes", "small", "some", "some"), "complete",
                    Map.of("email", "ceo@example.com"));
            submit(answers("exec", "us", 4, List.of("none"), "no", null, "none", "none"), "complete", Map.of("note", "  "));
            submit(answers("exec", "us", 2, List.of("b", "other"), "no", null, "some", "none"), "complete",
                    Map.of("tools.other", "Zeta"));
            submit(answers("exec", "asia", 1, List.of("a"), "yes", "large", "none", "some"), "complete", Map.of());
            submit(answers("other", "asia", 3, List.of("a", "b"), "no", null, "none", "some"), "complete", Map.of());
        }
        submit(answers("exec", "asia", 3, List.of("a"), "no", null, "none", "some"), "quota_full", Map.of());
        submit(answers("staff", "eu", 5, List.of("a"), "no", null, "none", "none"), "screened_out", Map.of());
    }

    @Test
    void countsEveryStatusInTheFunnelButOnlyCompletesInTheAnswers() {
        results().statusCode(200)
                .body("surveyId", equalTo(SURVEY))
                .body("title", equalTo("Results <b>&amp; friends</b>"))
                .body("minGroupSize", equalTo(5))
                .body("suppressed", equalTo(false))
                .body("completesAtState", equalTo(12))
                .body("$", not(hasKey("disclosureControl")))
                .body("counts.started", equalTo(14))
                .body("counts.in_progress", equalTo(0))
                .body("counts.complete", equalTo(12))
                .body("counts.screened_out", equalTo(1))
                .body("counts.quota_full", equalTo(1))
                .body("n", equalTo(12))
                .body("questions.id", contains("role", "region", "rating", "tools", "losses", "loss_size", "use", "note", "email"))
                .body("quotas[0].id", equalTo("region"))
                .body("quotas[0].cells[0].code", equalTo("asia"))
                .body("quotas[0].cells[0].cap", equalTo(4))
                .body("quotas[0].cells[0].filled", equalTo(4));
    }

    @Test
    void givesEveryOptionItsCountAndPercentOfTheCompletesShownTheQuestion() {
        results().statusCode(200)
                .body("questions[1].type", equalTo("single"))
                .body("questions[1].n", equalTo(12))
                .body("questions[1].options.code", contains("eu", "us", "asia"))
                .body("questions[1].options.label", contains("Europe", "United States", "Asia"))
                .body("questions[1].options.count", contains(4, 4, 4))
                .body("questions[1].options.percent", contains(33.3f, 33.3f, 33.3f))
                .body("questions[0].options.count", contains(10, 0, 2));
    }

    @Test
    void countsAConditionalQuestionOnlyOverThoseWhoSawIt() {
        results().statusCode(200)
                .body("questions[5].id", equalTo("loss_size"))
                .body("questions[5].n", equalTo(6))
                .body("questions[5].options.count", contains(2, 4))
                .body("questions[5].options.percent", contains(33.3f, 66.7f));
    }

    @Test
    void givesAMultipleChoicePercentsOfItsRespondentsThatMaySumPastOneHundred() {
        results().statusCode(200)
                .body("questions[3].type", equalTo("multiple"))
                .body("questions[3].n", equalTo(12))
                .body("questions[3].options.code", contains("a", "b", "other", "none"))
                .body("questions[3].options.count", contains(8, 6, 2, 2))
                .body("questions[3].options.percent", contains(66.7f, 50.0f, 16.7f, 16.7f));
    }

    @Test
    void describesAScaleWithMeanMedianSpreadAndTopTwoBox() {
        // Ratings 5, 4, 4, 2, 1, 3, twice: mean 19/6, median (3+4)/2, sample standard deviation sqrt(130/66).
        results().statusCode(200)
                .body("questions[2].type", equalTo("scale"))
                .body("questions[2].options.code", contains("1", "2", "3", "4", "5"))
                .body("questions[2].options.count", contains(2, 2, 2, 4, 2))
                .body("questions[2].mean", equalTo(3.17f))
                .body("questions[2].median", equalTo(3.50f))
                .body("questions[2].stdDev", equalTo(1.40f))
                .body("questions[2].topTwoBox", equalTo(50.0f))
                .body("questions[2].minLabel", equalTo("Low"))
                .body("questions[2].maxLabel", equalTo("High"));
    }

    @Test
    void countsEachMatrixRowLikeASingleChoice() {
        results().statusCode(200)
                .body("questions[6].type", equalTo("matrix"))
                .body("questions[6]", not(hasKey("n")))
                .body("questions[6].rows.code", contains("sales", "hr"))
                .body("questions[6].rows[0].n", equalTo(12))
                .body("questions[6].rows[0].options.code", contains("none", "some"))
                .body("questions[6].rows[0].options.count", contains(6, 6))
                .body("questions[6].rows[1].options.count", contains(6, 6));
    }

    @Test
    void countsTextAnswersButNeverShowsThemOrAnyPersonalData() {
        results().statusCode(200)
                .body("questions[7].id", equalTo("note"))
                .body("questions[7].n", equalTo(12))
                .body("questions[7].answered", equalTo(2))
                .body("questions[7]", not(hasKey("options")))
                .body("questions[8].id", equalTo("email"))
                .body("questions[8].n", equalTo(12))
                .body("questions[8]", not(hasKey("answered")))
                .body(not(org.hamcrest.Matchers.containsString("ceo@example.com")))
                .body(not(org.hamcrest.Matchers.containsString("Fine")));
    }

    @Test
    void filtersToTheCompletesWithAnyOfTheListedCodes() {
        results("losses:yes").statusCode(200)
                .body("suppressed", equalTo(false))
                .body("filters[0].question", equalTo("losses"))
                .body("filters[0].codes", contains("yes"))
                .body("n", equalTo(6))
                .body("counts.complete", equalTo(12))
                .body("$", not(hasKey("disclosureControl")))
                .body("questions[1].options.count", contains(4, 0, 2))
                .body("questions[2].options.count", contains(2, 0, 0, 2, 2))
                .body("questions[5].n", equalTo(6));
        results("tools:b").statusCode(200).body("n", equalTo(6)).body("questions[1].options.count", contains(2, 2, 2));
        results("use.sales:some").statusCode(200).body("n", equalTo(6)).body("questions[1].options.count", contains(4, 2, 0));
        results("rating:4,5").statusCode(200).body("n", equalTo(6)).body("questions[4].options.count", contains(4, 2));
        results("region:eu,us,asia").statusCode(200).body("n", equalTo(12));
    }

    @Test
    void combinesFiltersWithAnd() {
        results("losses:no", "tools:b").statusCode(200).body("suppressed", equalTo(true));
        results("tools:a", "tools:b").statusCode(200).body("suppressed", equalTo(true));
        results("losses:yes", "losses:yes,no").statusCode(200).body("n", equalTo(6));
    }

    @Test
    void suppressesAGroupSmallerThanTheMinimumAndOneWhoseRestWouldBe() {
        ValidatableResponse small = results("region:eu").statusCode(200)
                .body("suppressed", equalTo(true))
                .body("minGroupSize", equalTo(5))
                .body("filters[0].codes", contains("eu"));
        small.body("$", not(hasKey("counts"))).body("$", not(hasKey("n"))).body("$", not(hasKey("questions")))
                .body("$", not(hasKey("quotas")));
        // Eight of twelve: shown, the other four could be had by subtracting from the unfiltered results.
        results("region:eu,us").statusCode(200).body("suppressed", equalTo(true)).body("$", not(hasKey("questions")));
    }

    @Test
    void crosstabsGiveCountsColumnPercentsAndTotals() {
        crosstab("use.sales", "losses").statusCode(200)
                .body("rowVariable.id", equalTo("use.sales"))
                .body("columnVariable.id", equalTo("losses"))
                .body("suppressed", equalTo(false))
                .body("n", equalTo(12))
                .body("completesAtState", equalTo(12))
                .body("$", not(hasKey("disclosureControl")))
                .body("columns.code", contains("yes", "no"))
                .body("columns.n", contains(6, 6))
                .body("rows.code", contains("none", "some"))
                .body("rows.n", contains(6, 6))
                .body("rows.percent", contains(50.0f, 50.0f))
                .body("rows[1].cells.column", contains("yes", "no"))
                .body("rows[1].cells.count", contains(4, 2))
                .body("rows[1].cells.percent", contains(66.7f, 33.3f))
                .body("rows[0].cells.count", contains(2, 4));
    }

    @Test
    void crosstabsSuppressSmallRowsAndTheNextSmallestSoNoneCanBeWorkedOut() {
        crosstab("tools", "losses").statusCode(200)
                .body("rows.code", contains("a", "b", "other", "none"))
                .body("rows.suppressed", contains(false, true, true, true))
                .body("rows[0].n", equalTo(8))
                .body("rows[0].cells.count", contains(6, 2))
                .body("rows[0].cells.percent", contains(100.0f, 33.3f))
                .body("rows[1]", not(hasKey("n")))
                .body("rows[1]", not(hasKey("cells")));
        crosstab("losses", "region").statusCode(200)
                .body("columns.suppressed", contains(true, true, true))
                .body("columns[0]", not(hasKey("n")))
                .body("rows[0].cells.suppressed", contains(true, true, true))
                .body("rows[0].cells[0]", not(hasKey("count")));
    }

    @Test
    void refusesFiltersAndVariablesThatNameNothingCountable() {
        for (String filter : List.of("nope:x", "region:mars", "region", "region:", "note:x", "email:x", "use:some",
                "use.nope:some", "rating:9", "' OR 1=1 --:x")) {
            results(filter).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("filter"));
        }
        crosstab("note", "region").statusCode(400).body("errors.field", hasItem("rows"));
        crosstab("region", null).statusCode(400).body("errors.field", hasItem("columns"));
    }

    @Test
    void refusesMoreFiltersOrCodesThanConfiguredNamingTheFilterParameter() {
        // Ten filters (canvass.results.filters.max), each a valid one, are taken; an eleventh is refused.
        String[] ten = new String[10];
        java.util.Arrays.fill(ten, "region:eu,us,asia");
        results(ten).statusCode(200);
        String[] eleven = java.util.Arrays.copyOf(ten, 11);
        eleven[10] = "region:eu";
        for (ValidatableResponse refused : List.of(results(eleven),
                given().auth().oauth2(Tokens.analyst()).queryParam("filter", (Object[]) eleven)
                        .when().get("/api/surveys/{id}/results", SURVEY).then(),
                given().auth().oauth2(Tokens.researcher()).queryParam("rows", "role").queryParam("columns", "region")
                        .queryParam("filter", (Object[]) eleven).when().get("/api/surveys/{id}/results/crosstab", SURVEY).then(),
                given().auth().oauth2(Tokens.analyst()).accept("text/event-stream").queryParam("filter", (Object[]) eleven)
                        .when().get("/api/surveys/{id}/results/stream", SURVEY).then())) {
            refused.statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:canvass:problem:invalid-results-query"))
                    .body("status", equalTo(400))
                    .body("errors.field", contains("filter"))
                    .body("detail", equalTo("A query takes at most 10 filters; this one has 11"));
        }
        // A hundred codes in one filter (canvass.results.filters.max-codes) are taken, repeats and all; 101 are not.
        String hundred = "region:" + String.join(",", java.util.Collections.nCopies(100, "eu"));
        results(hundred).statusCode(200);
        results(hundred + ",us").statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("filter"))
                .body("detail", equalTo("A filter lists at most 100 codes; one lists 101"));
    }

    @Test
    void answersOnlyStaffWithAResultsRole() {
        given().when().get("/api/surveys/{id}/results", SURVEY).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.noRole()).when().get("/api/surveys/{id}/results", SURVEY).then().statusCode(403);
        given().auth().oauth2(Tokens.expired()).when().get("/api/surveys/{id}/results", SURVEY).then().statusCode(401);
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/results", SURVEY).then().statusCode(200);
        given().auth().oauth2(Tokens.analyst()).when().get("/api/surveys/{id}/results/crosstab?rows=role&columns=losses", SURVEY)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.analyst()).when().get("/api/surveys/{id}/results", "no-such-survey").then()
                .statusCode(404).contentType("application/problem+json");
    }

    private static ValidatableResponse results(String... filters) {
        RequestSpecification request = given().auth().oauth2(Tokens.researcher());
        if (filters.length > 0) {
            request.queryParam("filter", (Object[]) filters);
        }
        return request.when().get("/api/surveys/{id}/results", SURVEY).then();
    }

    private static ValidatableResponse crosstab(String rows, String columns) {
        RequestSpecification request = given().auth().oauth2(Tokens.researcher()).queryParam("rows", rows);
        if (columns != null) {
            request.queryParam("columns", columns);
        }
        return request.when().get("/api/surveys/{id}/results/crosstab", SURVEY).then();
    }

    private static Map<String, Object> answers(String role, String region, int rating, List<String> tools, String losses,
            String lossSize, String sales, String hr) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("role", role);
        answers.put("region", region);
        answers.put("rating", rating);
        answers.put("tools", tools);
        answers.put("losses", losses);
        if (lossSize != null) {
            answers.put("loss_size", lossSize);
        }
        answers.put("use", Map.of("sales", sales, "hr", hr));
        return answers;
    }

    private static void submit(Map<String, Object> answers, String expectedStatus, Map<String, Object> extra) {
        Map<String, Object> all = new LinkedHashMap<>(answers);
        all.putAll(extra);
        given().contentType(ContentType.JSON).body(Map.of("answers", all))
                .when().post("/api/surveys/{id}/responses", SURVEY)
                .then().log().ifValidationFails().statusCode(201).body("status", equalTo(expectedStatus));
    }
}
