package io.canvass.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SurveyResourceTest {

    @Test
    void listsTheDefaultSurveyAsOpen() {
        given().auth().oauth2(io.canvass.access.Tokens.analyst()).when().get("/api/surveys")
                .then().statusCode(200)
                .body("find { it.id == 'aiia-genai-2023' }.title", equalTo("Enterprise Generative AI Adoption 2023"))
                .body("find { it.id == 'aiia-genai-2023' }.version", equalTo(1))
                .body("find { it.id == 'aiia-genai-2023' }.status", equalTo("open"));
    }

    @Test
    void publishesTheDefinitionWithEverythingARespondentClientNeeds() {
        String q = "pages.questions.flatten()";
        given().when().get("/api/surveys/aiia-genai-2023")
                .then().statusCode(200)
                .body("id", equalTo("aiia-genai-2023"))
                .body("pages.id", contains("organization", "adoption", "governance", "value", "business", "closing"))
                .body(q + ".size()", equalTo(30))
                .body(q + ".find { it.id == 'revenue' }.type", equalTo("single"))
                .body(q + ".find { it.id == 'revenue' }.required", equalTo(true))
                // Which answers screen out is the screener's secret: the public view never says.
                .body(q + ".find { it.id == 'revenue' }.options[0].keySet()", contains("code", "label"))
                .body(q + ".find { it.id == 'revenue' }.options[0].label.en", equalTo("Less than $1 billion"))
                .body(q + ".find { it.id == 'revenue' }.options[0].label.ja", equalTo("10億ドル未満"))
                .body(q + ".find { it.id == 'revenue' }.options[1]", not(hasKey("screenOut")))
                .body(q + ".find { it.id == 'operationalization_impacts' }.options.find { it.code == 'none' }.exclusive",
                        equalTo(true))
                .body(q + ".find { it.id == 'genai_priority_2023' }.min", equalTo(1))
                .body(q + ".find { it.id == 'genai_priority_2023' }.max", equalTo(5))
                .body(q + ".find { it.id == 'ai_use_today' }.rows.code", hasItem("it_security"))
                .body(q + ".find { it.id == 'ai_use_today' }.columns.code",
                        contains("not_used", "limited", "widespread", "critical"))
                .body(q + ".find { it.id == 'governance_loss_size' }.condition.question", equalTo("governance_losses"))
                .body(q + ".find { it.id == 'governance_loss_size' }.condition.in", contains("yes"))
                .body(q + ".find { it.id == 'comments' }.required", equalTo(false))
                .body(q + ".find { it.id == 'comments' }.maxLength", equalTo(2000))
                .body(q + ".find { it.id == 'revenue' }.condition", nullValue());
    }

    @Test
    void answersUnknownSurveysWithAProblem() {
        given().when().get("/api/surveys/nope")
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Survey not found"))
                .body("status", equalTo(404));
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        given().when().get("/api/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/api/surveys")
                .then().statusCode(405).contentType("application/problem+json");
    }
}
