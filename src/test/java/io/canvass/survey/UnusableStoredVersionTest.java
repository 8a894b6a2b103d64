package io.canvass.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.SignIn;
import io.canvass.access.Tokens;
import io.canvass.observability.ManagementPort;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Published versions an earlier release stored that break this release's definition rules (a scale
 * of four billion points), put straight into the tables before start-up by a Flyway script of this
 * test's own ({@code src/test/resources/db/unusable-versions}): the service starts and is ready, logs
 * each such version once, leaves its responses out of results, refuses submissions to it and answers
 * its results with a 4xx problem, never a 5xx; a corrected version makes the survey work again.
 */
@QuarkusTest
@TestProfile(UnusableStoredVersionTest.EarlierReleaseData.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnusableStoredVersionTest {

    private static final Path LOG = Path.of("target", "unusable-stored-version.log");
    private static final String UNUSABLE = "test-unusable";
    private static final String MIXED = "test-unusable-old";
    private static final String PROBLEM = "application/problem+json";
    private static final String TYPE = "urn:canvass:problem:survey-version-unusable";

    public static class EarlierReleaseData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.locations", "db/migration,db/unusable-versions");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreshLogFile.class), new TestResourceEntry(NoTraceLeftBehind.class));
        }
    }

    /** The start-up log in a file of its own, emptied before the service starts, to count the warnings in. */
    public static class FreshLogFile implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                Files.deleteIfExists(LOG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString());
        }

        @Override
        public void stop() {
        }
    }

    /**
     * Version 9000 of this test's own script stays in a shared database's Flyway history after the test: the packaged
     * service the ITs start on the same PostgreSQL database (without this folder) would refuse to migrate it. So the
     * database is cleaned once the service has stopped, as the next test profile's clean-at-start would.
     */
    public static class NoTraceLeftBehind implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of();
        }

        @Override
        public void stop() {
            String url = System.getProperty("quarkus.datasource.jdbc.url");
            if (url == null || url.startsWith("jdbc:h2:mem:")) {
                return;
            }
            String user = System.getProperty("quarkus.datasource.username", "");
            Flyway.configure().dataSource(url, user, "").cleanDisabled(false).load().clean();
        }
    }

    private final String researcher = Tokens.researcher();

    @Inject
    EntityManager entities;

    @Test
    @Order(1)
    void theServiceStartsIsReadyAndLogsEachUnusableVersionOnceWithItsProblems() throws IOException {
        given().baseUri(ManagementPort.url()).when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
        // Reading the surveys again does not log again: each version is checked once.
        staff().when().get("/api/surveys/{id}/results", UNUSABLE).then().statusCode(409);
        staff().when().get("/api/surveys/{id}/results", UNUSABLE).then().statusCode(409);
        List<String> warnings = Files.readAllLines(LOG).stream().filter(line -> line.contains("WARN")
                && line.contains("breaks this release's definition rules, so it is unusable")).toList();
        assertEquals(2, warnings.size(), "one line per unusable version: " + warnings);
        assertTrue(warnings.stream().anyMatch(line -> line.contains("Survey " + UNUSABLE + " version 1 ")
                && line.contains("/pages/0/questions/0/min") && line.contains("/pages/0/questions/0/max")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(line -> line.contains("Survey " + MIXED + " version 1 ")), warnings.toString());
    }

    @Test
    @Order(2)
    void everyEndpointOfTheUnusableVersionAnswersAProblemAndNoSubmissionIsStored() {
        for (RequestSpecification read : List.of(
                staff().basePath("/api/surveys/" + UNUSABLE + "/results"),
                staff().basePath("/api/surveys/" + UNUSABLE + "/results").queryParam("filter", "s:1"),
                staff().basePath("/api/surveys/" + UNUSABLE + "/results/crosstab").queryParam("rows", "s").queryParam("columns", "s"),
                staff().basePath("/api/surveys/" + UNUSABLE + "/results/stream").accept("text/event-stream"),
                staff().basePath("/api/surveys/" + UNUSABLE + "/responses").accept("text/csv"),
                staff().basePath("/api/surveys/" + UNUSABLE + "/codebook").accept(ContentType.JSON),
                given().basePath("/api/surveys/" + UNUSABLE))) {
            read.when().get().then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPE)).body("status", equalTo(409));
        }
        given().contentType(ContentType.JSON).body("{\"answers\": {\"s\": 1}}")
                .when().post("/api/surveys/{id}/responses", UNUSABLE)
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPE));
        // The respondent pages and the dashboard say so in words, with the same status.
        Response page = given().redirects().follow(false).when().get("/s/{id}", UNUSABLE);
        assertEquals(409, page.statusCode(), page.asString());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        Response dashboard = given().cookie(SignIn.COOKIE, SignIn.cookieFor(researcher)).when().get("/dashboard/{id}", UNUSABLE);
        assertEquals(409, dashboard.statusCode(), dashboard.asString());
        // Rendering it would list four billion answer codes: the preview refuses it with its problems.
        staff().accept(ContentType.HTML).when().get("/api/surveys/{id}/preview", UNUSABLE).then().statusCode(422)
                .contentType(PROBLEM).body("errors.pointer", hasItem("/pages/0/questions/0/min"));

        // What needs no answer codes still works: the survey is listed, its versions and definition text read,
        // and personal data erased.
        staff().when().get("/api/surveys").then().statusCode(200).body("id", hasItem(UNUSABLE));
        staff().when().get("/api/surveys/{id}/versions", UNUSABLE).then().statusCode(200).body("size()", equalTo(1));
        staff().when().get("/api/surveys/{id}/definition", UNUSABLE).then().statusCode(200);
        staff().contentType(ContentType.JSON).body("{\"value\": \"someone@example.com\"}")
                .when().post("/api/surveys/{id}/personal-data/erasure", UNUSABLE).then().statusCode(200).body("erased", equalTo(0));
        staff().when().delete("/api/responses/{id}/personal-data", "00000000-0000-4000-8000-000000000001").then().statusCode(204);

        // The refused submission stored nothing: the one response is the one an earlier release stored.
        assertEquals(1, responsesOf(UNUSABLE), "no response was stored by the refused submission");
    }

    @Test
    @Order(3)
    void anUnusableEarlierVersionCountsInNoResultsWhileTheCurrentOneWorks() {
        // One complete of version 1 (unusable) and one of version 2: only version 2's counts.
        staff().when().get("/api/surveys/{id}/results", MIXED).then().statusCode(200)
                .body("n", equalTo(1)).body("counts.complete", equalTo(1))
                .body("questions[0].options.find { it.code == '3' }.count", equalTo(1));
        given().contentType(ContentType.JSON).body("{\"answers\": {\"s\": 5}}")
                .when().post("/api/surveys/{id}/responses", MIXED).then().statusCode(201);
        staff().when().get("/api/surveys/{id}/results", MIXED).then().statusCode(200).body("n", equalTo(2));
        staff().queryParam("rows", "s").queryParam("columns", "s")
                .when().get("/api/surveys/{id}/results/crosstab", MIXED).then().statusCode(200);
        // The export would have to lay out version 1's columns: refused as a whole, before any row is sent.
        staff().accept("text/csv").when().get("/api/surveys/{id}/responses", MIXED).then().statusCode(409)
                .contentType(PROBLEM).body("type", equalTo(TYPE));
        staff().when().get("/api/surveys/{id}/preview?version=1", MIXED).then().statusCode(422).contentType(PROBLEM);
        staff().accept(ContentType.HTML).when().get("/api/surveys/{id}/preview?version=2", MIXED).then().statusCode(200);
    }

    @Test
    @Order(4)
    void publishingACorrectedVersionMakesTheSurveyWorkAgain() {
        staff().contentType(ContentType.JSON).body("""
                {"id": "test-unusable", "title": "Usable again", "pages": [{"id": "p1", "title": "P1",
                 "questions": [{"id": "s", "type": "scale", "text": "Rate", "min": 1, "max": 5}]}]}""")
                .when().put("/api/surveys/{id}/draft", UNUSABLE).then().statusCode(200).body("version", equalTo(2));
        staff().contentType(ContentType.JSON).when().post("/api/surveys/{id}/publish", UNUSABLE).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"answers\": {\"s\": 4}}")
                .when().post("/api/surveys/{id}/responses", UNUSABLE).then().statusCode(201);
        // Version 1's complete still counts nowhere; version 2's does.
        staff().when().get("/api/surveys/{id}/results", UNUSABLE).then().statusCode(200).body("n", equalTo(1));
        given().when().get("/api/surveys/{id}", UNUSABLE).then().statusCode(200).body("version", equalTo(2));
    }

    private RequestSpecification staff() {
        return given().auth().oauth2(researcher).redirects().follow(false);
    }

    private long responsesOf(String surveyId) {
        // This survey's export and results are refused: count its rows in the database.
        return QuarkusTransaction.requiringNew().call(() -> entities
                .createQuery("select count(r) from SurveyResponse r where r.surveyId = ?1", Long.class)
                .setParameter(1, surveyId).getSingleResult());
    }
}
