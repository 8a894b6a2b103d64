package io.canvass.response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds answers to the 2023 study: a complete, eligible set to start from, changed per test. */
public final class AiiaAnswers {

    public static final String SURVEY = "aiia-genai-2023";

    private final Map<String, Object> answers = new LinkedHashMap<>();

    private AiiaAnswers() {
    }

    /** A complete, eligible respondent in the given industry. */
    public static AiiaAnswers complete(String industry) {
        AiiaAnswers a = new AiiaAnswers();
        a.set("revenue", "10b_50b").set("employees", "20k_50k").set("title", "cio")
                .set("management_level", "c_suite").set("age", "45_54").set("industry", industry).set("hq_region", "eu")
                .set("genai_priority_2023", 4).set("genai_blockers", List.of("cost", "privacy", "other"))
                .set("genai_blockers.other", "Vendor lock-in")
                .set("genai_policies", "planned").set("ai_resourcing", "partially")
                .set("model_approach", List.of("cloud_api", "fine_tuned"))
                .set("operationalization_impacts", List.of("missed_financial_goals", "bad_decisions"))
                .set("roi_measurement", "partially").set("budget_owner", "it").set("priority_owner", "business")
                .set("platform_standardization", "yes").set("governance_losses", "yes")
                .set("governance_loss_size", "50m_100m")
                .set("scaling_priority_36m", 5).set("value_vs_last_year", "much_more").set("value_importance", 5)
                .set("expected_revenue_boost", "6_10")
                .set("ai_use_today", matrix(List.of("marketing", "sales", "product", "customer_service", "operations",
                        "finance", "hr", "it_security", "rnd"), "limited"))
                .set("ai_use_2025", matrix(List.of("marketing", "sales", "product", "customer_service", "operations",
                        "finance", "hr", "it_security", "rnd"), "widespread"))
                .set("process_priorities", matrix(List.of("data_preparation", "experimentation", "deployment",
                        "monitoring", "governance", "explainability"), "4"))
                .set("benefits_today", List.of("cost_reduction", "productivity"))
                .set("benefits_18m", List.of("revenue_growth", "better_decisions", "productivity"))
                .set("comments", "Board wants <b>results</b> & \"proof\" – 2024 is the year.")
                .set("report_copy_email", "cio@example.com");
        return a;
    }

    public AiiaAnswers set(String question, Object value) {
        answers.put(question, value);
        return this;
    }

    public AiiaAnswers remove(String question) {
        answers.remove(question);
        return this;
    }

    public Map<String, Object> answers() {
        return answers;
    }

    /** The request body: {"answers": {...}}. */
    public Map<String, Object> body() {
        return Map.of("answers", answers);
    }

    private static Map<String, Object> matrix(List<String> rows, String column) {
        Map<String, Object> cells = new LinkedHashMap<>();
        rows.forEach(r -> cells.put(r, column));
        return cells;
    }
}
