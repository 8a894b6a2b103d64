package io.canvass.response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.survey.SurveyLifecycle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubmissionTest {

    private static final String RESPONSES = "/api/surveys/{id}/responses";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ResponseRepository responses;

    @Inject
    PersonalDataRepository personalData;

    @Inject
    UnlinkedPersonalDataRepository unlinked;

    @Inject
    SurveyLifecycle lifecycle;

    private ValidatableResponse submit(Object body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post(RESPONSES, AiiaAnswers.SURVEY).then();
    }

    private long stored() {
        return QuarkusTransaction.requiringNew().call(() -> responses.count());
    }

    @Test
    void storesACompleteResponseExactlyAsSubmittedWithTheEmailApart() throws Exception {
        AiiaAnswers answers = AiiaAnswers.complete("it");
        long listed = emailsListed();
        String id = submit(answers.body())
                .statusCode(201).contentType(ContentType.JSON)
                .body("status", equalTo("complete")).body("id", notNullValue())
                .body("reason", nullValue())
                .extract().path("id");

        SurveyResponse response = QuarkusTransaction.requiringNew().call(() -> responses.findById(id));
        assertEquals(ResponseStatus.COMPLETE, response.status);
        assertEquals(1, response.surveyVersion);
        assertNotNull(response.startedAt);
        assertNotNull(response.submittedAt);
        Map<String, Object> expected = new java.util.LinkedHashMap<>(answers.answers());
        expected.remove("report_copy_email");
        assertEquals(JSON.valueToTree(expected), JSON.readTree(response.answers),
                "stored answers read back equal to what was sent, less the personal data");
        assertFalse(response.answers.contains("cio@example.com"), "the e-mail never sits with the answers");
        // The 2023 survey is anonymous: the address goes on its list, with nothing that leads to the response.
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> personalData.ofResponse(id)));
        assertEquals(listed + 1, emailsListed());
    }

    private long emailsListed() {
        return QuarkusTransaction.requiringNew().call(() -> unlinked.count(
                "surveyId = ?1 and questionId = ?2 and value = ?3", AiiaAnswers.SURVEY, "report_copy_email", "cio@example.com"));
    }

    @Test
    void screensOutRespondentsBelowOneBillionRevenueAndKeepsTheAttempt() {
        long before = stored();
        Map<String, Object> page1 = Map.of("revenue", "lt_1b", "employees", "gt_100k", "title", "cto",
                "management_level", "c_suite", "age", "35_44", "industry", "media", "hq_region", "us");
        String id = submit(Map.of("answers", page1))
                .statusCode(201)
                .body("status", equalTo("screened_out")).body("reason", equalTo("revenue"))
                .extract().path("id");
        assertEquals(before + 1, stored(), "screened-out attempts are kept for incidence figures");
        SurveyResponse response = QuarkusTransaction.requiringNew().call(() -> responses.findById(id));
        assertEquals(ResponseStatus.SCREENED_OUT, response.status);
        assertEquals("revenue", response.reason);
    }

    @Test
    void screensOutOnTheFirstDisqualifyingAnswerInSurveyOrder() {
        submit(AiiaAnswers.complete("media").set("employees", "lt_10k").set("title", "manager").body())
                .statusCode(201).body("status", equalTo("screened_out")).body("reason", equalTo("employees"));
        submit(AiiaAnswers.complete("media").set("management_level", "non_manager").body())
                .statusCode(201).body("status", equalTo("screened_out")).body("reason", equalTo("management_level"));
    }

    @Test
    void listsEveryProblemAtOnceEachNamingItsQuestion() {
        long before = stored();
        Map<String, Object> answers = AiiaAnswers.complete("it")
                .remove("age")                                                  // missing required
                .set("revenue", "huge")                                          // unknown code
                .set("genai_priority_2023", 9)                                   // out of range
                .set("scaling_priority_36m", "5")                                // wrong type
                .set("genai_blockers", List.of("cost", "cost"))                  // duplicate code
                .set("operationalization_impacts", List.of("none", "reputation")) // exclusive violated
                .set("governance_losses", "no")                                  // makes the next one hidden
                .set("comments", "x".repeat(2001))                               // too long
                .set("report_copy_email", "not-an-email")                        // bad e-mail
                .set("ai_use_today", Map.of("marketing", "limited", "space", "critical")) // unknown row, rows missing
                .set("favourite_colour", "blue")                                 // unknown question
                .answers();
        submit(Map.of("answers", answers))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:invalid-answers"))
                .body("status", equalTo(422))
                .body("errors.question", hasItems("age", "revenue", "genai_priority_2023", "scaling_priority_36m",
                        "genai_blockers", "operationalization_impacts", "governance_loss_size", "comments",
                        "report_copy_email", "ai_use_today", "favourite_colour"))
                .body("errors.find { it.question == 'age' }.code", equalTo("required"))
                .body("errors.find { it.question == 'revenue' }.code", equalTo("unknown_code"))
                .body("errors.find { it.question == 'genai_priority_2023' }.code", equalTo("out_of_range"))
                .body("errors.find { it.question == 'scaling_priority_36m' }.code", equalTo("wrong_type"))
                .body("errors.find { it.question == 'genai_blockers' }.code", equalTo("duplicate_code"))
                .body("errors.find { it.question == 'operationalization_impacts' }.code", equalTo("exclusive_violation"))
                .body("errors.find { it.question == 'governance_loss_size' }.code", equalTo("not_shown"))
                .body("errors.find { it.question == 'comments' }.code", equalTo("too_long"))
                .body("errors.find { it.question == 'report_copy_email' }.code", equalTo("invalid_email"))
                .body("errors.find { it.field == 'ai_use_today.space' }.code", equalTo("unknown_row"))
                .body("errors.find { it.field == 'ai_use_today.sales' }.code", equalTo("required"))
                .body("errors.find { it.question == 'favourite_colour' }.code", equalTo("unknown_question"))
                .body("errors.find { it.question == 'revenue' }.pointer", equalTo("/answers/revenue"));
        assertEquals(before, stored(), "nothing is stored for a rejected submission");
    }

    @Test
    void asksTheLossSizeOnlyOfThoseWhoHadLosses() {
        submit(AiiaAnswers.complete("it").set("governance_losses", "no").remove("governance_loss_size").body())
                .statusCode(201).body("status", equalTo("complete"));
        submit(AiiaAnswers.complete("it").remove("governance_loss_size").body())
                .statusCode(422).body("errors.question", equalTo(List.of("governance_loss_size")))
                .body("errors[0].code", equalTo("required"));
    }

    @Test
    void acceptsOptionalQuestionsLeftOut() {
        submit(AiiaAnswers.complete("it").remove("comments").remove("report_copy_email").body())
                .statusCode(201).body("status", equalTo("complete"));
    }

    @Test
    void takesTheOtherTextOnlyWithTheOtherOption() {
        submit(AiiaAnswers.complete("it").set("genai_blockers", List.of("cost")).body())
                .statusCode(422).body("errors[0].field", equalTo("genai_blockers.other"))
                .body("errors[0].question", equalTo("genai_blockers"))
                .body("errors[0].code", equalTo("option_not_chosen"));
    }

    @Test
    void rejectsAnswersOfTheWrongShape() {
        submit(AiiaAnswers.complete("it").set("revenue", List.of("1b_5b")).set("genai_blockers", "cost")
                .set("ai_use_today", "limited").set("comments", 42).set("genai_priority_2023", 4.5).body())
                .statusCode(422)
                .body("errors.code", everyItemIs("wrong_type"))
                .body("errors.question", containsInAnyOrder("revenue", "genai_blockers", "ai_use_today", "comments",
                        "genai_priority_2023"));
    }

    private static org.hamcrest.Matcher<Iterable<? super String>> everyItemIs(String code) {
        return not(hasItem(not(equalTo(code))));
    }

    @Test
    void rejectsABodyThatIsNotASubmission() {
        long before = stored();
        given().contentType(ContentType.JSON).body("{\"answers\": {\"revenue\": ")
                .when().post(RESPONSES, AiiaAnswers.SURVEY)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:malformed-json"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post(RESPONSES, AiiaAnswers.SURVEY)
                .then().statusCode(422).body("errors[0].field", equalTo("answers"));
        given().contentType(ContentType.JSON).body("{\"answers\": {}, \"admin\": true}")
                .when().post(RESPONSES, AiiaAnswers.SURVEY)
                .then().statusCode(422).body("errors.field", hasItem("admin"));
        given().contentType(ContentType.JSON).body("{\"answers\": {\"revenue\": \"1b_5b\", \"revenue\": \"lt_1b\"}}")
                .when().post(RESPONSES, AiiaAnswers.SURVEY)
                .then().statusCode(400);
        assertEquals(before, stored());
    }

    @Test
    void answersUnknownSurveysWith404() {
        given().contentType(ContentType.JSON).body(AiiaAnswers.complete("it").body())
                .when().post(RESPONSES, "no-such-survey")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:survey-not-found"));
    }

    @Test
    void refusesResponsesWhileASurveyIsClosed() {
        Map<String, Object> body = Map.of("answers", Map.of("ok", "yes"));
        lifecycle.close("test-lifecycle", "test");
        try {
            long before = stored();
            given().contentType(ContentType.JSON).body(body)
                    .when().post(RESPONSES, "test-lifecycle")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:canvass:problem:survey-not-open"));
            assertEquals(before, stored());
        } finally {
            lifecycle.reopen("test-lifecycle", "test");
        }
        given().contentType(ContentType.JSON).body(body)
                .when().post(RESPONSES, "test-lifecycle")
                .then().statusCode(201).body("status", equalTo("complete"));
    }

    @Test
    void refusesOtherMediaTypes() {
        given().contentType(ContentType.TEXT).body("answers")
                .when().post(RESPONSES, AiiaAnswers.SURVEY)
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void refusesBodiesOver64KiB() {
        long before = stored();
        String huge = "{\"answers\": {\"comments\": \"" + "x".repeat(70_000) + "\"}}";
        given().contentType(ContentType.JSON).body(huge)
                .when().post(RESPONSES, AiiaAnswers.SURVEY)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:submission-too-large"));
        assertEquals(before, stored());
    }

    @Test
    void keepsInjectionProbesInTheirPlace() {
        given().contentType(ContentType.JSON).body(AiiaAnswers.complete("it").body())
                .when().post(RESPONSES, "' OR 1=1 --")
                .then().statusCode(404);
        JsonNode problem = JSON.valueToTree(submit(AiiaAnswers.complete("it")
                .set("revenue", "'; SELECT pg_sleep(5)--").body())
                .statusCode(422).extract().as(Map.class));
        assertEquals("revenue", problem.at("/errors/0/question").asText());
    }
}
