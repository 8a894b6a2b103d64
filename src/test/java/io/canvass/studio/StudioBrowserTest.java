package io.canvass.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.SignIn;
import io.canvass.access.Tokens;
import io.canvass.respondent.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The researcher's walk through the studio in Chromium without JavaScript, as the issue tells it: sign in,
 * a new survey from the 2023 template, a broken definition listed by line, the fix, the preview showing
 * the changed question, publish, the respondent link, invitations as CSV, the fieldwork page counting the
 * response. Then every studio page with JavaScript, on a desktop and a phone: axe finds nothing, and a
 * screenshot of each lands in target/screenshots/studio-*.
 */
@QuarkusTest
class StudioBrowserTest {

    private static final String TEMPLATE = "aiia-genai-2023";
    private static final String OLD_QUESTION = "type: single\n        text:\n          en: \"Which best describes your title?\"";

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void needsABrowser() {
        Browser.assumeAvailable();
    }

    @Test
    void aResearcherDesignsPublishesInvitesAndWatchesFieldworkWithoutJavaScript() {
        String id = "studio-walk-" + UUID.randomUUID().toString().substring(0, 8);
        String researcher = Tokens.staff("walk-" + id + "@example.com", "researcher");
        try (Browser browser = Browser.open(base.toString(), false, 1280)) {
            signIn(browser, researcher, "/studio");
            assertEquals("Your surveys", browser.heading());

            browser.find(By.linkText("New survey")).click();
            assertEquals("New survey", browser.heading());
            browser.find(By.id("id")).sendKeys(id);
            browser.find(By.id("title")).sendKeys("Studio walk");
            browser.click("template-" + TEMPLATE);
            submit(browser, "form[action='/studio/new'] button[type='submit']");
            assertTrue(browser.path().startsWith("/studio/" + id + "/edit"), browser.path());
            assertTrue(text(browser, ".notice").contains("Created as a draft"), text(browser, ".notice"));
            String original = browser.find(By.id("text")).getAttribute("value");
            assertTrue(original.contains("id: " + id + "\n") && original.contains("title: { en: \"Studio walk\", ja: \"Studio walk\""), "renamed copy");
            assertTrue(original.contains(OLD_QUESTION), "the template's questions are there");

            // Break it: a question type that does not exist. The problem is listed with its line and pointer.
            String broken = original.replace(OLD_QUESTION, OLD_QUESTION.replace("single", "singel"));
            int brokenLine = lineOf(broken, "type: singel");
            paste(browser, broken);
            submit(browser, "button[value='check']");
            assertTrue(browser.title().startsWith("Error: "), browser.title());
            List<WebElement> problems = browser.findAll(By.cssSelector("table.problems tbody tr"));
            assertFalse(problems.isEmpty(), "problems are listed");
            String listed = problems.stream().map(WebElement::getText).reduce("", (a, b) -> a + "\n" + b);
            assertTrue(listed.contains(String.valueOf(brokenLine)) && listed.contains("/pages/0/questions/2"),
                    "line " + brokenLine + " and the pointer named: " + listed);
            assertEquals(broken, browser.find(By.id("text")).getAttribute("value"), "the text as typed is kept");

            // Fix it with a changed question: the preview, drawn by the respondent pages, shows the new wording.
            String fixed = original.replace("Which best describes your title?", "Which title describes you best?");
            paste(browser, fixed);
            submit(browser, "button[value='check']");
            assertTrue(browser.findAll(By.cssSelector("table.problems")).isEmpty(), "no problem left");
            List<WebElement> frames = browser.findAll(By.cssSelector("iframe.preview"));
            assertTrue(frames.size() >= 5, "one preview per page: " + frames.size());
            browser.driver.switchTo().frame(frames.get(0));
            String firstPage = browser.find(By.tagName("body")).getText();
            browser.driver.switchTo().defaultContent();
            assertTrue(firstPage.contains("Which title describes you best?") && firstPage.contains("Studio walk"), firstPage);

            // The same pages in Japanese, one of the template's languages.
            new Select(browser.find(By.id("preview-language"))).selectByValue("ja");
            submit(browser, "button[value='check']");
            assertEquals("Preview in 日本語", text(browser, ".studio-side h2"));
            browser.driver.switchTo().frame(browser.findAll(By.cssSelector("iframe.preview")).get(0));
            assertEquals("ja", browser.language());
            assertTrue(browser.find(By.tagName("body")).getText().contains("次へ"), "Canvass's own texts in Japanese too");
            browser.driver.switchTo().defaultContent();
            assertEquals(fixed, browser.find(By.id("text")).getAttribute("value"), "the text is kept");

            submit(browser, "button[value='save']");
            assertTrue(text(browser, ".notice").contains("Saved as a draft"), text(browser, ".notice"));
            assertTrue(browser.find(By.id("text")).getAttribute("value").contains("Which title describes you best?"));

            // Publish, after a page that says what happens to responses.
            browser.get("/studio/" + id);
            browser.find(By.linkText("Publish the latest draft")).click();
            assertTrue(text(browser, ".warning-text").contains("Responses already stored keep the version"));
            submit(browser, "form[action='/studio/" + id + "/publish'] button[type='submit']");
            assertTrue(browser.path().startsWith("/studio/" + id + "?"), browser.path());
            assertTrue(text(browser, ".notice").contains("is published"), text(browser, ".notice"));

            // Invitations: three made, the links downloaded as CSV.
            browser.get("/studio/" + id + "/invitations");
            browser.find(By.id("count")).sendKeys("3");
            submit(browser, "form[action='/studio/" + id + "/invitations'] button[type='submit']");
            assertTrue(text(browser, ".notice").contains("3 invitation(s) made"), text(browser, ".notice"));
            String cookie = browser.driver.manage().getCookieNamed(SignIn.COOKIE).getValue();
            Response csv = RestAssured.given().cookie(SignIn.COOKIE, cookie).when()
                    .get(browser.find(By.linkText("Download the links as CSV")).getAttribute("href"));
            assertEquals(200, csv.statusCode());
            List<String> rows = csv.asString().lines().toList();
            assertEquals("token,link,label,state,used_on", rows.get(0));
            assertEquals(4, rows.size(), csv.asString());
            assertTrue(rows.get(1).contains("/s/" + id + "?t="), rows.get(1));

            // The respondent link works: someone starts and is screened out on revenue.
            browser.get("/s/" + id);
            assertEquals("Studio walk", browser.find(By.cssSelector(".site-name")).getText());
            browser.press("start");
            browser.answer(screenedOutFirstPage());
            browser.press("continue");
            assertEquals("Thank you for your interest", browser.heading());

            // The fieldwork page counts that response.
            browser.get("/studio/" + id + "/fieldwork");
            assertEquals("1", text(browser, "#started"));
            assertEquals("1", text(browser, "#screened-out"));
            assertEquals("0", text(browser, "#complete"));
        }
    }

    @Test
    void everyStudioPageIsAccessibleOnADesktopAndAPhone() {
        String id = "studio-axe-" + UUID.randomUUID().toString().substring(0, 8);
        String researcher = Tokens.staff("axe-" + id + "@example.com", "researcher");
        for (int width : new int[] {1280, 390}) {
            String device = width > 600 ? "desktop" : "phone";
            try (Browser browser = Browser.open(base.toString(), true, width)) {
                signIn(browser, researcher, "/studio");
                if (width > 600) {
                    browser.get("/studio/new");
                    browser.find(By.id("id")).sendKeys(id);
                    browser.find(By.id("title")).sendKeys("Accessible studio");
                    browser.click("template-" + TEMPLATE);
                    submit(browser, "form[action='/studio/new'] button[type='submit']");
                    assertTrue(browser.path().startsWith("/studio/" + id + "/edit"), browser.path());
                }
                Map<String, String> pages = new LinkedHashMap<>();
                pages.put("surveys", "/studio");
                pages.put("new", "/studio/new");
                pages.put("edit", "/studio/" + id + "/edit");
                pages.put("survey", "/studio/" + id);
                pages.put("publish", "/studio/" + id + "/publish");
                pages.put("invitations", "/studio/" + id + "/invitations");
                pages.put("access", "/studio/" + id + "/access");
                pages.put("fieldwork", "/studio/" + id + "/fieldwork");
                pages.forEach((name, path) -> {
                    browser.get(path);
                    assertEquals(path, browser.path());
                    browser.screenshot("studio-" + name + "-" + device);
                    browser.assertAccessible("studio " + name + " page at " + width + " px");
                });
                // A page with problems listed is accessible too.
                browser.get("/studio/" + id + "/edit");
                paste(browser, "id: " + id + "\ntitle: Broken\npages: []\n");
                submit(browser, "button[value='check']");
                assertFalse(browser.findAll(By.cssSelector("table.problems tbody tr")).isEmpty());
                browser.screenshot("studio-edit-problems-" + device);
                browser.assertAccessible("studio edit page with problems at " + width + " px");
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    static Map<String, Object> screenedOutFirstPage() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("revenue", "lt_1b");
        answers.put("employees", "20k_50k");
        answers.put("title", "cio");
        answers.put("management_level", "c_suite");
        answers.put("age", "45_54");
        answers.put("industry", "media");
        answers.put("hq_region", "eu");
        return answers;
    }

    private static void signIn(Browser browser, String token, String next) {
        browser.get("/login?next=" + next);
        paste(browser, By.id("token"), token);
        submit(browser, "form[action='/login'] button[type='submit']");
        waitUntil(browser, () -> browser.path().startsWith(next), "signed in");
    }

    /** Replaces the definition's text, as a person pasting an edited copy. */
    private static void paste(Browser browser, String text) {
        paste(browser, By.id("text"), text);
    }

    private static void paste(Browser browser, By field, String text) {
        WebElement box = browser.find(field);
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1];", box, text);
    }

    /** Clicks a submit button and waits for the page that answers it. */
    private static void submit(Browser browser, String css) {
        WebElement html = browser.find(By.tagName("html"));
        browser.find(By.cssSelector(css)).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> {
            try {
                html.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException replaced) {
                return true;
            }
        });
    }

    private static void waitUntil(Browser browser, BooleanSupplier condition, String what) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    private static String text(Browser browser, String css) {
        return browser.find(By.cssSelector(css)).getText().trim();
    }

    private static int lineOf(String text, String fragment) {
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(c -> c == '\n').count() + 1;
    }
}
