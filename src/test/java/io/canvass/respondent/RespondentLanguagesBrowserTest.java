package io.canvass.respondent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.response.ResponseRepository;
import io.canvass.response.ResponseStatus;
import io.canvass.response.SurveyResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The 2023 survey walked to its end in Japanese and in Korean in Chromium, as executives in Tokyo and
 * Seoul would: every page in their language (the survey's texts and Canvass's own), screenshotted
 * (target/screenshots/ja-*, ko-*, drawn with Debian's Noto CJK fonts) and scanned with axe.
 */
@QuarkusTest
class RespondentLanguagesBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SURVEY = "/s/aiia-genai-2023";

    @TestHTTPResource("/")
    URL base;

    @Inject
    RespondentSessionRepository sessions;

    @Inject
    ResponseRepository responses;

    @BeforeAll
    static void needsABrowser() {
        Browser.assumeAvailable();
    }

    private static List<Map<String, Object>> pages() {
        return List.of(RespondentBrowserTest.page1("10b_50b", "manufacturing"), RespondentBrowserTest.page2(),
                RespondentBrowserTest.page3(), RespondentBrowserTest.page4(), RespondentBrowserTest.page5(),
                RespondentBrowserTest.page6());
    }

    @Test
    void completesThe2023SurveyInJapanese() throws Exception {
        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            browser.get(SURVEY + "?lang=ja");
            assertEquals("ja", browser.language());
            assertEquals("企業における生成AI導入 2023", browser.heading());
            assertTrue(browser.find(By.tagName("main")).getText().contains("所要時間は約12分です"));
            browser.screenshot("ja-01-start");
            browser.assertAccessible("Japanese start page");
            browser.press("start");
            walkFrom(browser, 0, "ja", number -> "6ページ中" + number + "ページ目", "企業における生成AI導入 2023");
            assertEquals("ありがとうございました", browser.heading());
            assertTrue(browser.path().endsWith("/thank-you"));
            assertEquals("ja", browser.language());
            browser.screenshot("ja-08-thank-you");
            browser.assertAccessible("Japanese thank-you page");
            assertStored(browser, "ja");
        }
    }

    @Test
    void completesItInKoreanChosenByThePhonesLanguageAndSwitchesWithoutLosingAnswers() throws Exception {
        try (Browser phone = Browser.open(base.toString(), true, 390, "ko-KR,ko,en-US")) {
            phone.get(SURVEY);
            assertEquals("ko", phone.language(), "the browser's Accept-Language chooses Korean");
            assertEquals("기업의 생성형 AI 도입 현황 2023", phone.heading());
            phone.screenshot("ko-01-start");
            phone.assertAccessible("Korean start page");
            phone.press("start");

            assertEquals("6페이지 중 1페이지", phone.find(By.id("progress")).getText());
            phone.assertAccessible("Korean page 1");
            phone.answer(pages().get(0));
            phone.screenshot("ko-02-page-1");
            phone.press("continue");
            // Half-way through page 2, the respondent reads it in English and comes back: nothing typed is lost.
            phone.answer(pages().get(1));
            phone.press("language:en");
            assertEquals("en", phone.language());
            assertEquals("Page 2 of 6", phone.find(By.id("progress")).getText());
            assertTrue(phone.find(By.id("f-genai_priority_2023-4")).isSelected());
            assertEquals("Vendor lock-in", phone.find(By.id("f-genai_blockers-other-text")).getAttribute("value"));
            phone.press("language:ko");
            assertEquals("ko", phone.language());
            assertEquals("6페이지 중 2페이지", phone.find(By.id("progress")).getText());
            assertTrue(phone.find(By.id("f-genai_blockers-privacy")).isSelected());

            walkFrom(phone, 1, "ko", number -> "6페이지 중 " + number + "페이지", "기업의 생성형 AI 도입 현황 2023");
            assertEquals("감사합니다", phone.heading());
            assertEquals("ko", phone.language());
            phone.screenshot("ko-08-thank-you");
            phone.assertAccessible("Korean thank-you page");
            assertStored(phone, "ko");
        }
    }

    /** From page {@code first} (0-based) to the end: each page checked, scanned, answered, screenshotted. */
    private void walkFrom(Browser browser, int first, String language, IntFunction<String> progress,
            String title) {
        List<Map<String, Object>> pages = pages();
        for (int i = first; i < pages.size(); i++) {
            assertEquals(progress.apply(i + 1), browser.find(By.id("progress")).getText());
            assertEquals(language, browser.language());
            assertTrue(browser.title().endsWith("– " + title), browser.title());
            browser.assertAccessible(language + " page " + (i + 1));
            browser.answer(pages.get(i));
            assertNoSidewaysScrolling(browser);
            browser.screenshot(String.format("%s-%02d-page-%d", language, i + 2, i + 1));
            browser.press("continue");
        }
    }

    private static void assertNoSidewaysScrolling(Browser browser) {
        Number page = (Number) ((JavascriptExecutor) browser.driver).executeScript("return document.documentElement.scrollWidth;");
        Number window = (Number) ((JavascriptExecutor) browser.driver).executeScript("return window.innerWidth;");
        assertTrue(page.intValue() <= window.intValue(), "no sideways scrolling: " + page + " > " + window);
    }

    private void assertStored(Browser browser, String language) throws Exception {
        String token = browser.path().split("/")[4];
        SurveyResponse response = QuarkusTransaction.requiringNew()
                .call(() -> responses.findById(sessions.findById(token).responseId));
        assertEquals(ResponseStatus.COMPLETE, response.status);
        assertEquals(language, response.language);
        Map<String, Object> expected = new LinkedHashMap<>();
        pages().forEach(expected::putAll);
        expected.remove("report_copy_email");
        assertEquals(JSON.valueToTree(expected), JSON.readTree(response.answers), "the same codes in every language");
    }
}
