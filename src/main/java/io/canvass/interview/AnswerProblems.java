package io.canvass.interview;

import static io.canvass.interview.ViolationCode.DUPLICATE_CODE;
import static io.canvass.interview.ViolationCode.EXCLUSIVE_VIOLATION;
import static io.canvass.interview.ViolationCode.INVALID_EMAIL;
import static io.canvass.interview.ViolationCode.NOT_SHOWN;
import static io.canvass.interview.ViolationCode.OPTION_NOT_CHOSEN;
import static io.canvass.interview.ViolationCode.OUT_OF_RANGE;
import static io.canvass.interview.ViolationCode.REQUIRED;
import static io.canvass.interview.ViolationCode.TOO_LONG;
import static io.canvass.interview.ViolationCode.UNKNOWN_CODE;
import static io.canvass.interview.ViolationCode.UNKNOWN_QUESTION;
import static io.canvass.interview.ViolationCode.UNKNOWN_ROW;
import static io.canvass.interview.ViolationCode.WRONG_TYPE;

import io.canvass.problem.Violation;
import io.canvass.questionnaire.Question;
import java.util.ArrayList;
import java.util.List;

/**
 * The violations the answer rules report, with their JSON pointers into the request body and
 * their messages. Only the error path comes here, so a valid submission builds no strings.
 */
final class AnswerProblems {

    /** Keys and codes echoed back are cut to this many characters: an answer is not a place to store text. */
    private static final int ECHO_LIMIT = 40;

    private List<Violation> found;

    boolean isEmpty() {
        return found == null;
    }

    int size() {
        return found == null ? 0 : found.size();
    }

    List<Violation> list() {
        return found == null ? List.of() : found;
    }

    private void add(String field, String question, String pointer, ViolationCode code, String message) {
        if (found == null) {
            found = new ArrayList<>();
        }
        found.add(new Violation(field, question, pointer, code.code(), message));
    }

    private void addForQuestion(String id, String pointer, ViolationCode code, String message) {
        add(id, id, pointer, code, message);
    }

    void unknownQuestion(String key) {
        addForQuestion(key, pointer(key), UNKNOWN_QUESTION, "'" + echo(key) + "' is not a question of this survey.");
    }

    void wrongType(Question q, String expected) {
        addForQuestion(q.id(), pointer(q.id()), WRONG_TYPE,
                "'" + q.id() + "' is a " + q.type().code() + " question and takes " + expected + ".");
    }

    void unknownOption(Question q, String code) {
        addForQuestion(q.id(), pointer(q.id()), UNKNOWN_CODE, unknownOptionMessage(q, code));
    }

    void outOfRange(Question q) {
        addForQuestion(q.id(), pointer(q.id()), OUT_OF_RANGE,
                "'" + q.id() + "' takes a whole number from " + q.min() + " to " + q.max() + ".");
    }

    void tooLong(Question q) {
        addForQuestion(q.id(), pointer(q.id()), TOO_LONG, "'" + q.id() + "' may be at most " + q.maxLength() + " characters.");
    }

    void tooLongToStore(Question q) {
        addForQuestion(q.id(), pointer(q.id()), TOO_LONG, "'" + q.id() + "' is too long to store: at most "
                + Question.PERSONAL_DATA_MAX_UTF16 + " characters (characters such as emoji count twice).");
    }

    void invalidEmail(Question q) {
        addForQuestion(q.id(), pointer(q.id()), INVALID_EMAIL,
                "'" + q.id() + "' must be an e-mail address such as name@example.com.");
    }

    void itemWrongType(Question q, int item) {
        addForQuestion(q.id(), itemPointer(q, item), WRONG_TYPE,
                "Every answer to '" + q.id() + "' must be an option code (a string).");
    }

    void itemUnknownOption(Question q, int item, String code) {
        addForQuestion(q.id(), itemPointer(q, item), UNKNOWN_CODE, unknownOptionMessage(q, code));
    }

    void itemDuplicate(Question q, int item, String code) {
        addForQuestion(q.id(), itemPointer(q, item), DUPLICATE_CODE,
                "'" + code + "' is given more than once for '" + q.id() + "'.");
    }

    void exclusiveCombined(Question q, String exclusiveLabel) {
        addForQuestion(q.id(), pointer(q.id()), EXCLUSIVE_VIOLATION,
                "'" + exclusiveLabel + "' cannot be combined with another answer to '" + q.id() + "'.");
    }

    void unknownRow(Question q, String row) {
        add(q.id() + "." + row, q.id(), cellPointer(q, row), UNKNOWN_ROW,
                "'" + echo(row) + "' is not a row of '" + q.id() + "'.");
    }

    void cellWrongType(Question q, String row) {
        add(q.id() + "." + row, q.id(), cellPointer(q, row), WRONG_TYPE,
                "Each row of '" + q.id() + "' takes a column code (a string).");
    }

    void cellUnknownColumn(Question q, String row, String column) {
        add(q.id() + "." + row, q.id(), cellPointer(q, row), UNKNOWN_CODE,
                "'" + echo(column) + "' is not a column of '" + q.id() + "'.");
    }

    void rowRequired(Question q, String row, String rowLabel) {
        add(q.id() + "." + row, q.id(), cellPointer(q, row), REQUIRED,
                "Row '" + rowLabel + "' of '" + q.id() + "' must be answered.");
    }

    void required(Question q) {
        addForQuestion(q.id(), pointer(q.id()), REQUIRED, "'" + q.id() + "' must be answered.");
    }

    void notShown(Question q) {
        addForQuestion(q.id(), pointer(q.id()), NOT_SHOWN,
                "'" + q.id() + "' is not asked with these answers, so it must not be answered.");
    }

    void specifyWrongType(String key, String questionId) {
        add(key, questionId, pointer(key), WRONG_TYPE, "'" + key + "' takes the text of the option (a string).");
    }

    void specifyTooLong(String key, String questionId) {
        add(key, questionId, pointer(key), TOO_LONG,
                "'" + key + "' may be at most " + Question.SPECIFY_TEXT_MAX_LENGTH + " characters.");
    }

    void specifyWithoutOption(String key, String questionId, String code) {
        add(key, questionId, pointer(key), OPTION_NOT_CHOSEN,
                "'" + key + "' is only answered together with option '" + code + "' of '" + questionId + "'.");
    }

    private static String unknownOptionMessage(Question q, String code) {
        return "'" + echo(code) + "' is not an option of '" + q.id() + "'.";
    }

    private static String itemPointer(Question q, int item) {
        return pointer(q.id()) + "/" + item;
    }

    private static String cellPointer(Question q, String row) {
        return pointer(q.id()) + "/" + escape(row);
    }

    /** A JSON pointer (RFC 6901) to an answer in the request body. */
    static String pointer(String key) {
        return "/answers/" + escape(key);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String echo(String value) {
        return value.length() <= ECHO_LIMIT ? value : value.substring(0, ECHO_LIMIT) + "…";
    }
}
