package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.ResponseStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Published states: taken every minimum-group-size completes, in change-log order, the same on every replica. */
class SurveyTallyTest {

    private static final int FLOOR = 5;

    private static SurveyDefinition survey(int minGroupSize) {
        return DefinitionParser.parse("""
                id: tally
                version: 1
                title: Tally
                minGroupSize: %d
                pages:
                  - id: p
                    title: P
                    questions:
                      - id: pick
                        type: single
                        text: Pick
                        options: [{ code: "x", label: "X" }, { code: "y", label: "Y" }]
                """.formatted(minGroupSize), DefinitionFormat.YAML, "tally.yaml");
    }

    private static ObjectNode pick(String code) {
        return JsonNodeFactory.instance.objectNode().put("pick", code);
    }

    /** One change of the log, as the index hands it to the tally. */
    private record Change(long id, ResponseStatus previous, ResponseStatus status, String code, int key) {

        void applyTo(SurveyTally tally, SurveyDefinition definition) {
            tally.record(id, definition, previous, status, status == ResponseStatus.COMPLETE ? pick(code) : null, key);
        }
    }

    private static Change complete(long id, String code, int key) {
        return new Change(id, null, ResponseStatus.COMPLETE, code, key);
    }

    @Test
    void publishesAStateAtEveryMultipleOfTheMinimumGroupSize() {
        SurveyTally tally = new SurveyTally(FLOOR);
        SurveyDefinition definition = survey(5);
        for (long id = 1; id <= 12; id++) {
            complete(id, "x", (int) id).applyTo(tally, definition);
            tally.publish(id);
            assertEquals(id / 5 * 5, tally.published().completes(), "after " + id + " completes");
        }
        assertEquals(12, tally.snapshot().completes(), "researchers see every complete");
        assertEquals(10, tally.published().status(ResponseStatus.COMPLETE));
        assertEquals(10, countOf(tally.published(), "x"));
    }

    @Test
    void aStateWaitsForAChangeThatCommitsLateAndHoldsOnlyWhatCameBeforeIt() {
        SurveyTally tally = new SurveyTally(FLOOR);
        SurveyDefinition definition = survey(5);
        for (long id = 1; id <= 4; id++) {
            complete(id, "x", 1).applyTo(tally, definition);
        }
        complete(6, "y", 1).applyTo(tally, definition);
        assertFalse(tally.publish(4), "change 5 may still commit: nothing beyond 4 is settled");
        assertEquals(0, tally.published().completes());

        complete(5, "x", 1).applyTo(tally, definition);
        assertTrue(tally.publish(6));
        SurveyTally.Snapshot state = tally.published();
        assertEquals(5, state.completes());
        assertEquals(5, countOf(state, "x"));
        assertEquals(0, countOf(state, "y"), "change 6 came after the state's fifth complete");
        assertEquals(5, CellCounting.count(state.allRows(), null).count(), "the row of change 6 is not in the state");
        assertEquals(6, tally.snapshot().completes());
    }

    @Test
    void theFunnelOfAStateHoldsEveryChangeUpToItsLastComplete() {
        SurveyTally tally = new SurveyTally(FLOOR);
        SurveyDefinition definition = survey(5);
        long id = 0;
        for (int i = 0; i < 4; i++) {
            complete(++id, "x", 0).applyTo(tally, definition);
        }
        new Change(++id, null, ResponseStatus.IN_PROGRESS, null, 0).applyTo(tally, definition);
        new Change(++id, null, ResponseStatus.SCREENED_OUT, null, 0).applyTo(tally, definition);
        new Change(++id, ResponseStatus.IN_PROGRESS, ResponseStatus.COMPLETE, "y", 0).applyTo(tally, definition);
        new Change(++id, null, ResponseStatus.SCREENED_OUT, null, 0).applyTo(tally, definition);
        tally.publish(id);
        SurveyTally.Snapshot state = tally.published();
        assertEquals(5, state.completes());
        assertEquals(1, state.status(ResponseStatus.SCREENED_OUT), "the second screen-out came after the state");
        assertEquals(0, state.status(ResponseStatus.IN_PROGRESS), "the respondent who started then completed");
        assertEquals(2, tally.snapshot().status(ResponseStatus.SCREENED_OUT));
    }

    @Test
    void statesStepByTheLargestMinimumGroupSizeMetSoFarAndNeverBelowTheFloor() {
        SurveyTally tally = new SurveyTally(FLOOR);
        SurveyDefinition small = survey(2);
        SurveyDefinition larger = survey(8);
        List<Long> states = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < 7; i++) {
            complete(++id, "x", 0).applyTo(tally, small);
            tally.publish(id);
            states.add(tally.published().completes());
        }
        for (int i = 0; i < 12; i++) {
            complete(++id, "x", 0).applyTo(tally, larger);
            tally.publish(id);
            states.add(tally.published().completes());
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 5L, 5L, 5L, 5L, 5L, 5L, 5L, 5L, 13L, 13L, 13L, 13L, 13L, 13L, 13L), states,
                "5 (the floor) from the start, then 5 + 8 once a version asking for 8 is in the log");
    }

    /**
     * Two replicas receive the same log in different orders (own commits first, others' from the
     * tail, a late commit filling a gap) and publish identical states: the same counts, and the
     * same records (the same cell keys), though their rows are numbered differently.
     */
    @Test
    void everyReplicaPublishesTheSameStates() {
        SurveyDefinition definition = survey(5);
        Random random = new Random(11);
        List<Change> log = new ArrayList<>();
        for (long id = 1; id <= 40; id++) {
            log.add(random.nextInt(4) == 0 ? new Change(id, null, ResponseStatus.SCREENED_OUT, null, 0)
                    : complete(id, random.nextBoolean() ? "x" : "y", random.nextInt(256)));
        }
        SurveyTally inOrder = new SurveyTally(FLOOR);
        SurveyTally shuffled = new SurveyTally(FLOOR);
        List<Change> arrivals = new ArrayList<>(log);
        Collections.shuffle(arrivals, random);
        TreeSet<Long> arrived = new TreeSet<>();
        for (int i = 0; i < log.size(); i++) {
            log.get(i).applyTo(inOrder, definition);
            inOrder.publish(log.get(i).id());
            Change next = arrivals.get(i);
            next.applyTo(shuffled, definition);
            arrived.add(next.id());
            shuffled.publish(settledThrough(arrived));
            assertSameState(inOrder.published(), shuffled.published(), i);
        }
    }

    private static long settledThrough(TreeSet<Long> arrived) {
        long through = 0;
        while (arrived.contains(through + 1)) {
            through++;
        }
        return through;
    }

    private static void assertSameState(SurveyTally.Snapshot a, SurveyTally.Snapshot b, int step) {
        if (a.completes() != b.completes()) {
            // The shuffled replica may lag (a gap), but never publish a different state of the same size.
            assertTrue(b.completes() < a.completes(), "step " + step);
            return;
        }
        assertEquals(a.statusCounts(), b.statusCounts(), "step " + step);
        for (String code : List.of("x", "y")) {
            assertEquals(countOf(a, code), countOf(b, code), "step " + step + " " + code);
            assertEquals(cellOf(a, code), cellOf(b, code), "step " + step + " " + code + ": the same records");
        }
    }

    private static long countOf(SurveyTally.Snapshot snapshot, String code) {
        SurveyTally.VariableView view = snapshot.variables().get("single:pick");
        return view == null || view.valueOf(code) < 0 ? 0 : view.counts()[view.valueOf(code)];
    }

    private static CellCount cellOf(SurveyTally.Snapshot snapshot, String code) {
        SurveyTally.VariableView view = snapshot.variables().get("single:pick");
        if (view == null || view.valueOf(code) < 0) {
            return CellCount.EMPTY;
        }
        return CellCounting.count(List.of(view.bitmaps().get(view.valueOf(code))), snapshot.allRows(),
                snapshot.recordKeys())[0];
    }

    @Test
    void aStatesMaskCoversExactlyItsRows() {
        SurveyTally.Snapshot snapshot = new SurveyTally.Snapshot(130, 127, 127, null, null, new int[] {3, 64, 129},
                new int[0], new RecordKeyPlanes(), null, null);
        long[] mask = snapshot.allRows();
        assertEquals(3, mask.length);
        assertEquals(127, Long.bitCount(mask[0]) + Long.bitCount(mask[1]) + Long.bitCount(mask[2]));
        assertArrayEquals(new long[] {~(1L << 3), ~1L, 1L}, mask);
    }

    /**
     * A filtered group is shown at the last state where it had grown by a minimum group since the state
     * it was last shown at: the overall states step by five, but a group that gains one member per state
     * moves only every fifth state, however the log was published, and never by one person.
     */
    @Test
    void aGroupStepsOnlyWhenItGainsAMinimumGroupOfMembers() {
        SurveyDefinition definition = survey(5);
        List<Change> log = new ArrayList<>();
        for (long id = 1; id <= 60; id++) {
            // One "y" in every five completes: the "y" group gains one member per state.
            log.add(complete(id, id % 5 == 0 ? "y" : "x", (int) id % 256));
        }
        List<Long> shownGroupSizes = new ArrayList<>();
        SurveyTally oneByOne = new SurveyTally(FLOOR);
        for (Change change : log) {
            change.applyTo(oneByOne, definition);
            oneByOne.publish(change.id());
            shownGroupSizes.add(groupOf(oneByOne.published(), "y"));
        }
        // States at 5, 10, …, 60 completes hold 1, 2, …, 12 "y"s; the group shows 0 until it has 5, then 5, then 10.
        assertEquals(0, shownGroupSizes.get(23), "4 members at the state of 20 completes: not yet a group");
        assertEquals(5, shownGroupSizes.get(24));
        assertEquals(5, shownGroupSizes.get(48), "9 members: still shown as it was with 5");
        assertEquals(10, shownGroupSizes.get(49));
        assertEquals(10, shownGroupSizes.get(59));
        long previous = 0;
        for (long size : shownGroupSizes) {
            assertTrue(size == previous || size >= previous + 5, "never a step of fewer than five: " + shownGroupSizes);
            previous = size;
        }

        // Another replica that published the same log in bigger batches shows the group at the same state.
        SurveyTally inBatches = new SurveyTally(FLOOR);
        log.forEach(change -> change.applyTo(inBatches, definition));
        inBatches.publish(33);
        inBatches.publish(60);
        assertEquals(10, groupOf(inBatches.published(), "y"));
        SurveyTally.Snapshot stepped = inBatches.published().steppedFor(mask(inBatches.published(), "y"), 5);
        assertEquals(50, stepped.completes(), "the group's numbers are those of the state of 50 completes");
        assertEquals(60, inBatches.published().completes());
    }

    private static long groupOf(SurveyTally.Snapshot reading, String code) {
        long[] stepped = reading.steppedFor(mask(reading, code), 5).allRows();
        long[] group = mask(reading, code);
        long members = 0;
        for (int word = 0; word < group.length; word++) {
            members += Long.bitCount(group[word] & (word < stepped.length ? stepped[word] : 0));
        }
        return members;
    }

    private static long[] mask(SurveyTally.Snapshot reading, String code) {
        SurveyTally.VariableView view = reading.variables().get("single:pick");
        long[] rows = reading.allRows();
        if (view == null || view.valueOf(code) < 0) {
            return new long[rows.length];
        }
        view.bitmaps().get(view.valueOf(code)).andInto(rows);
        return rows;
    }
}
