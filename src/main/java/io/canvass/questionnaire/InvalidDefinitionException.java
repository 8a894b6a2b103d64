package io.canvass.questionnaire;

import io.canvass.problem.ProblemType;
import io.canvass.problem.RequestProblem;
import io.canvass.problem.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A definition that cannot be used, with every problem found in it: a 422 with one violation per
 * problem over HTTP, and a message naming the file and each place at start-up.
 */
public class InvalidDefinitionException extends RequestProblem {

    private final String source;
    private final List<DefinitionProblem> problems;

    public InvalidDefinitionException(String source, List<DefinitionProblem> problems) {
        super(ProblemType.INVALID_DEFINITION, describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }

    @Override
    public String detail() {
        return problems.size() + " problem(s) in the definition";
    }

    @Override
    public List<Violation> violations() {
        return problems.stream()
                .map(p -> Violation.ofField(p.pointer().isEmpty() ? "/" : p.pointer(), p.pointer(), "invalid_definition",
                        p.message()))
                .toList();
    }

    private static String describe(String source, List<DefinitionProblem> problems) {
        return "Survey definition " + source + " is invalid:" + problems.stream()
                .map(p -> "\n  " + source + " " + p)
                .collect(Collectors.joining());
    }
}
