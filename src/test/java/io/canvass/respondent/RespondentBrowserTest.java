package io.canvass.respondent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.response.PersonalDataRepository;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.canvass.response.SurveyResponse;
import io.canvass.response.UnlinkedPersonalDataRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What an executive does in a real browser (Debian's Chromium), checked as they would see it. */
@QuarkusTest
class RespondentBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    RespondentSessionRepository sessions;

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    UnlinkedPersonalDataRepository unlinked;

    @BeforeAll
    static void needsABrowser() {
        Browser.assumeAvailable();
    }

    static Map<String, Object> page1(String revenue, String industry) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("revenue", revenue);
        answers.put("employees", "20k_50k");
        answers.put("title", "cio");
        answers.put("management_level", "c_suite");
        answers.put("age", "45_54");
        answers.put("industry", industry);
        answers.put("hq_region", "eu");
        return answers;
    }

    static Map<String, Object> page2() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("genai_priority_2023", 4);
        answers.put("genai_blockers", List.of("cost", "privacy", "other"));
        answers.put("genai_blockers.other", "Vendor lock-in");
        answers.put("genai_policies", "planned");
        answers.put("ai_resourcing", "partially");
        answers.put("model_approach", List.of("cloud_api"));
        return answers;
    }

    static Map<String, Object> page3() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("operationalization_impacts", List.of("none"));
        answers.put("roi_measurement", "partially");
        answers.put("budget_owner", "it");
        answers.put("priority_owner", "business");
        answers.put("platform_standardization", "yes");
        answers.put("governance_losses", "yes");
        answers.put("governance_loss_size", "50m_100m");
        return answers;
    }

    static Map<String, Object> page4() {
        return new LinkedHashMap<>(Map.of("scaling_priority_36m", 5, "value_vs_last_year", "much_more",
                "value_importance", 5, "expected_revenue_boost", "6_10"));
    }

    static Map<String, Object> page5() {
        Map<String, Object> answers = new LinkedHashMap<>();
        Map<String, String> today = new LinkedHashMap<>();
        Map<String, String> later = new LinkedHashMap<>();
        for (String row : List.of("marketing", "sales", "product", "customer_service", "operations", "finance", "hr",
                "it_security", "rnd")) {
            today.put(row, "limited");
            later.put(row, "widespread");
        }
        Map<String, String> process = new LinkedHashMap<>();
        for (String row : List.of("data_preparation", "experimentation", "deployment", "monitoring", "governance",
                "explainability")) {
            process.put(row, "4");
        }
        answers.put("ai_use_today", today);
        answers.put("ai_use_2025", later);
        answers.put("process_priorities", process);
        answers.put("benefits_today", List.of("productivity"));
        answers.put("benefits_18m", List.of("revenue_growth", "productivity"));
        return answers;
    }

    static Map<String, Object> page6() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("comments", "Governance is <b>the</b> bottleneck & \"proof\" matters.");
        answers.put("report_copy_email", "cio@example.com");
        return answers;
    }

    private long emailsListed() {
        return QuarkusTransaction.requiringNew().call(() -> unlinked.count("surveyId = ?1 and value = ?2",
                "aiia-genai-2023", "cio@example.com"));
    }

    private SurveyResponse responseOf(Browser browser) {
        String token = browser.path().split("/")[4];
        return QuarkusTransaction.requiringNew().call(() -> responses.findById(sessions.findById(token).responseId));
    }

    @Test
    void completesTheWhole2023SurveyAsAnExecutiveWould() throws Exception {
        long listed = emailsListed();
        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            browser.get("/s/aiia-genai-2023");
            assertEquals("Enterprise Generative AI Adoption 2023", browser.heading());
            assertTrue(browser.find(By.tagName("main")).getText().contains("12 minutes"));
            browser.screenshot("01-start");
            browser.assertAccessible("start page");
            browser.press("start");
            List<Map<String, Object>> pages = List.of(page1("10b_50b", "telecom"), page2(), page3(), page4(), page5(), page6());
            for (int i = 0; i < pages.size(); i++) {
                assertEquals("Page " + (i + 1) + " of 6", browser.find(By.id("progress")).getText());
                assertTrue(browser.title().endsWith("– Enterprise Generative AI Adoption 2023"), browser.title());
                browser.assertAccessible("page " + (i + 1));
                browser.answer(pages.get(i));
                browser.screenshot(String.format("%02d-page-%d", i + 2, i + 1));
                if (i == 1) {
                    // The README's picture of Canvass: a page of questions, answered, as an executive sees it.
                    browser.documentationScreenshot("respondent-page");
                }
                browser.press("continue");
            }
            assertEquals("Thank you", browser.heading());
            assertTrue(browser.path().endsWith("/thank-you"));
            browser.screenshot("08-thank-you");
            browser.assertAccessible("thank-you page");

            SurveyResponse response = responseOf(browser);
            assertEquals(ResponseStatus.COMPLETE, response.status);
            JsonNode stored = JSON.readTree(response.answers);
            Map<String, Object> expected = new LinkedHashMap<>();
            pages.forEach(expected::putAll);
            expected.remove("report_copy_email");
            assertEquals(JSON.valueToTree(expected), stored, "what the executive clicked is what is stored");
            // The 2023 survey is anonymous: once finished, the address is on the survey's list, not with the response.
            assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(response.id)));
            assertEquals(listed + 1, emailsListed());

            // Back and refresh after finishing change nothing: every page now leads to the thank-you.
            browser.driver.navigate().back();
            browser.driver.navigate().refresh();
            assertEquals("Thank you", browser.heading());
        }
    }

    @Test
    void isScreenedOutPolitelyOnRevenue() {
        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            browser.get("/s/aiia-genai-2023");
            browser.press("start");
            browser.answer(page1("lt_1b", "media"));
            browser.press("continue");
            assertEquals("Thank you for your interest", browser.heading());
            assertTrue(browser.path().endsWith("/not-eligible"));
            browser.screenshot("20-not-eligible");
            browser.assertAccessible("not-eligible page");
            SurveyResponse response = responseOf(browser);
            assertEquals(ResponseStatus.SCREENED_OUT, response.status);
            assertEquals("revenue", response.reason);
        }
    }

    @Test
    void meetsAFullQuotaAtThePageThatAsksIt() {
        try (Browser first = Browser.open(base.toString(), true, 1280)) {
            first.get("/s/test-web-quota");
            first.press("start");
            first.answer(Map.of("segment", "a"));
            first.press("continue");
            first.press("continue");
            assertEquals("Thank you", first.heading());
        }
        try (Browser second = Browser.open(base.toString(), true, 1280)) {
            second.get("/s/test-web-quota");
            second.press("start");
            second.answer(Map.of("segment", "a"));
            second.press("continue");
            assertEquals("This group of respondents is complete", second.heading());
            second.screenshot("21-quota-full");
            second.assertAccessible("quota-full page");
            assertEquals(ResponseStatus.QUOTA_FULL, responseOf(second).status);
        }
    }

    @Test
    void leavesAfterPageTwoAndResumesFromTheLink() {
        String resumeLink;
        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            browser.get("/s/aiia-genai-2023");
            browser.press("start");
            browser.answer(page1("5b_10b", "energy"));
            browser.press("continue");
            browser.answer(page2());
            browser.press("continue");
            assertEquals("Page 3 of 6", browser.find(By.id("progress")).getText());
            browser.answer(Map.of("roi_measurement", "fully"));
            browser.press("save");
            assertEquals("Your answers are saved", browser.heading());
            browser.screenshot("30-saved");
            browser.assertAccessible("saved page");
            resumeLink = browser.find(By.cssSelector(".resume-link a")).getAttribute("href");
        }
        try (Browser later = Browser.open(base.toString(), true, 1280)) {
            assertTrue(resumeLink.startsWith("http://localhost:8080/s/aiia-genai-2023/r/"), resumeLink);
            later.get(resumeLink.substring("http://localhost:8080".length()));
            assertEquals("Page 3 of 6", later.find(By.id("progress")).getText());
            assertTrue(later.find(By.id("f-roi_measurement-fully")).isSelected(), "a saved answer is still there");
            later.press("back");
            assertEquals("Page 2 of 6", later.find(By.id("progress")).getText());
            assertTrue(later.find(By.id("f-genai_priority_2023-4")).isSelected());
            assertEquals("Vendor lock-in", later.find(By.id("f-genai_blockers-other-text")).getAttribute("value"));
        }
    }

    @Test
    void anInvalidPageComesBackWithErrorsLinkedToFieldsAndNothingLost() {
        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            browser.get("/s/aiia-genai-2023");
            browser.press("start");
            browser.answer(Map.of("revenue", "1b_5b", "industry", "retail"));
            browser.press("continue");
            assertTrue(browser.title().startsWith("Error: "), browser.title());
            WebElement summary = browser.find(By.cssSelector(".error-summary"));
            assertEquals("There is a problem", summary.findElement(By.tagName("h2")).getText());
            List<WebElement> links = summary.findElements(By.cssSelector("a"));
            assertEquals(5, links.size(), "employees, title, management level, age, region");
            assertEquals("#f-employees-lt_10k", links.get(0).getAttribute("href").replaceAll(".*#", "#"));
            assertEquals("Select an answer – How many people does your organization employ worldwide?", links.get(0).getText());
            assertTrue(browser.find(By.id("f-revenue-1b_5b")).isSelected(), "entered answers are kept");
            assertTrue(browser.find(By.id("f-industry-retail")).isSelected());
            WebElement fieldset = browser.find(By.cssSelector("#q-employees fieldset"));
            assertTrue(fieldset.getAttribute("aria-describedby").contains("error-employees"));
            browser.screenshot("40-errors");
            browser.assertAccessible("page with errors");
            links.get(0).click();
            assertEquals("f-employees-lt_10k", browser.driver.switchTo().activeElement().getAttribute("id"));
        }
    }

    @Test
    void worksWithJavaScriptDisabled() {
        try (Browser browser = Browser.open(base.toString(), false, 1280)) {
            browser.get("/s/aiia-genai-2023");
            browser.press("start");
            List<Map<String, Object>> pages = List.of(page1("gt_50b", "hospitality"), page2(), page3(), page4(), page5(), page6());
            browser.answer(pages.get(0));
            browser.press("continue");
            // Without script the other-text box is always there; text without its option is caught.
            browser.answer(Map.of("genai_blockers", List.of("cost"), "genai_blockers.other", "Typed without ticking"));
            browser.press("continue");
            assertTrue(browser.find(By.cssSelector(".error-summary")).getText()
                    .contains("Tick “Other” to add your own answer"));
            browser.screenshot("60-no-javascript-error");
            for (Map<String, Object> page : pages.subList(1, pages.size())) {
                browser.answer(page);
                browser.press("continue");
            }
            assertEquals("Thank you", browser.heading());
            assertEquals(ResponseStatus.COMPLETE, responseOf(browser).status);
        }
    }

    @Test
    void fitsANarrowPhoneScreen() {
        try (Browser phone = Browser.open(base.toString(), true, 360)) {
            phone.get("/s/aiia-genai-2023");
            phone.press("start");
            for (Map<String, Object> page : List.of(page1("1b_5b", "legal"), page2(), page3(), page4())) {
                phone.answer(page);
                phone.press("continue");
            }
            assertEquals("Page 5 of 6", phone.find(By.id("progress")).getText());
            Object scrollWidth = ((org.openqa.selenium.JavascriptExecutor) phone.driver)
                    .executeScript("return document.documentElement.scrollWidth;");
            assertTrue(((Number) scrollWidth).intValue() <= 360, "no sideways scrolling: " + scrollWidth);
            assertTrue(phone.find(By.cssSelector(".matrix-cell-label")).isDisplayed(), "matrix answers are labelled when stacked");
            phone.screenshot("50-phone-matrix");
            phone.assertAccessible("phone matrix page");
            assertFalse(phone.findAll(By.cssSelector("#q-ai_use_today input")).isEmpty());
        }
    }
}
