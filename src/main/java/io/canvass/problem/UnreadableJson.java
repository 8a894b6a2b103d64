package io.canvass.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.Map;

/**
 * What was wrong with a JSON body, in a client's words: the field (and its JSON pointer) whose value has the
 * wrong type, or the line and column where the text stops being JSON. Never Jackson's message, which names
 * Java classes and library settings.
 */
public record UnreadableJson(String field, String pointer, String detail) {

    /** The plain-words description of why {@code failure}'s body could not be read. */
    public static String describe(JsonProcessingException failure) {
        return of(failure).detail();
    }

    static UnreadableJson of(JsonProcessingException failure) {
        if (failure instanceof StreamConstraintsException) {
            return new UnreadableJson(null, null, "The body is nested too deeply or has a value that is too long.");
        }
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder pointer = new StringBuilder();
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                String part = reference.getFieldName() != null ? reference.getFieldName() : Integer.toString(reference.getIndex());
                pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
                field.append(field.length() == 0 ? "" : ".").append(part);
            }
            String detail = failure instanceof UnrecognizedPropertyException
                    ? "'" + field + "' is not a field of this request."
                    : "'" + field + "' should be " + expected(failure) + ".";
            return new UnreadableJson(field.toString(), pointer.toString(), detail);
        }
        JsonLocation location = failure.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new UnreadableJson(null, null, "The body is not valid JSON" + where + ".");
    }

    private static String expected(JsonProcessingException failure) {
        Class<?> type = failure instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return "a value of another kind";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another kind";
    }
}
