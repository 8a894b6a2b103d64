package io.canvass.respondent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.testing.NpmTools;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through chromedriver, as an executive's browser. Tests that
 * need it are skipped, with a message saying so, on a machine without Chromium or chromedriver.
 * Public for the browser tests of other features (the dashboard).
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOCS_IMAGES = Path.of("docs", "images");
    private static final ObjectMapper JSON = new ObjectMapper();

    public final WebDriver driver;
    private final boolean javascript;
    private final String baseUrl;

    private Browser(WebDriver driver, boolean javascript, String baseUrl) {
        this.driver = driver;
        this.javascript = javascript;
        this.baseUrl = baseUrl;
    }

    public static void assumeAvailable() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests skipped: install Debian's chromium and chromium-driver "
                        + "(apt-get install chromium chromium-driver) to run them; .ci/run does.");
    }

    public static Browser open(String baseUrl, boolean javascript, int width) {
        return open(baseUrl, javascript, width, null);
    }

    /**
     * A browser whose user prefers {@code acceptLanguages}, most preferred first and without qualities
     * (e.g. {@code "ko-KR,ko,en-US"}): Chromium adds the {@code ;q=} of its Accept-Language itself.
     */
    public static Browser open(String baseUrl, boolean javascript, int width, String acceptLanguages) {
        assumeAvailable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=" + width + ",900");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(width, 900));
        if (acceptLanguages != null) {
            // The DevTools override of the user agent's languages: what headless Chromium then sends, whatever
            // its build, where the intl.accept_languages preference and --accept-lang are not always heeded.
            String userAgent = (String) driver.executeScript("return navigator.userAgent;");
            driver.executeCdpCommand("Emulation.setUserAgentOverride",
                    Map.of("userAgent", userAgent, "acceptLanguage", acceptLanguages));
        }
        return new Browser(driver, javascript, baseUrl.replaceAll("/+$", ""));
    }

    public void get(String path) {
        driver.get(baseUrl + path);
    }

    public String path() {
        return driver.getCurrentUrl().replace(baseUrl, "");
    }

    public String title() {
        return driver.getTitle();
    }

    /** The page's {@code <html lang>}. */
    public String language() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Answers questions as a person would: clicks radios and checkboxes, types into boxes. */
    public void answer(Map<String, Object> answers) {
        answers.forEach((question, value) -> {
            if (value instanceof List<?> codes) {
                codes.forEach(code -> click("f-" + question.replace('.', '-') + "-" + code));
            } else if (value instanceof Map<?, ?> rows) {
                rows.forEach((row, column) -> click("f-" + question + "-" + row + "-" + column));
            } else if (value instanceof Integer point) {
                click("f-" + question + "-" + point);
            } else {
                String id = "f-" + question.replace('.', '-') + "-" + value;
                List<WebElement> option = driver.findElements(By.id(id));
                if (!option.isEmpty() && List.of("radio", "checkbox").contains(option.get(0).getAttribute("type"))) {
                    click(id);
                } else {
                    WebElement box = driver.findElement(By.name(question));
                    box.clear();
                    box.sendKeys(value.toString());
                }
            }
        });
    }

    public void click(String id) {
        WebElement element = driver.findElement(By.id(id));
        if (!element.isSelected()) {
            element.click();
        }
    }

    /** Clicks a form button and waits for the next page to load. */
    public void press(String action) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector("button[value='" + action + "']")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException replaced) {
                return true;
            }
        });
    }

    /** Saves a screenshot under target/screenshots for people to look at. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A screenshot that the documentation shows: saved under target/screenshots like the others, and
     * written to docs/images when the suite runs with {@code -Ddocs.images=true}, which is how
     * the committed pictures are made (see docs/testing.md).
     */
    public void documentationScreenshot(String name) {
        if (javascript) {
            // From the top of the page, with no focus ring on the last field answered.
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur();");
        }
        screenshot(name);
        if (Boolean.getBoolean("docs.images")) {
            try {
                Files.createDirectories(DOCS_IMAGES);
                Files.copy(SCREENSHOTS.resolve(name + ".png"), DOCS_IMAGES.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Runs axe-core (WCAG 2.0-2.2 A and AA rules) on the current page and fails on any violation. */
    public void assertAccessible(String pageName) {
        if (!javascript) {
            return;
        }
        String axe = axeSource();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
                  .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
                    return { id: v.id, impact: v.impact, help: v.help,
                             nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' '); }) }; }))); })
                  .catch(function (e) { done(JSON.stringify([{ id: 'axe-error', help: String(e) }])); });
                """);
        try {
            JsonNode violations = JSON.readTree(result.toString());
            assertEquals(0, violations.size(), "axe violations on " + pageName + ": " + violations.toPrettyString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String axeSource() {
        Path axe = NpmTools.installed("axe-core/axe.min.js");
        assumeTrue(Files.exists(axe), "Accessibility scans skipped: run 'npm ci --prefix src/test/browser' to install axe-core");
        try {
            return Files.readString(axe);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
