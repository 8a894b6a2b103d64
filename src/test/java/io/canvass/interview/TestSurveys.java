package io.canvass.interview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Definitions and answers for the engine's tests, built in the test rather than shared as fixtures. */
final class TestSurveys {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Every question type and rule on five pages: a screening page with a specify option and a
     * quota question; choices with an exclusive option, a screen-out option in a multiple choice,
     * a same-page condition and a scale; a matrix
     * with a row condition; a page only for one region; free text and personal data.
     */
    static final String RULES = """
            id: engine-rules
            title: Engine rules
            pages:
              - id: screening
                title: Who you are
                questions:
                  - id: size
                    type: single
                    text: How large is your organisation?
                    options:
                      - { code: "small", label: "Small", screenOut: true }
                      - { code: "large", label: "Large" }
                      - { code: "other", label: "Other", specify: true }
                  - id: region
                    type: single
                    text: Where are you based?
                    options:
                      - { code: "eu", label: "Europe" }
                      - { code: "us", label: "Americas" }
                      - { code: "asia", label: "Asia" }
              - id: choices
                title: What you use
                questions:
                  - id: tools
                    type: multiple
                    text: Which tools do you use?
                    options:
                      - { code: "chat", label: "Chat assistants" }
                      - { code: "code", label: "Code assistants" }
                      - { code: "other", label: "Other", specify: true }
                      - { code: "banned", label: "Banned by policy", screenOut: true }
                      - { code: "none", label: "None of these", exclusive: true }
                  - id: tools_reason
                    type: single
                    text: Why chat?
                    condition: { question: tools, in: ["chat"] }
                    options:
                      - { code: "speed", label: "Speed" }
                      - { code: "quality", label: "Quality" }
                  - id: rating
                    type: scale
                    text: How useful are they?
                    min: 1
                    max: 5
              - id: usage
                title: Where you use them
                questions:
                  - id: usage
                    type: matrix
                    text: How much in each area?
                    rows:
                      - { code: "sales", label: "Sales" }
                      - { code: "hr", label: "HR" }
                    columns:
                      - { code: "low", label: "Low" }
                      - { code: "high", label: "High" }
                  - id: sales_detail
                    type: text
                    text: What do you do in sales?
                    required: false
                    condition: { question: usage, row: sales, in: ["high"] }
              - id: americas
                title: In the Americas
                questions:
                  - id: us_state
                    type: single
                    text: Which part?
                    condition: { question: region, in: ["us"] }
                    options:
                      - { code: "east", label: "East" }
                      - { code: "west", label: "West" }
              - id: contact
                title: Anything else
                questions:
                  - id: comments
                    type: text
                    text: Comments?
                    required: false
                    maxLength: 10
                  - id: email
                    type: email
                    text: Your e-mail address for a copy of the report
                    required: false
                  - id: name
                    type: text
                    text: Your name
                    required: false
                    personalData: true
            quotas:
              - { id: region, question: region, limits: { "eu": 2, "us": 3 } }
            """;

    private TestSurveys() {
    }

    static SurveyDefinition rules() {
        return DefinitionParser.parse(RULES, DefinitionFormat.YAML, "engine-rules");
    }

    static SurveyDefinition aiia() {
        try {
            return DefinitionParser.parse(Files.readString(Path.of("questionnaire/aiia-genai-2023.yaml")),
                    DefinitionFormat.YAML, "aiia-genai-2023.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete, valid and eligible set of answers to {@link #RULES}, to change per test. */
    static ObjectNode validRules() {
        return json("""
                {"size": "large", "region": "eu", "tools": ["chat", "code"], "tools_reason": "speed", "rating": 4,
                 "usage": {"sales": "low", "hr": "high"}, "comments": "Fine.", "email": "cio@example.com"}
                """);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
