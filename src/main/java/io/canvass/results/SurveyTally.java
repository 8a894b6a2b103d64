package io.canvass.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.ResponseStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One survey's live results: the fieldwork counts by status, and every complete response as one
 * row of a bitmap index. Each variable (a question, a matrix row, or one option of a multiple
 * choice) has a bitmap per value, so a filter is an AND of bitmaps and a count is a popcount:
 * a million completes cost a few milliseconds per result instead of a scan of every answer.
 *
 * <p>Values: 0 = not shown (never stored), 1 = shown but not answered, 2 + i = the i-th code the
 * variable has seen. Variables are keyed by question type, id and part, and only ever grow, so
 * responses to older versions of a definition stay valid when a new version adds questions or codes.
 */
final class SurveyTally {

    /** Value of a shown but unanswered variable. */
    static final int UNANSWERED = 1;
    /** Value of the first code; for a yes/no variable (answered, chosen) the value of yes. */
    static final int FIRST_CODE = 2;
    /** The one code of a yes/no variable. */
    private static final List<String> ANSWERED = List.of("answered");

    private final Object writeLock = new Object();
    private final Map<String, Variable> variables = new HashMap<>();
    private final Map<Integer, Map<String, Question>> questionsByVersion = new HashMap<>();
    private final EnumMap<ResponseStatus, Long> statusCounts = new EnumMap<>(ResponseStatus.class);
    private volatile int size;
    private volatile long changes;

    SurveyTally() {
        for (ResponseStatus status : ResponseStatus.values()) {
            statusCounts.put(status, 0L);
        }
    }

    /** Adds stored responses that are not in the index (the start-up build counts them in one query). */
    void add(ResponseStatus status, long count) {
        synchronized (writeLock) {
            statusCounts.merge(status, count, Long::sum);
            changes++;
        }
    }

    /** Counts a status change; a complete also becomes a row of the index. */
    void record(SurveyDefinition definition, ResponseStatus previous, ResponseStatus status, ObjectNode answers) {
        synchronized (writeLock) {
            // Work out the whole row before touching anything, so that a failure leaves the tally as it was.
            List<Mark> row = status == ResponseStatus.COMPLETE ? row(definition, Answers.of(answers)) : List.of();
            if (status == ResponseStatus.COMPLETE) {
                int number = size;
                row.forEach(mark -> mark.variable().set(number, mark.value()));
                size = number + 1;
            }
            if (previous != null) {
                statusCounts.merge(previous, -1L, Long::sum);
            }
            statusCounts.merge(status, 1L, Long::sum);
            changes++;
        }
    }

    private List<Mark> row(SurveyDefinition definition, Answers answers) {
        List<Mark> row = new ArrayList<>();
        // Published versions never change: their question map is worked out once, not per response.
        Map<String, Question> byId = questionsByVersion.computeIfAbsent(definition.version(), v -> definition.questionsById());
        for (Question question : definition.questions()) {
            if (!SkipLogic.isShown(question, answers, byId)) {
                continue;
            }
            switch (question.type()) {
                case SINGLE, SCALE -> row.add(variable(key(question, null), question.answerCodes())
                        .markOf(answers.codes(question)));
                case MATRIX -> {
                    for (Option matrixRow : question.rows()) {
                        row.add(variable(key(question, matrixRow.code()), question.answerCodes())
                                .markOf(answers.codes(question, matrixRow.code())));
                    }
                }
                case MULTIPLE -> {
                    List<String> chosen = answers.codes(question);
                    row.add(variable(key(question, null), ANSWERED).markOf(!chosen.isEmpty()));
                    for (Option option : question.options()) {
                        row.add(variable(key(question, option.code()), ANSWERED).markOf(chosen.contains(option.code())));
                    }
                }
                case TEXT -> row.add(variable(key(question, null), ANSWERED).markOf(
                        answers.has(question.id()) && !answers.raw(question.id()).asText().isBlank()));
                // Personal data is kept apart from the answers: only that it was asked is known here.
                case EMAIL -> row.add(variable(key(question, null), ANSWERED).markOf(false));
            }
        }
        return row;
    }

    /**
     * The key of a question's variable, or of one part of it: a matrix row, or one option of a
     * multiple choice (whose values are then 1 = not chosen, 2 = chosen).
     */
    static String key(Question question, String part) {
        String base = question.type().code() + ":" + question.id();
        return part == null ? base : base + "." + part;
    }

    private Variable variable(String key, List<String> codes) {
        Variable variable = variables.get(key);
        if (variable == null) {
            variable = new Variable();
            variables.put(key, variable);
        }
        variable.learn(codes);
        return variable;
    }

    /** A consistent reading of the tally, taken under the write lock (a few hundred counters). */
    Snapshot snapshot() {
        synchronized (writeLock) {
            Map<String, VariableView> views = new HashMap<>();
            variables.forEach((key, variable) -> views.put(key, variable.view()));
            return new Snapshot(size, changes, new EnumMap<>(statusCounts), views);
        }
    }

    /** How many changes were recorded so far: a cheap way for streams to see whether anything moved. */
    long changes() {
        return changes;
    }

    /** One variable of the index: its codes in the order first seen, a bitmap and a count per value. */
    private static final class Variable {
        private final List<String> codes = new ArrayList<>();
        private final Map<String, Integer> valueOfCode = new HashMap<>();
        private final List<RowBitmap> bitmaps = new ArrayList<>(List.of(new RowBitmap(), new RowBitmap()));
        private final List<Long> counts = new ArrayList<>(List.of(0L, 0L));

        void learn(List<String> newCodes) {
            for (String code : newCodes) {
                if (!valueOfCode.containsKey(code)) {
                    valueOfCode.put(code, FIRST_CODE + codes.size());
                    codes.add(code);
                    bitmaps.add(new RowBitmap());
                    counts.add(0L);
                }
            }
        }

        Mark markOf(List<String> answerCodes) {
            if (answerCodes.isEmpty()) {
                return new Mark(this, UNANSWERED);
            }
            learn(answerCodes);
            return new Mark(this, valueOfCode.get(answerCodes.get(0)));
        }

        Mark markOf(boolean yes) {
            return new Mark(this, yes ? FIRST_CODE : UNANSWERED);
        }

        void set(int row, int value) {
            bitmaps.get(value).set(row);
            counts.set(value, counts.get(value) + 1);
        }

        VariableView view() {
            long[] countCopy = new long[counts.size()];
            for (int i = 0; i < countCopy.length; i++) {
                countCopy[i] = counts.get(i);
            }
            return new VariableView(Map.copyOf(valueOfCode), List.copyOf(bitmaps), countCopy);
        }
    }

    /** One variable's value in a row being indexed. */
    private record Mark(Variable variable, int value) {
    }

    /** A variable as a reader sees it: the value of each code, the bitmaps and counts by value. */
    record VariableView(Map<String, Integer> valueOfCode, List<RowBitmap> bitmaps, long[] counts) {

        /** Value index of a code, or -1 when no response ever had it. */
        int valueOf(String code) {
            Integer value = valueOfCode.get(code);
            return value == null ? -1 : value;
        }
    }

    /** The tally at one moment: rows below {@code size} and the counters that go with them. */
    record Snapshot(int size, long changes, EnumMap<ResponseStatus, Long> statusCounts,
            Map<String, VariableView> variables, long[] rows) {

        Snapshot(int size, long changes, EnumMap<ResponseStatus, Long> statusCounts, Map<String, VariableView> variables) {
            this(size, changes, statusCounts, variables, rowMask(size));
        }

        long status(ResponseStatus status) {
            return statusCounts.getOrDefault(status, 0L);
        }

        /** A mask of every row this snapshot covers, to change at will. */
        long[] allRows() {
            return rows.clone();
        }

        private static long[] rowMask(int size) {
            long[] mask = new long[(size + 63) >>> 6];
            java.util.Arrays.fill(mask, -1L);
            if ((size & 63) != 0) {
                mask[mask.length - 1] = (1L << (size & 63)) - 1;
            }
            return mask;
        }
    }
}
