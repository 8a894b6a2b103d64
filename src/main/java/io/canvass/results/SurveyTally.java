package io.canvass.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.CompletionTimes;
import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.ResponseStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One survey's results: the fieldwork counts by status, and every complete response as one row of
 * a bitmap index. Each variable (a question, a matrix row, or one option of a multiple choice) has
 * a bitmap per value, so a filter is an AND of bitmaps and a count is a popcount: a million
 * completes cost a few milliseconds per result instead of a scan of every answer. The rows' record
 * keys are kept as bit planes beside them, for the cell keys of the cell-key method.
 *
 * <p>Values: 0 = not shown (never stored), 1 = shown but not answered, 2 + i = the i-th code the
 * variable has seen. Variables are keyed by question type, id and part, and only ever grow, so
 * responses to older versions of a definition stay valid when a new version adds questions or codes.
 *
 * <p>Two readings. Researchers read the live tally: every change as soon as it is applied. Analysts
 * read the last <em>published state</em>: state k holds every change of the log up to the one that
 * made the (k·m)-th complete, m being the survey's minimum group size, so two states an analyst can
 * see always differ by at least m respondents. Changes wait, in change-log order, until no change
 * with a smaller id can still arrive ({@link #publish}); then they are folded into the settled
 * counters, and the counters are frozen whenever a state is reached. Every replica folds the same
 * log in the same order, so every replica publishes the same states.
 *
 * <p>Quality: each row also has a yes/no variable per quality flag and one for "any flag"
 * ({@link #QUALITY_FLAGGED}), counted and filtered like any answer. A review's rejection takes a row
 * out: its values leave every counter (live at once, settled when the rejection settles) and readings
 * mask it out, but no bitmap changes, so a published state keeps showing it until a later state
 * leaves it out. An accepted rejection comes back as a new row. States step by rows entering (m of
 * them); a rejection counts towards none. The durations of the live completes are kept for the
 * speeder rule.
 */
final class SurveyTally {

    /** Value of a shown but unanswered variable. */
    static final int UNANSWERED = 1;
    /** Value of the first code; for a yes/no variable (answered, chosen) the value of yes. */
    static final int FIRST_CODE = 2;
    /** The one code of a yes/no variable. */
    private static final List<String> ANSWERED = List.of("answered");
    /** The variable of "any quality flag": yes/no, like one option of a multiple choice. */
    static final String QUALITY_FLAGGED = "quality:flagged";
    /** The variable of the language a complete was answered in: one value per language, like a single choice. */
    static final String LANGUAGE = "meta:language";
    /**
     * How far from where a binary search lands a row is looked for before every row is: rows are added in
     * change-log order but for late commits, which land a little out of place.
     */
    private static final int NEARBY_ROWS = 4096;
    private final Object writeLock = new Object();
    private final int minGroupSizeFloor;
    private final Map<String, Variable> variables = new HashMap<>();
    private final Map<Integer, Map<String, Question>> questionsByVersion = new HashMap<>();
    private final EnumMap<ResponseStatus, Long> statusCounts = zeroCounts();
    private final RecordKeyPlanes recordKeys = new RecordKeyPlanes();
    private volatile int size;
    private volatile long changes;
    /** The change-log id that added each row, to find the row a rejection takes out. */
    private final ChunkedLongs addedBy = new ChunkedLongs();
    /** Rows taken out by rejections, live (copied on write: readings hold the array they read). */
    private volatile int[] removedLive = new int[0];
    /**
     * Rejections that came before the complete they reverse (possible across replicas within a poll): the
     * complete's change id → the rejection's change id and the duration to take out.
     */
    private final Map<Long, AwaitedRemoval> removalsAwaitingRow = new HashMap<>();
    private final DurationDistribution durations = new DurationDistribution();

    /** Changes counted live but not settled yet, by change id. */
    private final TreeMap<Long, PendingChange> pending = new TreeMap<>();
    private final EnumMap<ResponseStatus, Long> settledStatus = zeroCounts();
    private long settledCompletes;
    /** Rows that entered the settled counters so far (new completes and accepted ones): what states step by. */
    private long settledEntries;
    /** Rows taken out of the settled counters so far. */
    private int[] removedSettled = new int[0];
    /** The minimum group size the states step by: the largest of any version met in the log so far. */
    private int stateStep;
    private long entriesAtLastState;
    /** States reached so far in the log, and for each its completes (entry k: state k). */
    private int statesReached;
    private final ChunkedInts completesOfState = new ChunkedInts();
    /** For each indexed row, the state it entered; rows settled since the last state wait for the next. */
    private final ChunkedInts stateOfRow = new ChunkedInts();
    private final List<Integer> rowsAwaitingState = new ArrayList<>();
    /** For each row a rejection took out, the first state without it; likewise waiting for the next state. */
    private final ChunkedInts stateOfRemoval = new ChunkedInts();
    private final List<Integer> removalsAwaitingState = new ArrayList<>();
    private volatile Snapshot published;

    SurveyTally(int minGroupSizeFloor) {
        this.minGroupSizeFloor = minGroupSizeFloor;
        this.stateStep = minGroupSizeFloor;
        this.published = new Snapshot(0, 0, 0, zeroCounts(), Map.of(), new int[0], new int[0], recordKeys, states(), null);
    }

    /** {@link #record(long, SurveyDefinition, ResponseStatus, ResponseStatus, ObjectNode, int, Set, Integer, Long, String)} without flags, duration or review, in the default language. */
    void record(long changeId, SurveyDefinition definition, ResponseStatus previous, ResponseStatus status,
            ObjectNode answers, int recordKey) {
        record(changeId, definition, previous, status, answers, recordKey, Set.of(), null, null, null);
    }

    /**
     * Counts a status change at once (a complete also becomes a row of the index) and queues it for
     * the published states; {@code changeId} is its id in the change log. A complete brings its quality
     * flags and duration (null when unknown); a rejection names the change that made the response
     * complete ({@code reverses}), whose row it takes out, and the response's duration. {@code language} is the
     * one the respondent answered in (null: the survey's default).
     */
    void record(long changeId, SurveyDefinition definition, ResponseStatus previous, ResponseStatus status,
            ObjectNode answers, int recordKey, Set<QualityFlag> flags, Integer durationSeconds, Long reverses,
            String language) {
        synchronized (writeLock) {
            // Work out the whole row before touching anything, so that a failure leaves the tally as it was.
            boolean complete = status == ResponseStatus.COMPLETE;
            List<Mark> row = complete ? row(definition, Answers.of(answers), flags,
                    definition.languageOr(language)) : List.of();
            int number = -1;
            int removed = -1;
            if (complete) {
                number = size;
                int rowNumber = number;
                row.forEach(mark -> mark.variable().set(rowNumber, mark.value()));
                recordKeys.set(number, recordKey);
                addedBy.set(number, changeId);
                size = number + 1;
                if (durationSeconds != null) {
                    durations.add(durationSeconds);
                }
            }
            boolean rejection = previous == ResponseStatus.COMPLETE && reverses != null;
            if (rejection) {
                removed = rowAddedBy(reverses);
                if (removed >= 0) {
                    removeLive(removed, durationSeconds);
                } else {
                    removalsAwaitingRow.put(reverses, new AwaitedRemoval(changeId, durationSeconds));
                }
            }
            if (previous != null) {
                statusCounts.merge(previous, -1L, Long::sum);
            }
            statusCounts.merge(status, 1L, Long::sum);
            changes++;
            pending.put(changeId, new PendingChange(previous, status, number, removed,
                    Math.max(minGroupSizeFloor, definition.minGroupSize())));
            if (complete) {
                AwaitedRemoval awaited = removalsAwaitingRow.remove(changeId);
                if (awaited != null) {
                    // The rejection of this complete came first: it takes the row out now, and settles with it.
                    removeLive(number, awaited.durationSeconds());
                    int rowNumber = number;
                    pending.computeIfPresent(awaited.changeId(), (id, change) -> change.removing(rowNumber));
                }
            }
        }
    }

    /** Takes a row out of the live counters and readings; its bitmaps stay as they are (states read them). */
    private void removeLive(int row, Integer durationSeconds) {
        for (Variable variable : variables.values()) {
            variable.unset(row);
        }
        removedLive = appended(removedLive, row);
        if (durationSeconds != null) {
            durations.remove(durationSeconds);
        }
    }

    /**
     * The row the change with this id added, or -1 when none did (yet). Rows come in change-log order but
     * for late commits: a binary search lands next to the row, a look around finds it, a full scan is the
     * last resort.
     */
    private int rowAddedBy(long changeId) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long added = addedBy.get(middle);
            if (added < changeId) {
                low = middle + 1;
            } else if (added > changeId) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        for (int distance = 0; distance <= NEARBY_ROWS; distance++) {
            if (low - distance >= 0 && low - distance < size && addedBy.get(low - distance) == changeId) {
                return low - distance;
            }
            if (low + distance < size && addedBy.get(low + distance) == changeId) {
                return low + distance;
            }
        }
        for (int row = 0; row < size; row++) {
            if (addedBy.get(row) == changeId) {
                return row;
            }
        }
        return -1;
    }

    private static int[] appended(int[] rows, int row) {
        int[] more = Arrays.copyOf(rows, rows.length + 1);
        more[rows.length] = row;
        return more;
    }

    /** How many of the live completes have a duration, and their median: what the speeder rule compares with. */
    CompletionTimes completionTimes() {
        synchronized (writeLock) {
            return durations.summary();
        }
    }

    /**
     * Settles every queued change with an id up to {@code settledThrough} (no change at or below it
     * can still arrive), in id order, and publishes the last state they reach. Returns whether a new
     * state was published.
     */
    boolean publish(long settledThrough) {
        synchronized (writeLock) {
            if (pending.isEmpty() || pending.firstKey() > settledThrough) {
                return false;
            }
            NavigableMap<Long, PendingChange> ready = pending.headMap(settledThrough, true);
            // Only the last state these changes reach is ever read: find it first, freeze only that one.
            long stateChange = lastStateChangeOf(ready);
            Snapshot state = null;
            List<Integer> rowsAfterState = new ArrayList<>();
            Iterator<Map.Entry<Long, PendingChange>> entries = ready.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<Long, PendingChange> entry = entries.next();
                PendingChange change = entry.getValue();
                settle(change);
                entries.remove();
                if (change.row() >= 0) {
                    enterState(change.row());
                }
                if (entry.getKey() == stateChange) {
                    state = frozenSettledCounts();
                } else if (state != null && change.row() >= 0) {
                    rowsAfterState.add(change.row());
                }
            }
            if (state == null) {
                return false;
            }
            // The state covers the index's rows below its size except those of later changes, settled or not.
            pending.values().stream().filter(change -> change.row() >= 0).forEach(change -> rowsAfterState.add(change.row()));
            published = state.covering(size, rowsAfterState.stream().mapToInt(Integer::intValue).toArray());
            return true;
        }
    }

    /**
     * A settled complete waits for the next state; the one that reaches it (as {@link #lastStateChangeOf}
     * counts) brings every waiting row in. Every state is numbered, also those no reader saw because a
     * later one followed in the same publication, so every replica numbers them alike.
     */
    private void enterState(int row) {
        rowsAwaitingState.add(row);
        if (settledEntries >= entriesAtLastState + stateStep) {
            entriesAtLastState = settledEntries;
            statesReached++;
            completesOfState.set(statesReached, (int) settledCompletes);
            for (int waiting : rowsAwaitingState) {
                stateOfRow.set(waiting, statesReached);
            }
            rowsAwaitingState.clear();
            for (int removed : removalsAwaitingState) {
                stateOfRemoval.set(removed, statesReached);
            }
            removalsAwaitingState.clear();
        }
    }

    private States states() {
        return new States(statesReached, stateOfRow, completesOfState, stateOfRemoval);
    }

    private long lastStateChangeOf(NavigableMap<Long, PendingChange> ready) {
        int step = stateStep;
        long entries = settledEntries;
        long lastState = entriesAtLastState;
        long stateChange = -1;
        for (Map.Entry<Long, PendingChange> entry : ready.entrySet()) {
            step = Math.max(step, entry.getValue().minGroupSize());
            if (entry.getValue().row() >= 0 && ++entries >= lastState + step) {
                lastState = entries;
                stateChange = entry.getKey();
            }
        }
        return stateChange;
    }

    private void settle(PendingChange change) {
        stateStep = Math.max(stateStep, change.minGroupSize());
        if (change.previous() != null) {
            settledStatus.merge(change.previous(), -1L, Long::sum);
        }
        settledStatus.merge(change.status(), 1L, Long::sum);
        if (change.row() >= 0) {
            settledCompletes++;
            settledEntries++;
            for (Variable variable : variables.values()) {
                variable.settle(change.row());
            }
        }
        if (change.removedRow() >= 0) {
            settledCompletes--;
            for (Variable variable : variables.values()) {
                variable.unsettle(change.removedRow());
            }
            removedSettled = appended(removedSettled, change.removedRow());
            removalsAwaitingState.add(change.removedRow());
        }
    }

    private Snapshot frozenSettledCounts() {
        Map<String, VariableView> views = new HashMap<>();
        variables.forEach((key, variable) -> views.put(key, variable.settledView()));
        return new Snapshot(0, settledCompletes, statesReached, new EnumMap<>(settledStatus), views, new int[0],
                removedSettled, recordKeys, states(), null);
    }

    /** The key of a quality flag's yes/no variable. */
    static String qualityKey(QualityFlag flag) {
        return "quality:" + flag.code();
    }

    private List<Mark> row(SurveyDefinition definition, Answers answers, Set<QualityFlag> flags, String language) {
        List<Mark> row = new ArrayList<>();
        row.add(variable(LANGUAGE, definition.respondentLanguages()).markOf(List.of(language)));
        row.add(variable(QUALITY_FLAGGED, ANSWERED).markOf(!flags.isEmpty()));
        for (QualityFlag flag : QualityFlag.values()) {
            row.add(variable(qualityKey(flag), ANSWERED).markOf(flags.contains(flag)));
        }
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

    /** The live tally (researchers): a consistent reading, taken under the write lock (a few hundred counters). */
    Snapshot snapshot() {
        synchronized (writeLock) {
            Map<String, VariableView> views = new HashMap<>();
            variables.forEach((key, variable) -> views.put(key, variable.liveView()));
            int[] removed = removedLive;
            return new Snapshot(size, size - removed.length, changes, new EnumMap<>(statusCounts), views, new int[0], removed,
                    recordKeys, null, null);
        }
    }

    /** The last published state (analysts): read without locking, it never changes once published. */
    Snapshot published() {
        return published;
    }

    /** How many changes were recorded so far: a cheap way for streams to see whether anything moved. */
    long changes() {
        return changes;
    }

    /** Indexed completes, published or not. */
    int size() {
        return size;
    }

    private static EnumMap<ResponseStatus, Long> zeroCounts() {
        EnumMap<ResponseStatus, Long> counts = new EnumMap<>(ResponseStatus.class);
        for (ResponseStatus status : ResponseStatus.values()) {
            counts.put(status, 0L);
        }
        return counts;
    }

    /**
     * A change applied live and waiting to be settled: the row it added to the index (or -1), the row it
     * took out (a rejection's; -1 for none, or while its row has not arrived) and its version's group size.
     */
    private record PendingChange(ResponseStatus previous, ResponseStatus status, int row, int removedRow,
            int minGroupSize) {

        PendingChange removing(int removed) {
            return new PendingChange(previous, status, row, removed, minGroupSize);
        }
    }

    /** A rejection waiting for the row it takes out: its change id, and the duration to take out with it. */
    private record AwaitedRemoval(long changeId, Integer durationSeconds) {
    }

    /**
     * One variable of the index: its codes in the order first seen, a bitmap and two counts per
     * value (live, and settled: of the rows already in the published states).
     */
    private static final class Variable {
        private final List<String> codes = new ArrayList<>();
        private final Map<String, Integer> valueOfCode = new HashMap<>();
        private final List<RowBitmap> bitmaps = new ArrayList<>(List.of(new RowBitmap(), new RowBitmap()));
        private long[] counts = new long[2];
        private long[] settled = new long[2];
        /** Read-only copies for readers, made again only when a code is learnt (rare). */
        private Map<String, Integer> codesForReaders = Map.of();
        private List<RowBitmap> bitmapsForReaders = List.copyOf(bitmaps);

        void learn(List<String> newCodes) {
            boolean learnt = false;
            for (String code : newCodes) {
                if (!valueOfCode.containsKey(code)) {
                    valueOfCode.put(code, FIRST_CODE + codes.size());
                    codes.add(code);
                    bitmaps.add(new RowBitmap());
                    learnt = true;
                }
            }
            if (learnt) {
                counts = Arrays.copyOf(counts, bitmaps.size());
                settled = Arrays.copyOf(settled, bitmaps.size());
                codesForReaders = Map.copyOf(valueOfCode);
                bitmapsForReaders = List.copyOf(bitmaps);
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
            counts[value]++;
        }

        /** Adds an indexed row's value to the settled counts (none when the row was not shown the variable). */
        void settle(int row) {
            int value = valueOfRow(row);
            if (value >= 0) {
                settled[value]++;
            }
        }

        /** Takes a rejected row's value out of the live counts. */
        void unset(int row) {
            int value = valueOfRow(row);
            if (value >= 0) {
                counts[value]--;
            }
        }

        /** Takes a rejected row's value out of the settled counts, as its rejection settles. */
        void unsettle(int row) {
            int value = valueOfRow(row);
            if (value >= 0) {
                settled[value]--;
            }
        }

        private int valueOfRow(int row) {
            for (int value = UNANSWERED; value < bitmaps.size(); value++) {
                if (bitmaps.get(value).get(row)) {
                    return value;
                }
            }
            return -1;
        }

        VariableView liveView() {
            return new VariableView(codesForReaders, bitmapsForReaders, counts.clone());
        }

        VariableView settledView() {
            return new VariableView(codesForReaders, bitmapsForReaders, settled.clone());
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

    /**
     * The published states a reading can step back through: the number of the last, the state each row
     * entered, the completes of each state, and the first state without each rejected row.
     */
    record States(int last, ChunkedInts ofRow, ChunkedInts completes, ChunkedInts ofRemoval) {
    }

    /**
     * The tally as one reader sees it: the index's rows below {@code size} except {@code excludedRows}
     * (rows of changes a published state does not cover) and {@code removedRows} (rows rejections took out
     * by then), the counters that go with them, and the record keys. {@code version} moves whenever the
     * numbers may have: the change count for the live tally, the state's number for a published one. A
     * published state also has its {@code states}; a reading stepped back to an earlier one
     * ({@link #steppedFor}) has its {@code rows} worked out.
     */
    record Snapshot(int size, long completes, long version, EnumMap<ResponseStatus, Long> statusCounts,
            Map<String, VariableView> variables, int[] excludedRows, int[] removedRows, RecordKeyPlanes recordKeys,
            States states, long[] rows) {

        long status(ResponseStatus status) {
            return statusCounts.getOrDefault(status, 0L);
        }

        /**
         * The reading a group's numbers are shown at: the last state at which the group had changed by at
         * least {@code step} members since the previous such state (members joining, and members a
         * rejection took out), or a later one where it still has just those members. Two readings of one
         * group an analyst can see then differ by {@code step} of its members or more, never by one:
         * watching a filtered dashboard while a known person submits (or is rejected) tells nothing of that
         * person. {@code group} is the group among {@link #everRows}: rows rejected since are in it, so
         * that an earlier state shows the group as it was then. Worked out from the states alone, so every
         * replica steps alike. The live reading (no states) is returned as it is.
         */
        Snapshot steppedFor(long[] group, int step) {
            if (states == null || states.last() == 0) {
                return this;
            }
            int last = states.last();
            long[] removed = maskOf(removedRows, group.length);
            long[] changed = new long[last + 1];
            for (int word = 0; word < group.length; word++) {
                long bits = group[word];
                while (bits != 0) {
                    long lowest = bits & -bits;
                    int row = (word << 6) + Long.numberOfTrailingZeros(bits);
                    int joined = states.ofRow().get(row);
                    if ((removed[word] & lowest) == 0) {
                        changed[joined]++;
                    } else {
                        int left = states.ofRemoval().get(row);
                        // In and out within one state: no state ever showed the member.
                        if (left != joined) {
                            changed[joined]++;
                            changed[left]++;
                        }
                    }
                    bits &= bits - 1;
                }
            }
            long changes = 0;
            long changesShown = 0;
            int shown = 0;
            for (int state = 1; state <= last; state++) {
                changes += changed[state];
                if (changes >= changesShown + step) {
                    changesShown = changes;
                }
                // Of the states where the group has the members shown, the latest: the same rows in the newest context.
                if (changes == changesShown) {
                    shown = state;
                }
            }
            if (shown == last) {
                return this;
            }
            long[] rows = everRows();
            for (int word = 0; word < rows.length; word++) {
                long bits = rows[word];
                while (bits != 0) {
                    long lowest = bits & -bits;
                    int row = (word << 6) + Long.numberOfTrailingZeros(bits);
                    boolean leftByThen = word < removed.length && (removed[word] & lowest) != 0
                            && states.ofRemoval().get(row) <= shown;
                    if (states.ofRow().get(row) > shown || leftByThen) {
                        rows[word] &= ~lowest;
                    }
                    bits &= bits - 1;
                }
            }
            long completesThen = shown == 0 ? 0 : states.completes().get(shown);
            return new Snapshot(size, completesThen, version, statusCounts, variables, excludedRows, removedRows, recordKeys,
                    new States(shown, states.ofRow(), states.completes(), states.ofRemoval()), rows);
        }

        /** A fresh mask of every row this reading covers, to change at will. */
        long[] allRows() {
            if (rows != null) {
                return rows.clone();
            }
            long[] mask = everRows();
            for (int row : removedRows) {
                if (row >>> 6 < mask.length) {
                    mask[row >>> 6] &= ~(1L << (row & 63));
                }
            }
            return mask;
        }

        /**
         * A fresh mask of the rows this reading covers and of those rejections took out of it: the rows a
         * group's history is made of.
         */
        long[] everRows() {
            if (rows != null) {
                return rows.clone();
            }
            long[] mask = new long[(size + 63) >>> 6];
            Arrays.fill(mask, -1L);
            if ((size & 63) != 0) {
                mask[mask.length - 1] = (1L << (size & 63)) - 1;
            }
            for (int row : excludedRows) {
                mask[row >>> 6] &= ~(1L << (row & 63));
            }
            return mask;
        }

        private static long[] maskOf(int[] rows, int words) {
            long[] mask = new long[words];
            for (int row : rows) {
                if (row >>> 6 < words) {
                    mask[row >>> 6] |= 1L << (row & 63);
                }
            }
            return mask;
        }

        /** Frozen counters over the index's rows below {@code rows}, but for {@code excluded}. */
        Snapshot covering(int rows, int[] excluded) {
            return new Snapshot(rows, completes, version, statusCounts, variables, excluded, removedRows, recordKeys, states,
                    null);
        }
    }
}
