package io.canvass.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.canvass.access.Tokens;
import io.canvass.respondent.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live dashboard in Debian's Chromium, as staff see it: a researcher's numbers follow every
 * complete; an analyst's stay at the last published state, taken every five completes.
 */
@QuarkusTest
class DashboardBrowserTest {

    private static final String SURVEY = "test-dashboard";

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void needsABrowser() {
        Browser.assumeAvailable();
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Signs in through the form, as a person pasting their token, and waits for the page behind it. */
    private static void signIn(Browser browser, String token, String next) {
        browser.get("/login" + (next == null ? "" : "?next=" + next));
        WebElement box = browser.find(By.id("token"));
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1];", box, token);
        browser.find(By.cssSelector("form[action='/login'] button[type='submit']")).click();
        waitUntil(browser, () -> browser.path().startsWith("/dashboard"), "signed in");
    }

    private static void waitUntil(Browser browser, java.util.function.BooleanSupplier condition, String what) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).withMessage(what).until(d -> {
            try {
                return condition.getAsBoolean();
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException notYet) {
                return false;
            }
        });
    }

    private static String text(Browser browser, String css) {
        return browser.find(By.cssSelector(css)).getText().trim();
    }

    private static Object js(Browser browser, String script, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, args);
    }

    /** A screenshot of the whole page, not just the window. */
    private static void fullPageScreenshot(Browser browser, String name, int width) {
        Number height = (Number) js(browser, "return document.documentElement.scrollHeight;");
        browser.driver.manage().window().setSize(new Dimension(width, Math.min(8000, height.intValue() + 40)));
        browser.screenshot(name);
        browser.driver.manage().window().setSize(new Dimension(width, 900));
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src", "test", "resources", "dashboard", name), StandardCharsets.UTF_8);
    }

    // ---- the drawing, against the documented contract -----------------------------------------------

    @Test
    void drawsTheResultsContractAsLabelledAccessibleCharts() throws Exception {
        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            signIn(browser, Tokens.analyst(), "/dashboard/" + SURVEY);
            assertEquals("/dashboard/" + SURVEY, browser.path());
            // Draw the sample document of the contract, with the live stream stopped.
            js(browser, "window.canvassDashboard.stop(); window.canvassDashboard.render(JSON.parse(arguments[0]));",
                    fixture("contract-results.json"));

            assertEquals("250", text(browser, "#chart-revenue tr[data-code='1b_5b'] .count"));
            assertEquals("25.0%", text(browser, "#chart-revenue tr[data-code='1b_5b'] .pct"));
            assertTrue(text(browser, "#chart-revenue h3").contains("<b>(USD)</b>"), "definition text stays text");
            assertEquals("Privacy <script>alert(1)</script>", text(browser, "#chart-genai_blockers tr[data-code='privacy'] th"));
            assertTrue(text(browser, "#chart-genai_blockers .chart-meta").contains("more than 100%"));
            assertEquals("3.71", text(browser, "#chart-genai_priority_2023 .stat-mean"));
            assertEquals("67.2%", text(browser, "#chart-genai_priority_2023 .stat-top-two-box"));
            assertEquals("1 – Not a priority", text(browser, "#chart-genai_priority_2023 tr[data-code='1'] th"));
            assertEquals("450 (45.0%)", text(browser, "#chart-ai_use_today tr[data-code='marketing'] td[data-code='limited']"));
            assertEquals(2, browser.findAll(By.cssSelector("#chart-ai_use_today .stack")).size());
            assertTrue(text(browser, "#chart-comments").contains("312 of 1,000"));
            assertTrue(browser.findAll(By.id("chart-report_copy_email")).isEmpty(), "e-mail addresses are not charted");

            // Funnel: 1,000 / (1,000 + 380) = 72.5 %.
            assertEquals("1,420", text(browser, "#chart-funnel tr[data-code='started'] .count"));
            assertEquals("26.8%", text(browser, "#chart-funnel tr[data-code='screened_out'] .pct"));
            assertEquals("72.5%", text(browser, "#chart-funnel .stat-incidence"));
            assertEquals("80 / 80 Full", text(browser, "#chart-quota-industry tr[data-code='it'] .count"));
            assertEquals("Full", text(browser, "#chart-quota-industry tr[data-code='it'] .full-tag"));
            assertEquals("52 / 80", text(browser, "#chart-quota-industry tr[data-code='financial'] .count"));
            assertEquals("1,000 completes.", text(browser, "#result-n"));
            browser.assertAccessible("dashboard with the contract's sample document");
            fullPageScreenshot(browser, "dashboard-contract-desktop", 1280);
            browser.driver.manage().window().setSize(new Dimension(375, 900));
            Number scrollWidth = (Number) js(browser, "return document.documentElement.scrollWidth;");
            assertTrue(scrollWidth.intValue() <= 375, "no sideways scrolling on a phone: " + scrollWidth);
            fullPageScreenshot(browser, "dashboard-contract-phone", 375);

            js(browser, "window.canvassDashboard.render(JSON.parse(arguments[0]));", fixture("contract-suppressed.json"));
            assertEquals("Fewer than 5 completes match these filters; results are hidden to protect respondents’ "
                    + "anonymity.", text(browser, "#suppressed .suppressed-message"));
            assertTrue(browser.findAll(By.cssSelector("#charts .chart")).isEmpty(), "no chart of a small group");
            assertEquals("1,420", text(browser, "#chart-funnel tr[data-code='started'] .count"),
                    "the funnel stays when a filtered document is suppressed");
        }
    }

    // ---- another site cannot use the cookie ---------------------------------------------------------

    @Test
    void noPageCanMakeTheBrowserUseTheCookieForAStateChange() throws Exception {
        String target = base.toString().replaceAll("/$", "") + "/api/surveys/test-dashboard-xsite/close";
        // 127.0.0.1 is another site than localhost (SameSite compares hosts, not ports).
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ("<!DOCTYPE html><html lang=en><title>Win a prize</title><body>"
                + "<form id=forged method=post enctype=text/plain action='" + target + "'>"
                + "<button id=go type=submit>Claim</button></form></body></html>").getBytes(StandardCharsets.UTF_8);
        attacker.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            signIn(browser, Tokens.researcher(), null);
            // Even from Canvass's own origin the cookie reads (200) but changes nothing (403): a page of the same
            // site (any *.example.com) could otherwise send the post, and page script cannot add the bearer header.
            Object sameSite = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "fetch('/api/surveys/test-dashboard-xsite/results')"
                            + ".then(function (r) { return fetch('/api/surveys/test-dashboard-xsite/close', {method: 'POST'})"
                            + ".then(function (r2) { done(r.status + ',' + r2.status); }); });");
            assertEquals("200,403", sameSite, "the cookie is an API credential for reading only");

            browser.driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            browser.find(By.id("go")).click();
            waitUntil(browser, () -> browser.driver.getCurrentUrl().startsWith(target), "the forged post was sent");
            String answer = browser.find(By.tagName("body")).getText();
            assertTrue(answer.contains("\"status\":401"), "no cookie went with the cross-site post: " + answer);
            // PUT (and JSON bodies) cannot even be sent cross-site without CORS, which Canvass does not enable.
            browser.driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            Object put = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0], {method: 'PUT', credentials: 'include', headers: {'Content-Type': 'application/json'},"
                            + " body: '{}'}).then(function (r) { done('sent ' + r.status); }, function (e) { done('blocked'); });",
                    target.replace("/close", "/draft"));
            assertEquals("blocked", put);
        } finally {
            attacker.stop(0);
        }
        given().header("Authorization", "Bearer " + Tokens.researcher()).when().get("/api/surveys").then()
                .statusCode(200).body("find { it.id == 'test-dashboard-xsite' }.status", org.hamcrest.Matchers.equalTo("open"));
    }

    // ---- live, against the real results stream ----------------------------------------------------

    private static Map<String, Object> answers(String industry, int priority, List<String> blockers, String marketing,
            String sales) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("revenue", "large");
        answers.put("industry", industry);
        answers.put("priority", priority);
        answers.put("blockers", blockers);
        answers.put("use", Map.of("marketing", marketing, "sales", sales));
        return answers;
    }

    private static String submit(Map<String, Object> answers) {
        return given().contentType(ContentType.JSON).body(Map.of("answers", answers))
                .when().post("/api/surveys/" + SURVEY + "/responses")
                .then().log().ifValidationFails().statusCode(201).extract().path("status");
    }

    @Test
    void showsLiveResultsThatChangeWithoutReloadAndFilters() {
        assertEquals("complete", submit(answers("it", 5, List.of("cost", "skills"), "widespread", "limited")));
        assertEquals("complete", submit(answers("it", 4, List.of("cost"), "limited", "limited")));
        assertEquals("complete", submit(answers("it", 4, List.of("privacy"), "not_used", "limited")));
        assertEquals("complete", submit(answers("it", 3, List.of("cost", "privacy"), "widespread", "widespread")));
        assertEquals("complete", submit(answers("it", 2, List.of("none"), "limited", "not_used")));
        assertEquals("complete", submit(answers("finance", 5, List.of("skills"), "widespread", "widespread")));
        assertEquals("complete", submit(answers("retail", 1, List.of("cost"), "not_used", "not_used")));
        assertEquals("complete", submit(answers("retail", 2, List.of("skills"), "limited", "not_used")));
        assertEquals("complete", submit(answers("retail", 3, List.of("cost", "privacy"), "limited", "limited")));
        assertEquals("complete", submit(answers("retail", 4, List.of("none"), "not_used", "limited")));
        assertEquals("quota_full", submit(answers("retail", 3, List.of("cost"), "limited", "limited")));
        assertEquals("screened_out", submit(Map.of("revenue", "small", "industry", "it")));

        try (Browser browser = Browser.open(base.toString(), true, 1280)) {
            signIn(browser, Tokens.researcher(), "/dashboard/" + SURVEY);
            waitUntil(browser, () -> "5".equals(text(browser, "#chart-industry tr[data-code='it'] .count")), "first results");
            assertTrue(text(browser, "#live-status").matches("Live · updated \\d\\d:\\d\\d:\\d\\d"), text(browser, "#live-status"));
            assertEquals("50.0%", text(browser, "#chart-industry tr[data-code='it'] .pct"));
            assertEquals("10 completes.", text(browser, "#result-n"));
            assertEquals("5", text(browser, "#chart-blockers tr[data-code='cost'] .count"));
            assertEquals("50.0%", text(browser, "#chart-blockers tr[data-code='cost'] .pct"));
            assertEquals("3.30", text(browser, "#chart-priority .stat-mean"));
            assertEquals("50.0%", text(browser, "#chart-priority .stat-top-two-box"));
            assertEquals("3 (30.0%)", text(browser, "#chart-use tr[data-code='marketing'] td[data-code='widespread']"));
            assertEquals("10", text(browser, "#chart-funnel tr[data-code='complete'] .count"));
            assertEquals("1", text(browser, "#chart-funnel tr[data-code='screened_out'] .count"));
            assertEquals("1", text(browser, "#chart-funnel tr[data-code='quota_full'] .count"));
            assertEquals("90.9%", text(browser, "#chart-funnel .stat-incidence"), "10 / (10 + 1)");
            assertEquals("4 / 4 Full", text(browser, "#chart-quota-industry tr[data-code='retail'] .count"));
            assertEquals("Full", text(browser, "#chart-quota-industry tr[data-code='retail'] .full-tag"));
            browser.assertAccessible("live dashboard");
            fullPageScreenshot(browser, "dashboard-live-desktop", 1280);

            // Another response arrives while the page is open: the numbers change, the page is not reloaded.
            js(browser, "window.__sameDocument = true;");
            assertEquals("complete", submit(answers("it", 5, List.of("skills"), "widespread", "widespread")));
            waitUntil(browser, () -> "6".equals(text(browser, "#chart-industry tr[data-code='it'] .count")), "the live update");
            assertEquals(Boolean.TRUE, js(browser, "return window.__sameDocument === true;"), "no reload");
            assertEquals("54.5%", text(browser, "#chart-industry tr[data-code='it'] .pct"));
            waitUntil(browser, () -> "91.7%".equals(text(browser, "#chart-funnel .stat-incidence")), "the funnel follows");

            // Filter on information technology with the form: six completes (and five others, so that the
            // difference from the totals reveals no small group either), charts of them, funnel of all.
            browser.find(By.cssSelector("details.filter:has(#filter-industry-it) summary")).click();
            browser.click("filter-industry-it");
            browser.find(By.id("apply-filters")).click();
            waitUntil(browser, () -> browser.path().contains("filter=industry%3Ait"), "filtered page");
            waitUntil(browser, () -> "6 completes match these filters.".equals(text(browser, "#result-n")), "filtered results");
            assertEquals("100.0%", text(browser, "#chart-industry tr[data-code='it'] .pct"));
            assertEquals("11", text(browser, "#chart-funnel tr[data-code='complete'] .count"), "fieldwork stays unfiltered");
            assertTrue(text(browser, "#active-filters").contains("Which industry are you in?: Information technology"));
            browser.assertAccessible("filtered dashboard");

            // Financial services has one complete: below the group size of 5, nothing is shown.
            browser.get("/dashboard/" + SURVEY + "?filter=industry:finance");
            waitUntil(browser, () -> !browser.find(By.id("suppressed")).getText().isEmpty(), "suppression");
            assertEquals("Fewer than 5 completes match these filters; results are hidden to protect respondents’ "
                    + "anonymity.", text(browser, "#suppressed .suppressed-message"));
            assertTrue(browser.findAll(By.cssSelector("#charts .chart")).isEmpty());
            assertEquals("11", text(browser, "#chart-funnel tr[data-code='complete'] .count"));
            browser.assertAccessible("suppressed dashboard");
            fullPageScreenshot(browser, "dashboard-suppressed-desktop", 1280);
        }

        try (Browser phone = Browser.open(base.toString(), true, 375)) {
            signIn(phone, Tokens.researcher(), "/dashboard/" + SURVEY);
            waitUntil(phone, () -> "6".equals(text(phone, "#chart-industry tr[data-code='it'] .count")), "phone results");
            Number scrollWidth = (Number) js(phone, "return document.documentElement.scrollWidth;");
            assertTrue(scrollWidth.intValue() <= 375, "no sideways scrolling: " + scrollWidth);
            phone.assertAccessible("dashboard on a phone");
            fullPageScreenshot(phone, "dashboard-live-phone", 375);
        }

        // An analyst sees the state of the tenth complete: the eleventh, and the quota-full and screen-out
        // that came after the tenth, wait for four more completes.
        try (Browser analyst = Browser.open(base.toString(), true, 1280)) {
            signIn(analyst, Tokens.analyst(), "/dashboard/" + SURVEY);
            waitUntil(analyst, () -> "10".equals(text(analyst, "#chart-funnel tr[data-code='complete'] .count")),
                    "the published state");
            assertEquals("5", text(analyst, "#chart-industry tr[data-code='it'] .count"));
            assertEquals("0", text(analyst, "#chart-funnel tr[data-code='screened_out'] .count"));
            assertEquals("As of 10 completes: the figures move on after every 5 more.", text(analyst, "#state-note"));
            assertTrue(text(analyst, "#disclosure-note").contains("at most 2 either way"), text(analyst, "#disclosure-note"));
            analyst.assertAccessible("an analyst's dashboard");
        }
    }

    @Test
    void withoutJavaScriptTheFiltersStillWorkAndThePageSaysWhereTheFiguresAre() {
        try (Browser browser = Browser.open(base.toString(), false, 1280)) {
            browser.get("/login?next=/dashboard/" + SURVEY);
            browser.find(By.id("token")).sendKeys(Tokens.analyst());
            browser.find(By.cssSelector("form[action='/login'] button[type='submit']")).click();
            waitUntil(browser, () -> browser.path().startsWith("/dashboard/" + SURVEY), "signed in");
            assertTrue(browser.find(By.id("needs-script")).isDisplayed());
            browser.find(By.cssSelector("details.filter:has(#filter-priority-5) summary")).click();
            browser.click("filter-priority-5");
            browser.find(By.id("apply-filters")).click();
            waitUntil(browser, () -> browser.path().contains("filter=priority%3A5"), "filtered page");
            assertTrue(browser.find(By.id("filter-priority-5")).isSelected());
            assertTrue(text(browser, "#active-filters").contains("5 – Top priority"));
            assertFalse(browser.findAll(By.cssSelector("#needs-script a")).isEmpty());
        }
    }
}
