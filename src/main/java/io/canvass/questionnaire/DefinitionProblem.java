package io.canvass.questionnaire;

/** One thing wrong with a definition: where (a JSON pointer into it) and what, in a researcher's words. */
public record DefinitionProblem(String pointer, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
