package io.canvass.questionnaire;

import java.util.List;
import java.util.stream.Collectors;

/** A definition that cannot be used, with every problem found in it. */
public class InvalidDefinitionException extends RuntimeException {

    private final String source;
    private final List<DefinitionProblem> problems;

    public InvalidDefinitionException(String source, List<DefinitionProblem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<DefinitionProblem> problems) {
        return "Survey definition " + source + " is invalid:" + problems.stream()
                .map(p -> "\n  " + source + " " + p)
                .collect(Collectors.joining());
    }
}
