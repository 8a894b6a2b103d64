package io.canvass.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.respondent.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The landing page in Chromium, on a desktop and a phone: accessible, and its sign-in link leads to the sign-in form. */
@QuarkusTest
class HomeBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void needsABrowser() {
        Browser.assumeAvailable();
    }

    @Test
    void aNewcomerReadsWhatCanvassIsAndFindsTheSignIn() {
        for (int width : new int[] {1280, 390}) {
            try (Browser browser = Browser.open(base.toString(), true, width)) {
                browser.get("/");
                assertEquals("Canvass", browser.heading());
                assertEquals("Canvass – confidential surveys of senior executives", browser.title());
                String page = browser.find(By.tagName("main")).getText();
                assertTrue(page.contains("Open the link in the invitation you were sent"), page);
                assertFalse(page.contains("Enterprise Generative AI Adoption 2023"), "no survey is listed: " + page);
                browser.screenshot("home-" + (width > 600 ? "desktop" : "phone"));
                browser.assertAccessible("landing page at " + width + " px");

                browser.find(By.id("sign-in")).click();
                assertEquals("/login", browser.path());
                assertEquals("Sign in to see results", browser.heading());
            }
        }
    }
}
