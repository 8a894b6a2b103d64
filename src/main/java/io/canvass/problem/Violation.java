package io.canvass.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a request: the field it concerns (a question id for answers), a JSON
 * pointer into the request body, a stable machine-readable code and a message for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String field, String question, String pointer, String code, String message) {

    public static Violation ofField(String field, String pointer, String code, String message) {
        return new Violation(field, null, pointer, code, message);
    }

    public static Violation ofQuestion(String questionId, String pointer, String code, String message) {
        return new Violation(questionId, questionId, pointer, code, message);
    }
}
