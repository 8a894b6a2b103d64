package io.canvass.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canvass.access.Tokens;
import io.canvass.response.ResponseRepository;
import io.canvass.response.SurveyResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SurveyLifecycleTest {

    @Inject
    ResponseRepository responses;

    private static String yaml(String id, String title, String extraOption) {
        return """
                # A researcher's draft, with a comment that the export keeps.
                id: %s
                title: "%s"
                pages:
                  - id: p1
                    title: About you
                    questions:
                      - id: seniority
                        type: single
                        text: Your seniority?
                        options:
                          - { code: "c_suite", label: "C-suite" }
                          - { code: "vp", label: "VP" }%s
                """.formatted(id, title, extraOption);
    }

    private static final io.restassured.config.RestAssuredConfig YAML_AS_TEXT = io.restassured.RestAssured.config()
            .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", ContentType.TEXT));

    /** Bodyless POSTs say JSON, as a JSON client's do (a form media type would ask for a CSRF token). */
    private static RequestSpecification researcher() {
        return given().config(YAML_AS_TEXT).auth().oauth2(Tokens.researcher()).contentType(ContentType.JSON);
    }

    private static String submit(String surveyId, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("seniority", code)))
                .when().post("/api/surveys/{id}/responses", surveyId)
                .then().statusCode(201).extract().path("id");
    }

    private int versionOf(String responseId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SurveyResponse response = responses.findById(responseId);
            return response.surveyVersion;
        });
    }

    @Test
    void draftPublishEditRepublishKeepsEachResponseOnItsVersion() {
        String id = "board-pulse-" + UUID.randomUUID().toString().substring(0, 8);
        String v1 = yaml(id, "Board pulse", "");

        researcher().contentType("application/yaml").body(v1).when().post("/api/surveys")
                .then().statusCode(201).body("version", equalTo(1)).body("state", equalTo("draft"));
        // A draft is invisible to respondents and takes no responses.
        given().when().get("/api/surveys/{id}", id).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("seniority", "vp")))
                .when().post("/api/surveys/{id}/responses", id).then().statusCode(409);
        researcher().contentType("application/yaml").body(v1).when().post("/api/surveys").then().statusCode(409);

        researcher().when().post("/api/surveys/{id}/publish", id)
                .then().statusCode(200).body("version", equalTo(1)).body("state", equalTo("published"))
                .body("current", equalTo(true));
        String onV1 = submit(id, "vp");

        // Editing a live survey makes version 2 a draft; respondents stay on version 1 meanwhile.
        String v2 = yaml(id, "Board pulse", "\n          - { code: \"director\", label: \"Director\" }");
        researcher().contentType("application/yaml").body(v2).when().put("/api/surveys/{id}/draft", id)
                .then().statusCode(200).body("version", equalTo(2)).body("state", equalTo("draft"));
        given().when().get("/api/surveys/{id}", id).then().statusCode(200).body("version", equalTo(1));
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("seniority", "director")))
                .when().post("/api/surveys/{id}/responses", id).then().statusCode(422);
        researcher().when().post("/api/surveys/{id}/publish", id).then().statusCode(200).body("version", equalTo(2));
        String onV2 = submit(id, "director");

        assertEquals(1, versionOf(onV1));
        assertEquals(2, versionOf(onV2));
        researcher().when().get("/api/surveys/{id}/versions", id)
                .then().statusCode(200)
                .body("version", equalTo(java.util.List.of(1, 2)))
                .body("state", equalTo(java.util.List.of("published", "published")))
                .body("current", equalTo(java.util.List.of(false, true)));
        String exported = researcher().when().get("/api/surveys/{id}/definition?version=1", id)
                .then().statusCode(200).contentType("application/yaml").extract().asString();
        assertEquals(v1, exported, "a version exports exactly as written, comments included");
        researcher().when().post("/api/surveys/{id}/publish", id).then().statusCode(409)
                .body("type", equalTo("urn:canvass:problem:nothing-to-publish"));
    }

    @Test
    void closingStopsResponsesAndReopeningResumesThem() {
        String id = "closing-" + UUID.randomUUID().toString().substring(0, 8);
        researcher().contentType("application/yaml").body(yaml(id, "Closing", "")).when().post("/api/surveys")
                .then().statusCode(201);
        researcher().when().post("/api/surveys/{id}/publish", id).then().statusCode(200);
        researcher().when().post("/api/surveys/{id}/close", id).then().statusCode(200).body("status", equalTo("closed"));
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of("seniority", "vp")))
                .when().post("/api/surveys/{id}/responses", id).then().statusCode(409);
        researcher().when().post("/api/surveys/{id}/close", id).then().statusCode(409);
        researcher().when().post("/api/surveys/{id}/reopen", id).then().statusCode(200).body("status", equalTo("open"));
        submit(id, "vp");

        researcher().when().get("/api/audit?surveyId={id}", id)
                .then().statusCode(200)
                .body("action", equalTo(java.util.List.of("survey.reopen", "survey.close", "survey.publish", "survey.create")))
                .body("actor", hasItem("rita.researcher@example.com"));
    }

    @Test
    void anInvalidDefinitionIsRefusedWithPointersAndNothingIsStored() {
        String id = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        String broken = yaml(id, "Broken", "").replace("type: single", "type: slider")
                + "quotas:\n  - { id: seniority, question: seniority, limits: { \"ceo\": 5 } }\n";
        researcher().contentType("application/yaml").body(broken).when().post("/api/surveys/{id}/validate", id)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:canvass:problem:invalid-definition"))
                .body("errors.pointer", hasItem("/pages/0/questions/0/type"));
        researcher().contentType("application/yaml").body(broken).when().post("/api/surveys")
                .then().statusCode(422);
        researcher().when().get("/api/surveys/{id}/versions", id).then().statusCode(404);

        String badQuota = yaml(id, "Broken", "") + "quotas:\n  - { id: seniority, question: seniority, limits: { \"ceo\": 5 } }\n";
        researcher().contentType("application/yaml").body(badQuota).when().post("/api/surveys/{id}/validate", id)
                .then().statusCode(422)
                .body("errors.find { it.pointer == '/quotas/0/limits/ceo' }.message", containsString("unknown code 'ceo'"));
        researcher().contentType("application/yaml").body("id: [unclosed").when().post("/api/surveys/{id}/validate", id)
                .then().statusCode(422).body("errors[0].message", containsString("line"));
        researcher().contentType(ContentType.JSON).body(yaml(id, "Valid", "").replace("#", "")).when()
                .post("/api/surveys/{id}/validate", id).then().statusCode(422);
        researcher().contentType("application/yaml").body(yaml(id, "Valid", "")).when()
                .post("/api/surveys/{id}/validate", id).then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void thePreviewEscapesWhatTheDefinitionSays() {
        String id = "preview-" + UUID.randomUUID().toString().substring(0, 8);
        researcher().contentType("application/yaml").body(yaml(id, "<script>alert(1)</script> & co", ""))
                .when().post("/api/surveys").then().statusCode(201);
        researcher().when().get("/api/surveys/{id}/preview", id)
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
                .body(not(containsString("<script>")))
                .body(containsString("Your seniority?"));
    }

    @Test
    void theDraftMustKeepTheSurveysId() {
        String id = "rename-" + UUID.randomUUID().toString().substring(0, 8);
        researcher().contentType("application/yaml").body(yaml(id, "Rename", "")).when().post("/api/surveys")
                .then().statusCode(201);
        researcher().contentType("application/yaml").body(yaml("someone-else", "Rename", ""))
                .when().put("/api/surveys/{id}/draft", id)
                .then().statusCode(422).body("errors[0].pointer", equalTo("/id"));
    }
}
