package io.canvass.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.canvass.access.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The quality flags of API submissions, over HTTP: a straight-lined matrix, a speeder (with the
 * durationSeconds the submission sends, checked), a duplicate of an earlier complete, also when identical
 * submissions race; flags reach the export and never the respondent's receipt.
 */
@QuarkusTest
class SubmissionQualityTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aStraightLinedMatrixIsFlaggedInTheExportAndTheReceiptSaysNothing() {
        String survey = QualitySurvey.create("quality-straight", false, null);
        JsonNode straight = QualitySurvey.submit(survey, QualitySurvey.straightLined(1, "a", "high"), null);
        JsonNode varied = QualitySurvey.submit(survey, QualitySurvey.answers(2, "a"), null);
        assertEquals("complete", straight.path("status").asText());
        assertEquals(List.of("id", "status"), fieldNames(straight), "a respondent never learns of a flag");
        assertEquals(List.of("straightliner"), QualitySurvey.flags(QualitySurvey.exported(survey, straight.path("id").asText())));
        assertEquals(List.of(), QualitySurvey.flags(QualitySurvey.exported(survey, varied.path("id").asText())));
        String csv = given().auth().oauth2(Tokens.researcher()).accept("text/csv")
                .when().get("/api/surveys/{id}/responses", survey).then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("response_id,status,version,submitted_at,flags,review_reason,"), lines[0]);
        assertTrue(csv.contains(straight.path("id").asText() + ",complete,1,"), csv);
        for (String line : lines) {
            if (line.startsWith(straight.path("id").asText())) {
                assertEquals("straightliner", line.split(",")[4], line);
            }
            if (line.startsWith(varied.path("id").asText())) {
                assertEquals("", line.split(",")[4], line);
            }
        }
    }

    @Test
    void durationSecondsIsAWholeNumberOfSecondsUpToThirtyDays() {
        String survey = QualitySurvey.create("quality-duration", false, null);
        Map<Object, String> refused = new java.util.LinkedHashMap<>();
        refused.put("600", "wrong_type");
        refused.put(600.5, "wrong_type");
        refused.put(true, "wrong_type");
        refused.put(List.of(600), "wrong_type");
        refused.put(-1, "out_of_range");
        refused.put(2_592_001, "out_of_range");
        refused.put(new java.math.BigInteger("100000000000000000000"), "out_of_range");
        refused.forEach((duration, code) -> given().contentType(ContentType.JSON)
                .body(Map.of("answers", QualitySurvey.answers(1, "a"), "durationSeconds", duration))
                .when().post("/api/surveys/{id}/responses", survey)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:invalid-answers"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("durationSeconds"))
                .body("errors[0].pointer", equalTo("/durationSeconds"))
                .body("errors[0].code", equalTo(code)));
        assertEquals(0, QualitySurvey.export(survey, Map.of()).size(), "nothing stored for a refused submission");
        QualitySurvey.submit(survey, QualitySurvey.answers(2, "a"), 0);
        QualitySurvey.submit(survey, QualitySurvey.answers(3, "a"), 2_592_000);
        given().contentType(ContentType.JSON).body("{\"answers\": " + QualitySurvey.answers(4, "a") + ", \"durationSeconds\": null}")
                .when().post("/api/surveys/{id}/responses", survey).then().statusCode(201);
        assertEquals(3, QualitySurvey.export(survey, Map.of()).size());
    }

    @Test
    void aCompleteFasterThanAThirdOfTheMedianIsASpeederOnceTwentyCompletesHaveADuration() {
        String survey = QualitySurvey.create("quality-speeder", false, null);
        for (int n = 0; n < 19; n++) {
            QualitySurvey.submit(survey, QualitySurvey.answers(n, "b"), 600);
        }
        // Nineteen earlier completes: too few to judge by, however fast.
        JsonNode twentieth = QualitySurvey.submit(survey, QualitySurvey.answers(19, "b"), 10);
        // The median of twenty (nineteen at 600 s and one at 10 s) is 600 s: under 199.8 s is a speeder.
        JsonNode fast = QualitySurvey.submit(survey, QualitySurvey.answers(20, "b"), 199);
        JsonNode justOver = QualitySurvey.submit(survey, QualitySurvey.answers(21, "b"), 200);
        JsonNode unmeasured = QualitySurvey.submit(survey, QualitySurvey.answers(22, "b"), null);
        assertEquals(List.of(), flagsOf(survey, twentieth));
        assertEquals(List.of("speeder"), flagsOf(survey, fast));
        assertEquals(List.of(), flagsOf(survey, justOver));
        assertEquals(List.of(), flagsOf(survey, unmeasured), "a submission without durationSeconds is never a speeder");
        assertEquals(200, storedDuration(justOver.path("id").asText()));
        assertNull(storedDuration(unmeasured.path("id").asText()));
    }

    @Test
    void theSameCodedAnswersAsAnEarlierCompleteAreADuplicateWhateverTheFreeText() {
        String survey = QualitySurvey.create("quality-duplicate", false, null);
        ObjectNode answers = QualitySurvey.answers(7, "c");
        JsonNode original = QualitySurvey.submit(survey, answers, null);
        ObjectNode sameCoded = answers.deepCopy();
        sameCoded.put("comments", "Entirely different words.");
        sameCoded.put("tools.other", "Another tool");
        sameCoded.put("email", "someone.else@example.com");
        JsonNode duplicate = QualitySurvey.submit(survey, sameCoded, null);
        ObjectNode oneRowMoved = answers.deepCopy();
        ((ObjectNode) oneRowMoved.get("use")).put("it", oneRowMoved.get("use").get("it").asText().equals("low") ? "high" : "low");
        JsonNode different = QualitySurvey.submit(survey, oneRowMoved, null);
        assertEquals(List.of(), flagsOf(survey, original));
        assertEquals(List.of("duplicate"), flagsOf(survey, duplicate));
        assertEquals(List.of(), flagsOf(survey, different));
        assertEquals("complete", duplicate.path("status").asText(), "a duplicate still counts as a complete");
    }

    @Test
    void ofIdenticalSubmissionsRacingOverHttpExactlyOneIsTheOriginal() throws Exception {
        String survey = QualitySurvey.create("quality-duplicate-race", false, null);
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> receipts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            ObjectNode answers = QualitySurvey.answers(42, "a");
            answers.put("comments", "Racer " + i);
            receipts.add(pool.submit(() -> {
                start.await();
                return QualitySurvey.submit(survey, answers, null);
            }));
        }
        start.countDown();
        List<String> originals = new ArrayList<>();
        for (Future<JsonNode> receipt : receipts) {
            JsonNode stored = receipt.get();
            assertEquals("complete", stored.path("status").asText());
            List<String> flags = flagsOf(survey, stored);
            if (flags.isEmpty()) {
                originals.add(stored.path("id").asText());
            } else {
                assertEquals(List.of("duplicate"), flags);
            }
        }
        pool.shutdown();
        assertEquals(1, originals.size(), "exactly one original, " + (racers - 1) + " duplicates: " + originals);
        assertEquals(originals, fingerprintHolders(survey), "the fingerprint names the original");
    }

    @Test
    void onlyCompletesAreFlaggedAndClaimAFingerprint() {
        String survey = QualitySurvey.create("quality-quota-full", false, 1);
        JsonNode first = QualitySurvey.submit(survey, QualitySurvey.straightLined(1, "a", "low"), 5);
        JsonNode turnedAway = QualitySurvey.submit(survey, QualitySurvey.straightLined(1, "a", "low"), 5);
        assertEquals("complete", first.path("status").asText());
        assertEquals("quota_full", turnedAway.path("status").asText());
        assertEquals(List.of("straightliner"), flagsOf(survey, first));
        assertEquals(List.of(), flagsOf(survey, turnedAway), "a quota-full attempt is no complete: no flags");
        assertNull(storedDuration(turnedAway.path("id").asText()));
        assertEquals(List.of(first.path("id").asText()), fingerprintHolders(survey));
    }

    private static List<String> flagsOf(String survey, JsonNode receipt) {
        return QualitySurvey.flags(QualitySurvey.exported(survey, receipt.path("id").asText()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Integer storedDuration(String responseId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT duration_seconds FROM response WHERE id = ?")) {
            select.setString(1, responseId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                int value = row.getInt(1);
                return row.wasNull() ? null : value;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> fingerprintHolders(String survey) {
        List<String> holders = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT response_id FROM answer_fingerprint WHERE survey_id = ?")) {
            select.setString(1, survey);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    holders.add(rows.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return holders;
    }
}
