package io.canvass.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default survey keeps every id and code of the questionnaire specification: analysts'
 * scripts, exports and the results API address questions and options by them.
 */
class AiiaQuestionnaireContractTest {

    private static final List<String> AI_USE_ROWS = List.of("marketing", "sales", "product", "customer_service",
            "operations", "finance", "hr", "it_security", "rnd");
    private static final List<String> AI_USE_COLUMNS = List.of("not_used", "limited", "widespread", "critical");
    private static final List<String> OWNERS = List.of("data_science", "engineering", "it", "business", "other");
    private static final List<String> BENEFITS = List.of("time_to_market", "dev_cycles", "customer_experience",
            "cost_reduction", "revenue_growth", "better_decisions", "risk_fraud", "productivity", "none");

    /** Question id → type and codes (options, or matrix columns), in survey order, from the specification. */
    private static final Map<String, List<String>> CODES = new LinkedHashMap<>();
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        spec("revenue", "single", "lt_1b", "1b_5b", "5b_10b", "10b_50b", "gt_50b");
        spec("employees", "single", "lt_10k", "10k_20k", "20k_50k", "50k_100k", "gt_100k");
        spec("title", "single", "ceo", "cio", "cto", "cdo", "caio", "head_ai", "vp_data", "vp_ai", "vp_eng", "director",
                "manager", "individual", "other");
        spec("management_level", "single", "c_suite", "vp", "head_director", "team_lead", "non_manager");
        spec("age", "single", "18_34", "35_44", "45_54", "55_64", "65_plus");
        spec("industry", "single", "it", "financial", "healthcare", "pharma", "manufacturing", "telecom", "energy", "food",
                "legal", "retail", "public", "education", "transport", "media", "professional", "automotive",
                "aerospace", "real_estate", "hospitality", "other");
        spec("hq_region", "single", "us", "uk", "canada", "eu", "japan", "south_korea", "other");
        spec("genai_priority_2023", "scale", "1", "2", "3", "4", "5");
        spec("genai_blockers", "multiple", "customization", "knowledge_ip", "compliance", "performance", "cost",
                "privacy", "security", "talent", "other");
        spec("genai_policies", "single", "implemented", "planned", "no", "undecided");
        spec("ai_resourcing", "single", "fully", "partially", "under");
        spec("model_approach", "multiple", "off_the_shelf", "cloud_api", "fine_tuned", "from_scratch");
        spec("operationalization_impacts", "multiple", "customer_experience", "missed_financial_goals",
                "wasted_opportunities", "bad_decisions", "compliance_penalties", "reputation", "none");
        spec("roi_measurement", "single", "fully", "partially", "not_able");
        spec("budget_owner", "single", OWNERS.toArray(String[]::new));
        spec("priority_owner", "single", OWNERS.toArray(String[]::new));
        spec("platform_standardization", "single", "yes", "no");
        spec("governance_losses", "single", "yes", "no");
        spec("governance_loss_size", "single", "lt_50m", "50m_100m", "100m_200m", "gt_200m");
        spec("scaling_priority_36m", "scale", "1", "2", "3", "4", "5");
        spec("value_vs_last_year", "single", "much_more", "somewhat_more", "same", "less");
        spec("value_importance", "scale", "1", "2", "3", "4", "5");
        spec("expected_revenue_boost", "single", "none", "1_5", "6_10", "11_20", "gt_20");
        spec("ai_use_today", "matrix", AI_USE_COLUMNS.toArray(String[]::new));
        spec("ai_use_2025", "matrix", AI_USE_COLUMNS.toArray(String[]::new));
        spec("process_priorities", "matrix", "1", "2", "3", "4", "5");
        spec("benefits_today", "multiple", BENEFITS.toArray(String[]::new));
        spec("benefits_18m", "multiple", BENEFITS.toArray(String[]::new));
        spec("comments", "text");
        spec("report_copy_email", "email");
    }

    private static void spec(String id, String type, String... codes) {
        TYPES.put(id, type);
        CODES.put(id, List.of(codes));
    }

    private static SurveyDefinition survey;

    @BeforeAll
    static void load() throws Exception {
        Path file = Path.of("questionnaire", "aiia-genai-2023.yaml");
        survey = DefinitionParser.parse(Files.readString(file), DefinitionFormat.YAML, file.toString());
    }

    @Test
    void hasTheSpecifiedIdentityAndTarget() {
        assertEquals("aiia-genai-2023", survey.id());
        assertEquals("Enterprise Generative AI Adoption 2023", survey.title().defaultText());
        assertEquals(List.of("en", "ja", "ko", "de", "fr"), survey.respondentLanguages());
        assertEquals(1000, survey.target());
        assertEquals(List.of("organization", "adoption", "governance", "value", "business", "closing"),
                survey.pages().stream().map(Page::id).toList());
    }

    @Test
    void hasEveryQuestionWithItsTypeAndCodesInOrder() {
        assertEquals(List.copyOf(TYPES.keySet()), survey.questions().stream().map(Question::id).toList());
        for (Question question : survey.questions()) {
            assertEquals(TYPES.get(question.id()), question.type().code(), question.id());
            assertEquals(CODES.get(question.id()), question.answerCodes(), question.id());
        }
        assertEquals(AI_USE_ROWS, survey.question("ai_use_today").orElseThrow().rows().stream().map(Option::code).toList());
        assertEquals(AI_USE_ROWS, survey.question("ai_use_2025").orElseThrow().rows().stream().map(Option::code).toList());
        assertEquals(List.of("data_preparation", "experimentation", "deployment", "monitoring", "governance",
                "explainability"), survey.question("process_priorities").orElseThrow().rows().stream().map(Option::code).toList());
    }

    @Test
    void screensOutExactlyTheSpecifiedAnswers() {
        Map<String, List<String>> screenOuts = new LinkedHashMap<>();
        for (Question q : survey.questions()) {
            if (q.options() != null) {
                List<String> codes = q.options().stream().filter(Option::screensOut).map(Option::code).toList();
                if (!codes.isEmpty()) {
                    screenOuts.put(q.id(), codes);
                }
            }
        }
        assertEquals(Map.of("revenue", List.of("lt_1b"), "employees", List.of("lt_10k"),
                "title", List.of("manager", "individual", "other"), "management_level", List.of("non_manager")), screenOuts);
    }

    @Test
    void marksExclusiveOtherOptionalAndPersonalAsSpecified() {
        for (String id : List.of("operationalization_impacts", "benefits_today", "benefits_18m")) {
            assertEquals(List.of("none"), survey.question(id).orElseThrow().options().stream()
                    .filter(Option::excludesOthers).map(Option::code).toList(), id);
        }
        assertTrue(survey.question("genai_blockers").orElseThrow().option("other").orElseThrow().takesSpecifyText());
        List<String> optional = survey.questions().stream().filter(q -> !q.requiresAnswer()).map(Question::id).toList();
        assertEquals(List.of("comments", "report_copy_email"), optional);
        assertEquals(2000, survey.question("comments").orElseThrow().maxLength());
        assertTrue(survey.question("report_copy_email").orElseThrow().holdsPersonalData());
        Condition lossCondition = survey.question("governance_loss_size").orElseThrow().condition();
        assertNotNull(lossCondition);
        assertEquals("governance_losses", lossCondition.question());
        assertEquals(List.of("yes"), lossCondition.in());
    }

    @Test
    void capsEachIndustryAtEightPercentOfTheTarget() {
        assertEquals(1, survey.quotas().size());
        Quota quota = survey.quotas().get(0);
        assertEquals("industry", quota.question());
        for (String code : CODES.get("industry")) {
            assertEquals(80, quota.capFor(code).orElseThrow(), code);
        }
    }
}
