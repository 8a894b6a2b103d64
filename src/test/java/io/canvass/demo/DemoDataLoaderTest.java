package io.canvass.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.access.Tokens;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.canvass.response.SurveyResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo load over real HTTP into a copy of the 2023 study ({@code test-demo-aiia}, same questions
 * and quota), then the report's figures recomputed from what the server stored.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDataLoaderTest {

    private static final String SURVEY = "test-demo-aiia";
    private static final Path COPY = Path.of("src/test/resources/questionnaire/test-demo-aiia.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ResponseRepository responses;

    @Test
    @Order(1)
    void fillsAnEmptySurveyWithTheReportsFiguresExactly() {
        LoadSummary summary = load(DemoPlanTest.FIGURES, false);

        assertTrue(summary.matchesPlan(), summary.report());
        assertEquals(1000, summary.completes());
        assertEquals(Map.of("revenue", 190, "employees", 150, "title", 100, "management_level", 40), summary.screenedOut());
        assertEquals(Map.of("industry:it", 14, "industry:financial", 9, "industry:healthcare", 6,
                "industry:manufacturing", 4, "industry:retail", 3), summary.quotaFull());
        assertEquals(0, summary.replayed());

        List<JsonNode> completes = stored(ResponseStatus.COMPLETE);
        assertEquals(1000, completes.size());
        assertEquals(49.0, percent(completes, "genai_priority_2023", "4"));
        assertEquals(18.2, percent(completes, "genai_priority_2023", "5"));
        assertEquals(67.2, percent(completes, "genai_priority_2023", "4") + percent(completes, "genai_priority_2023", "5"), 1e-9);
        assertEquals(41.2, percent(completes, "ai_resourcing", "fully"));
        assertEquals(34.2, percent(completes, "roi_measurement", "fully"));
        assertEquals(87.7, percent(completes, "platform_standardization", "yes"));
        assertTrue(percent(completes, "governance_losses", "yes") > 50.0);

        List<JsonNode> withLosses = completes.stream().filter(a -> a.path("governance_losses").asText().equals("yes")).toList();
        assertEquals(withLosses.size(), completes.stream().filter(a -> a.has("governance_loss_size")).count());
        assertEquals(20.0, percent(withLosses, "governance_loss_size", "50m_100m"));
        assertEquals(24.0, percent(withLosses, "governance_loss_size", "100m_200m"));
        assertEquals(10.0, percent(withLosses, "governance_loss_size", "gt_200m"));

        assertEquals(50.0, percent(completes, "employees", "20k_50k") + percent(completes, "employees", "50k_100k")
                + percent(completes, "employees", "gt_100k"), 1e-9);
        Map<String, Long> industries = completes.stream()
                .collect(Collectors.groupingBy(a -> a.get("industry").asText(), TreeMap::new, Collectors.counting()));
        assertTrue(industries.values().stream().allMatch(n -> n * 100.0 / completes.size() <= 8.0), industries.toString());
        assertEquals(80L, industries.get("it"));

        Map<String, Long> reasons = QuarkusTransaction.requiringNew().call(() -> responses
                .list("surveyId = ?1 and status <> ?2", SURVEY, ResponseStatus.COMPLETE).stream()
                .collect(Collectors.groupingBy(r -> r.status + " " + r.reason, TreeMap::new, Collectors.counting())));
        assertEquals(Map.of(
                "SCREENED_OUT revenue", 190L, "SCREENED_OUT employees", 150L, "SCREENED_OUT title", 100L,
                "SCREENED_OUT management_level", 40L,
                "QUOTA_FULL industry:it", 14L, "QUOTA_FULL industry:financial", 9L, "QUOTA_FULL industry:healthcare", 6L,
                "QUOTA_FULL industry:manufacturing", 4L, "QUOTA_FULL industry:retail", 3L), reasons);

        long flagged = QuarkusTransaction.requiringNew().call(() -> responses.count("surveyId = ?1 and flags is not null", SURVEY));
        assertEquals(0, flagged, "the demo's respondents raise no quality flag: no straight lines, no duplicates, "
                + "no duration sent (no speeders), no honeypot (no bots)");
    }

    @Test
    @Order(2)
    void theResultsApiShowsTheReportsFigures() {
        // A researcher's numbers: exact and live (an analyst's are the last published state).
        given().auth().oauth2(Tokens.researcher()).when().get("/api/surveys/{id}/results", SURVEY).then().statusCode(200)
                .body("counts.complete", equalTo(1000))
                .body("counts.screened_out", equalTo(480))
                .body("counts.quota_full", equalTo(36))
                .body("questions.find { it.id == 'genai_priority_2023' }.options.find { it.code == '4' }.percent", equalTo(49.0f))
                .body("questions.find { it.id == 'genai_priority_2023' }.options.find { it.code == '5' }.percent", equalTo(18.2f))
                .body("questions.find { it.id == 'genai_priority_2023' }.topTwoBox", equalTo(67.2f))
                .body("questions.find { it.id == 'ai_resourcing' }.options.find { it.code == 'fully' }.percent", equalTo(41.2f))
                .body("questions.find { it.id == 'roi_measurement' }.options.find { it.code == 'fully' }.percent", equalTo(34.2f))
                .body("questions.find { it.id == 'platform_standardization' }.options.find { it.code == 'yes' }.percent",
                        equalTo(87.7f))
                .body("questions.find { it.id == 'governance_loss_size' }.n", equalTo(550))
                .body("questions.find { it.id == 'governance_loss_size' }.options.percent", contains(46.0f, 20.0f, 24.0f, 10.0f))
                .body("questions.find { it.id == 'industry' }.options.percent.max()", lessThanOrEqualTo(8.0f))
                .body("quotas[0].cells.find { it.code == 'it' }.filled", equalTo(80));
    }

    @Test
    @Order(3)
    void aSecondRunReplaysEveryRespondentAndStoresNothingNew() {
        long before = count();
        LoadSummary again = load(DemoPlanTest.FIGURES, false);

        assertTrue(again.matchesPlan(), again.report());
        assertEquals(again.submitted(), again.replayed());
        assertEquals(1000, again.completes());
        assertEquals(before, count());
    }

    @Test
    @Order(4)
    void refusesWhenTheSurveyAlreadyHoldsOtherCompletes() throws IOException {
        // Another seed whose first respondent is a complete in a vertical the first load filled:
        // the server closes it out as quota_full, which an empty survey never would.
        DemoFigures figures = DemoFigures.read(DemoPlanTest.FIGURES).forSurvey(SURVEY);
        long seed = 1;
        while (!startsInAFullVertical(figures, seed)) {
            seed++;
        }
        Path reseeded = Files.createTempFile("demo-figures", ".yaml");
        Files.writeString(reseeded, Files.readString(DemoPlanTest.FIGURES).replace("\nseed: 2023\n", "\nseed: " + seed + "\n"));
        long before = count();

        DemoDataLoader.RefusedException refused = assertThrows(DemoDataLoader.RefusedException.class,
                () -> load(reseeded, false));
        assertTrue(refused.getMessage().startsWith("Refusing to load: the first respondent came back 'quota_full industry:"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(before + 1, count(), "only the first respondent was stored, as quota_full");
        assertEquals(1000, stored(ResponseStatus.COMPLETE).size());
        Files.delete(reseeded);
    }

    private static boolean startsInAFullVertical(DemoFigures figures, long seed) {
        DemoFigures reseeded = new DemoFigures(figures.surveyId(), figures.definition(), figures.completes(), seed,
                figures.answers(), figures.screenOuts(), figures.quotaFull(), figures.texts());
        PlannedRespondent first = DemoPlan.of(DemoPlanTest.read(COPY), reseeded).respondents().get(0);
        return first.expected().equals(PlannedOutcome.complete())
                && figures.answers().get("industry").get(first.answers().get("industry").asText()) == 80;
    }

    private LoadSummary load(Path figures, boolean force) {
        String url = ConfigProvider.getConfig().getValue("test.url", String.class);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DemoDataLoader.Options options = new DemoDataLoader.Options(url, figures, COPY, SURVEY, 4, force);
        LoadSummary summary = new DemoDataLoader(options, new PrintStream(output, true, StandardCharsets.UTF_8)).load();
        System.out.print(output.toString(StandardCharsets.UTF_8) + summary.report());
        return summary;
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() -> responses.count("surveyId", SURVEY));
    }

    private List<JsonNode> stored(ResponseStatus status) {
        List<SurveyResponse> rows = QuarkusTransaction.requiringNew().call(() -> responses
                .list("surveyId = ?1 and status = ?2", SURVEY, status));
        return rows.stream().map(r -> {
            try {
                return JSON.readTree(r.answers);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    /** As the report prints it: a percentage with one decimal. */
    private static double percent(List<JsonNode> answers, String question, String code) {
        long n = answers.stream().filter(a -> a.has(question) && a.get(question).asText().equals(code)).count();
        return Math.round(n * 1000.0 / answers.size()) / 10.0;
    }
}
