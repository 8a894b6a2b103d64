package io.canvass.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.Interview;
import io.canvass.interview.QualitySignals;
import io.canvass.interview.QualityThresholds;
import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.AnswerValidator;
import io.canvass.response.CheckedAnswers;
import io.canvass.response.InvalidAnswersException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo plan of the 2023 study, without a server: the report's figures are exact in the
 * planned answers, and every planned answer passes the server's own validator with the outcome
 * the plan expects.
 */
class DemoPlanTest {

    static final Path FIGURES = Path.of("questionnaire/demo/aiia-genai-2023.demo.yaml");
    static final Path DEFINITION = Path.of("questionnaire/aiia-genai-2023.yaml");

    private static SurveyDefinition definition;
    private static DemoFigures figures;
    private static DemoPlan plan;

    @BeforeAll
    static void plan() {
        definition = read(DEFINITION);
        figures = DemoFigures.read(FIGURES);
        plan = DemoPlan.of(definition, figures);
    }

    @Test
    void plansExactlyOneThousandCompletesAndRealisticAttemptsAroundThem() {
        assertEquals(1000, completes().size());
        Map<String, Integer> screenedOut = new TreeMap<>();
        plan.respondents().stream().filter(r -> r.expected().status().equals(PlannedOutcome.SCREENED_OUT))
                .forEach(r -> screenedOut.merge(r.expected().reason(), 1, Integer::sum));
        assertEquals(Map.of("revenue", 190, "employees", 150, "title", 100, "management_level", 40), screenedOut);
        assertEquals(36, plan.respondents().stream().filter(PlannedRespondent::afterQuotasFill).count());
        assertEquals(1516, plan.respondents().size());
    }

    @Test
    void reproducesEveryFigureTheReportPublished() {
        List<JsonNode> completes = completes();
        Map<String, Integer> priority = counts(completes, "genai_priority_2023");
        assertEquals(490, priority.get("4"));                      // 49.0 %
        assertEquals(182, priority.get("5"));                      // 18.2 %, top-two-box 67.2 %
        assertEquals(412, counts(completes, "ai_resourcing").get("fully"));             // 41.2 %
        assertEquals(342, counts(completes, "roi_measurement").get("fully"));           // 34.2 %
        assertEquals(877, counts(completes, "platform_standardization").get("yes"));    // 87.7 %
        assertEquals(550, counts(completes, "governance_losses").get("yes"));           // more than half

        Map<String, Integer> lossSize = counts(completes, "governance_loss_size");
        assertEquals(550, lossSize.values().stream().mapToInt(Integer::intValue).sum(), "asked of exactly those with losses");
        assertEquals(0.20, lossSize.get("50m_100m") / 550.0, 1e-9);
        assertEquals(0.24, lossSize.get("100m_200m") / 550.0, 1e-9);
        assertEquals(0.10, lossSize.get("gt_200m") / 550.0, 1e-9);
        for (JsonNode answers : completes) {
            assertEquals(answers.path("governance_losses").asText().equals("yes"), answers.has("governance_loss_size"));
        }

        Map<String, Integer> employees = counts(completes, "employees");
        assertEquals(500, employees.get("20k_50k") + employees.get("50k_100k") + employees.get("gt_100k"));

        Map<String, Integer> industry = counts(completes, "industry");
        assertEquals(20, industry.size(), "every vertical is represented");
        assertTrue(industry.values().stream().allMatch(n -> n <= 80), "no vertical above 8 %: " + industry);
    }

    @Test
    void everyPlannedAnswerPassesTheServersValidatorWithThePlannedOutcome() {
        AnswerValidator validator = new AnswerValidator();
        for (PlannedRespondent respondent : plan.respondents()) {
            CheckedAnswers checked;
            try {
                checked = validator.check(definition, respondent.answers().deepCopy());
            } catch (InvalidAnswersException e) {
                throw new AssertionError("#" + respondent.index() + " would be refused: " + e.violations()
                        + " " + respondent.answers(), e);
            }
            String screenedOutBy = checked.screenedOutBy().map(q -> q.id()).orElse(null);
            assertEquals(respondent.expected().reason(), screenedOutBy, "#" + respondent.index());
        }
    }

    @Test
    void quotaFullAttemptsComeLastAndOnlyIntoCellsTheCompletesFill() {
        List<PlannedRespondent> all = plan.respondents();
        int firstLate = all.indexOf(all.stream().filter(PlannedRespondent::afterQuotasFill).findFirst().orElseThrow());
        assertTrue(all.subList(firstLate, all.size()).stream().allMatch(PlannedRespondent::afterQuotasFill));
        Map<String, Integer> industry = counts(completes(), "industry");
        for (PlannedRespondent late : all.subList(firstLate, all.size())) {
            assertEquals(PlannedOutcome.QUOTA_FULL, late.expected().status());
            assertEquals("industry", late.expected().quota());
            assertEquals(late.answers().get("industry").asText(), late.expected().cell());
            assertEquals(80, industry.get(late.expected().cell()));
        }
        assertTrue(all.subList(0, firstLate).stream().noneMatch(r -> r.expected().status().equals(PlannedOutcome.QUOTA_FULL)));
    }

    @Test
    void randomAnswersStillVaryAndKeepTheRulesOfEachQuestion() {
        List<JsonNode> completes = completes();
        assertTrue(counts(completes, "age").size() > 1);
        long exclusiveAlone = completes.stream().filter(a -> a.get("operationalization_impacts").toString().contains("none"))
                .filter(a -> a.get("operationalization_impacts").size() == 1).count();
        assertTrue(exclusiveAlone > 0, "the exclusive 'none' is sometimes chosen, alone");
        long commented = completes.stream().filter(a -> a.has("comments")).count();
        assertTrue(commented > 0 && commented < completes.size(), "optional comments are sometimes blank");
        assertTrue(completes.stream().anyMatch(a -> a.has("genai_blockers.other")), "'other' comes with its text");
        for (JsonNode answers : completes) {
            assertEquals(9, answers.get("ai_use_today").size(), "one answer per matrix row");
        }
    }

    /**
     * The demo's respondents are the report's, not junk: no complete is a straight-liner (the server's own
     * rule) and no two completes give the same coded answers; the loader sends no duration (so none is a
     * speeder) and uses no honeypot (so none is a bot). {@link DemoDataLoaderTest} checks what is stored.
     */
    @Test
    void noPlannedCompleteRaisesAQualityFlag() {
        SurveyPlan interview = SurveyPlan.compile(definition);
        Set<String> fingerprints = new HashSet<>();
        for (PlannedRespondent respondent : plan.respondents()) {
            if (!respondent.expected().status().equals(PlannedOutcome.COMPLETE)) {
                continue;
            }
            ObjectNode stored = Interview.split(interview, respondent.answers().deepCopy()).answers();
            assertEquals(Set.of(), Interview.qualityFlags(interview, stored, QualitySignals.none(), QualityThresholds.DEFAULTS),
                    "#" + respondent.index());
            assertTrue(fingerprints.add(Interview.answerFingerprint(interview, stored).orElseThrow()),
                    "#" + respondent.index() + " duplicates an earlier complete");
        }
        assertEquals(1000, fingerprints.size());
        // Not luck of the seed: the plan never draws a straight line, whatever the seed.
        for (long seed = 1; seed <= 3; seed++) {
            DemoPlan reseeded = DemoPlan.of(definition, new DemoFigures(figures.surveyId(), figures.definition(),
                    figures.completes(), seed, figures.answers(), figures.screenOuts(), figures.quotaFull(), figures.texts()));
            for (PlannedRespondent respondent : reseeded.respondents()) {
                ObjectNode stored = Interview.split(interview, respondent.answers().deepCopy()).answers();
                assertEquals(Set.of(), Interview.qualityFlags(interview, stored, QualitySignals.none(),
                        QualityThresholds.DEFAULTS), "seed " + seed + " #" + respondent.index());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSamePlanAndKeysAnotherSeedAnother() {
        DemoPlan again = DemoPlan.of(definition, figures);
        for (int i = 0; i < plan.respondents().size(); i++) {
            assertEquals(plan.respondents().get(i), again.respondents().get(i));
        }
        DemoFigures reseeded = new DemoFigures(figures.surveyId(), figures.definition(), figures.completes(), 7L,
                figures.answers(), figures.screenOuts(), figures.quotaFull(), figures.texts());
        DemoPlan other = DemoPlan.of(definition, reseeded);
        assertNotEquals(plan.respondents().get(0).answers(), other.respondents().get(0).answers());
        Set<String> keys = new HashSet<>();
        plan.respondents().forEach(r -> keys.add(r.idempotencyKey()));
        other.respondents().forEach(r -> keys.add(r.idempotencyKey()));
        assertEquals(plan.respondents().size() * 2, keys.size(), "keys are unique and differ per seed");
    }

    @Test
    void figuresThatCannotHoldAreRefusedNamingTheFigure() {
        Map<String, Map<String, Integer>> answers = new HashMap<>(figures.answers());
        answers.put("governance_loss_size", Map.of("lt_50m", 300, "gt_200m", 200));
        InvalidFiguresException lossSize = assertThrows(InvalidFiguresException.class, () -> DemoPlan.of(definition,
                new DemoFigures(figures.surveyId(), null, 1000, 1L, answers, Map.of(), Map.of(), Map.of())));
        assertTrue(lossSize.getMessage().contains("governance_loss_size: the counts add up to 500 but the question is "
                + "shown to 550 completes"), lossSize.getMessage());

        answers.put("governance_loss_size", figures.answers().get("governance_loss_size"));
        InvalidFiguresException notFull = assertThrows(InvalidFiguresException.class, () -> DemoPlan.of(definition,
                new DemoFigures(figures.surveyId(), null, 1000, 1L, answers, Map.of(),
                        Map.of("industry", Map.of("pharma", 1)), Map.of())));
        assertTrue(notFull.getMessage().contains("quotaFull.industry.pharma"), notFull.getMessage());

        InvalidFiguresException notScreenOut = assertThrows(InvalidFiguresException.class, () -> DemoPlan.of(definition,
                new DemoFigures(figures.surveyId(), null, 1000, 1L, answers, Map.of("title", Map.of("cio", 3)),
                        Map.of(), Map.of())));
        assertTrue(notScreenOut.getMessage().contains("screenOuts.title.cio: not a screen-out option"),
                notScreenOut.getMessage());
    }

    @Test
    void theLoaderTestsCopyAsksExactlyTheQuestionsOfTheRealSurvey() {
        SurveyDefinition copy = read(Path.of("src/test/resources/questionnaire/test-demo-aiia.yaml"));
        assertEquals(definition.pages(), copy.pages());
        assertEquals(definition.quotas(), copy.quotas());
        assertEquals(definition.target(), copy.target());
    }

    private static List<JsonNode> completes() {
        return plan.respondents().stream().filter(r -> r.expected().status().equals(PlannedOutcome.COMPLETE))
                .map(r -> (JsonNode) r.answers()).toList();
    }

    private static Map<String, Integer> counts(List<JsonNode> answers, String question) {
        Map<String, Integer> counts = new TreeMap<>();
        answers.stream().filter(a -> a.has(question)).forEach(a -> counts.merge(a.get(question).asText(), 1, Integer::sum));
        return counts;
    }

    static SurveyDefinition read(Path file) {
        try {
            return DefinitionParser.parse(Files.readString(file), DefinitionFormat.YAML, file.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
