package io.canvass.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.survey.QuestionnaireImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken definition is refused with the place inside it and what is wrong, in a researcher's words. */
class DefinitionParserTest {

    private static final String VALID = """
            id: tiny
            title: Tiny
            pages:
              - id: p1
                title: First
                questions:
                  - id: losses
                    type: single
                    text: Losses?
                    options:
                      - { code: "yes", label: "Yes" }
                      - { code: "no", label: "No" }
                  - id: size
                    type: single
                    text: How big?
                    condition: { question: losses, in: ["yes"] }
                    options:
                      - { code: small, label: Small }
            quotas:
              - { id: losses, question: losses, limits: { "yes": 10 } }
            """;

    private static List<DefinitionProblem> problemsOf(String yaml) {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> DefinitionParser.parse(yaml, DefinitionFormat.YAML, "tiny.yaml"));
        return e.problems();
    }

    private static void assertProblem(List<DefinitionProblem> problems, String pointer, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.pointer().equals(pointer) && p.message().contains(fragment)),
                "expected a problem at " + pointer + " mentioning '" + fragment + "' in " + problems);
    }

    @Test
    void acceptsAValidDefinitionAndFillsDefaults() {
        SurveyDefinition definition = DefinitionParser.parse(VALID, DefinitionFormat.YAML, "tiny.yaml");
        assertEquals(1, definition.version());
        assertEquals(5, definition.minGroupSize());
        assertEquals(Access.OPEN, definition.access());
        assertTrue(definition.question("size").orElseThrow().requiresAnswer());
    }

    @Test
    void refusesAnUnknownQuestionType() {
        assertProblem(problemsOf(VALID.replace("type: single\n        text: How big?", "type: dropdown\n        text: How big?")),
                "/pages/0/questions/1/type", "single");
    }

    @Test
    void refusesDuplicateQuestionIds() {
        assertProblem(problemsOf(VALID.replace("id: size", "id: losses").replace("question: losses, in", "question: losses, in")),
                "/pages/0/questions/1/id", "duplicate question id 'losses'");
    }

    @Test
    void refusesAConditionOnALaterQuestion() {
        String swapped = VALID.replace("condition: { question: losses, in: [\"yes\"] }", "")
                .replace("text: Losses?", "text: Losses?\n        condition: { question: size, in: [\"small\"] }");
        assertProblem(problemsOf(swapped), "/pages/0/questions/0/condition/question", "comes later");
    }

    @Test
    void refusesAConditionOnAnUnknownQuestionOrCode() {
        assertProblem(problemsOf(VALID.replace("question: losses, in", "question: ghost, in")),
                "/pages/0/questions/1/condition/question", "unknown question 'ghost'");
        assertProblem(problemsOf(VALID.replace("in: [\"yes\"]", "in: [\"maybe\"]")),
                "/pages/0/questions/1/condition/in/0", "'maybe' is not an answer code");
    }

    @Test
    void refusesAQuotaOnAnUnknownCodeOrQuestion() {
        assertProblem(problemsOf(VALID.replace("limits: { \"yes\": 10 }", "limits: { \"perhaps\": 10 }")),
                "/quotas/0/limits/perhaps", "unknown code 'perhaps'");
        assertProblem(problemsOf(VALID.replace("question: losses, limits", "question: nothing, limits")),
                "/quotas/0/question", "unknown question 'nothing'");
    }

    @Test
    void catchesTheYamlBooleanTrap() {
        // Unquoted yes/no are booleans in YAML 1.1: the schema insists codes are strings.
        assertProblem(problemsOf(VALID.replace("code: \"yes\"", "code: yes")), "/pages/0/questions/0/options/0/code",
                "string");
    }

    @Test
    void namesUnknownPropertiesAndSyntaxErrors() {
        assertProblem(problemsOf(VALID.replace("text: How big?", "text: How big?\n        colour: red")),
                "/pages/0/questions/1/colour", "unknown property 'colour'");
        List<DefinitionProblem> syntax = problemsOf("id: x\ntitle: [unclosed\n");
        assertTrue(syntax.get(0).message().contains("line"), syntax.toString());
    }

    @Test
    void refusesFieldsThatDoNotFitTheQuestionType() {
        assertProblem(problemsOf(VALID.replace("text: How big?", "text: How big?\n        min: 1\n        max: 5")),
                "/pages/0/questions/1/min", "scale");
    }

    @Test
    void theLoaderNamesTheBrokenFile(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("good.yaml"), VALID);
        Files.writeString(folder.resolve("broken.yaml"), VALID.replace("id: tiny", "id: other")
                .replace("question: losses, in", "question: ghost, in"));
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> QuestionnaireImporter.loadAll(List.of(folder)));
        assertTrue(e.getMessage().contains("broken.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("/pages/0/questions/1/condition/question"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown question 'ghost'"), e.getMessage());
    }

    @Test
    void theDefaultQuestionnaireFolderLoads() {
        List<QuestionnaireImporter.LoadedDefinition> loaded = QuestionnaireImporter.loadAll(List.of(Path.of("questionnaire")));
        assertEquals(List.of("aiia-genai-2023"), loaded.stream().map(l -> l.definition().id()).toList());
    }

    @Test
    void everyDefinitionThisReleaseAcceptsPassesTheStartUpCheckOfStoredVersionsUnchanged() {
        // The check of stored versions must never find fault with what this release itself stored.
        List<QuestionnaireImporter.LoadedDefinition> loaded = QuestionnaireImporter.loadAll(
                List.of(Path.of("questionnaire"), Path.of("src/test/resources/questionnaire")));
        assertTrue(loaded.size() > 10, "the shipped and test definitions: " + loaded.size());
        for (QuestionnaireImporter.LoadedDefinition definition : loaded) {
            String stored = DefinitionParser.toJson(definition.definition());
            assertEquals(definition.definition(), DefinitionParser.fromStoredJson(stored, definition.file().toString()),
                    definition.file().toString());
        }
    }

    @Test
    void aStoredVersionThatBreaksTodaysRulesIsRefusedWithItsProblemsAndANewerPropertyIsIgnored() {
        // As a release that checked scale ranges with int arithmetic stored it: -2e9..2e9 passed as a negative width.
        String hostile = """
                {"id":"old","version":1,"title":"Old","pages":[{"id":"p1","title":"P1","questions":[
                 {"id":"s","type":"scale","text":"Rate","min":-2000000000,"max":2000000000}]}]}""";
        InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
                () -> DefinitionParser.fromStoredJson(hostile, "old version 1"));
        List<String> pointers = refused.problems().stream().map(DefinitionProblem::pointer).toList();
        assertTrue(pointers.contains("/pages/0/questions/0/min") && pointers.contains("/pages/0/questions/0/max"), pointers.toString());
        // The unchecked read still works, for what the version says about itself.
        assertEquals("old", DefinitionParser.fromCanonicalJson(hostile).id());

        String withOldProperty = """
                {"id":"old","version":1,"title":"Old","retiredSetting":true,"pages":[{"id":"p1","title":"P1","questions":[
                 {"id":"s","type":"scale","text":"Rate","min":1,"max":5}]}]}""";
        assertEquals("old", DefinitionParser.fromStoredJson(withOldProperty, "old version 1").id());
        assertThrows(InvalidDefinitionException.class, () -> DefinitionParser.fromStoredJson("{not json", "broken"));
    }
}
