package io.canvass.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.ResponseStatus;
import io.canvass.testing.RandomTrials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Reviews in the tally, without a container: a rejection takes a complete's row out of every count and
 * reading (live at once, for analysts from the next state), an acceptance brings it back as a new row,
 * quality flags are counted like answers, and the durations of the completes follow. Every replica ends
 * with the same numbers whatever order the log reaches it in, a rejection before its complete included.
 */
class TallyRejectionsTest {

    private static final int FLOOR = 5;
    private static final SurveyDefinition SURVEY = DefinitionParser.parse("""
            id: tally-reviews
            version: 1
            title: Tally reviews
            pages:
              - id: p
                title: P
                questions:
                  - id: pick
                    type: single
                    text: Pick
                    options: [{ code: "x", label: "X" }, { code: "y", label: "Y" }]
            """, DefinitionFormat.YAML, "tally-reviews.yaml");

    /** One change of the log: a complete (with its code, flags and duration), a rejection or an acceptance. */
    private record Change(long id, ResponseStatus previous, ResponseStatus status, String code, int key,
            Set<QualityFlag> flags, Integer duration, Long reverses) {

        void applyTo(SurveyTally tally) {
            tally.record(id, SURVEY, previous, status, status == ResponseStatus.COMPLETE ? pick(code) : null, key, flags,
                    duration, reverses, null);
        }
    }

    private static ObjectNode pick(String code) {
        return JsonNodeFactory.instance.objectNode().put("pick", code);
    }

    private static Change complete(long id, String code, Set<QualityFlag> flags, Integer duration) {
        return new Change(id, null, ResponseStatus.COMPLETE, code, (int) (id * 37 % 256), flags, duration, null);
    }

    private static Change reject(long id, Change completed) {
        return new Change(id, ResponseStatus.COMPLETE, ResponseStatus.REJECTED, null, completed.key(), Set.of(),
                completed.duration(), completed.id());
    }

    private static Change accept(long id, Change completed) {
        return new Change(id, ResponseStatus.REJECTED, ResponseStatus.COMPLETE, completed.code(), completed.key(),
                completed.flags(), completed.duration(), null);
    }

    private static long count(SurveyTally.Snapshot snapshot, String variable, String code) {
        SurveyTally.VariableView view = snapshot.variables().get(variable);
        return view == null || view.valueOf(code) < 0 ? 0 : view.counts()[view.valueOf(code)];
    }

    private static long flagged(SurveyTally.Snapshot snapshot, String variable) {
        SurveyTally.VariableView view = snapshot.variables().get(variable);
        return view == null || view.counts().length <= SurveyTally.FIRST_CODE ? 0 : view.counts()[SurveyTally.FIRST_CODE];
    }

    /** The rows of a reading with this code, counted over its mask (what filtered results count). */
    private static long masked(SurveyTally.Snapshot snapshot, String code) {
        SurveyTally.VariableView view = snapshot.variables().get("single:pick");
        if (view == null || view.valueOf(code) < 0) {
            return 0;
        }
        return CellCounting.count(List.of(view.bitmaps().get(view.valueOf(code))), snapshot.allRows(), null)[0].count();
    }

    @Test
    void aRejectionTakesTheCompleteOutOfEveryLiveCountAndAnAcceptanceBringsItBack() {
        SurveyTally tally = new SurveyTally(FLOOR);
        List<Change> completes = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            Change change = complete(id, id <= 4 ? "x" : "y", id == 2 ? Set.of(QualityFlag.SPEEDER) : Set.of(), 600);
            change.applyTo(tally);
            completes.add(change);
        }
        assertEquals(1, flagged(tally.snapshot(), SurveyTally.qualityKey(QualityFlag.SPEEDER)));
        assertEquals(1, flagged(tally.snapshot(), SurveyTally.QUALITY_FLAGGED));

        reject(7, completes.get(1)).applyTo(tally);
        SurveyTally.Snapshot live = tally.snapshot();
        assertEquals(5, live.completes());
        assertEquals(3, count(live, "single:pick", "x"));
        assertEquals(3, masked(live, "x"), "a filter no longer finds the row");
        assertEquals(0, flagged(live, SurveyTally.QUALITY_FLAGGED), "the flagged complete is gone with its flag");
        assertEquals(1, live.status(ResponseStatus.REJECTED));
        assertEquals(5, live.status(ResponseStatus.COMPLETE));
        assertEquals(5, tally.completionTimes().completes());

        accept(8, completes.get(1)).applyTo(tally);
        live = tally.snapshot();
        assertEquals(6, live.completes());
        assertEquals(4, count(live, "single:pick", "x"));
        assertEquals(4, masked(live, "x"));
        assertEquals(1, flagged(live, SurveyTally.qualityKey(QualityFlag.SPEEDER)));
        assertEquals(0, live.status(ResponseStatus.REJECTED));
        assertEquals(6, tally.completionTimes().completes());

        // Rejected again: the acceptance's row is the one that goes.
        reject(9, new Change(8, null, ResponseStatus.COMPLETE, "x", completes.get(1).key(), Set.of(QualityFlag.SPEEDER),
                600, null)).applyTo(tally);
        assertEquals(5, tally.snapshot().completes());
        assertEquals(3, masked(tally.snapshot(), "x"));
    }

    @Test
    void analystsSeeARejectionFromTheNextPublishedStateOn() {
        SurveyTally tally = new SurveyTally(FLOOR);
        List<Change> completes = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < 5; i++) {
            Change change = complete(++id, "x", Set.of(), null);
            change.applyTo(tally);
            completes.add(change);
        }
        tally.publish(id);
        assertEquals(5, tally.published().completes());
        reject(++id, completes.get(0)).applyTo(tally);
        tally.publish(id);
        assertEquals(5, tally.published().completes(), "still the state of five completes");
        assertEquals(5, masked(tally.published(), "x"), "the published state still holds the row");
        assertEquals(5, count(tally.published(), "single:pick", "x"));
        for (int i = 0; i < 4; i++) {
            complete(++id, "y", Set.of(), null).applyTo(tally);
            tally.publish(id);
            assertEquals(5, tally.published().completes(), "a rejection is no complete towards the next state");
        }
        complete(++id, "y", Set.of(), null).applyTo(tally);
        tally.publish(id);
        SurveyTally.Snapshot state = tally.published();
        assertEquals(9, state.completes(), "five more entered, one left");
        assertEquals(4, count(state, "single:pick", "x"));
        assertEquals(4, masked(state, "x"));
        assertEquals(5, masked(state, "y"));
        assertEquals(1, state.status(ResponseStatus.REJECTED));
    }

    @Test
    void aRejectionThatArrivesBeforeItsCompleteTakesTheRowOutWhenItComes() {
        SurveyTally tally = new SurveyTally(FLOOR);
        Change late = complete(3, "x", Set.of(QualityFlag.DUPLICATE), 300);
        complete(1, "y", Set.of(), 400).applyTo(tally);
        complete(2, "y", Set.of(), 500).applyTo(tally);
        reject(4, late).applyTo(tally);
        late.applyTo(tally);
        SurveyTally.Snapshot live = tally.snapshot();
        assertEquals(2, live.completes());
        assertEquals(0, masked(live, "x"));
        assertEquals(0, count(live, "single:pick", "x"));
        assertEquals(0, flagged(live, SurveyTally.QUALITY_FLAGGED));
        assertEquals(2, tally.completionTimes().completes());
        assertEquals(450.0, tally.completionTimes().medianSeconds());
    }

    @Test
    void aFilteredGroupMovesForAnAnalystOnlyWhenAMinimumGroupOfItsMembersChanged() {
        SurveyTally tally = new SurveyTally(FLOOR);
        List<Change> ys = new ArrayList<>();
        long id = 0;
        // Ten states of five completes; the "y" group gets five members in the first state, then none.
        for (int state = 0; state < 10; state++) {
            for (int i = 0; i < 5; i++) {
                Change change = complete(++id, state == 0 ? "y" : "x", Set.of(), null);
                change.applyTo(tally);
                if (state == 0) {
                    ys.add(change);
                }
            }
        }
        tally.publish(id);
        assertEquals(5, groupShown(tally.published(), "y"));
        // One "y" rejected, then a state more: the group has changed by one member, so it is shown as it was.
        reject(++id, ys.get(0)).applyTo(tally);
        for (int i = 0; i < 5; i++) {
            complete(++id, "x", Set.of(), null).applyTo(tally);
        }
        tally.publish(id);
        SurveyTally.Snapshot state = tally.published();
        assertEquals(4, masked(state, "y"), "the state itself has the rejection");
        assertEquals(5, groupShown(state, "y"), "the group's numbers stay at the state before it: one member changed");
        // Four more "y"s join: five changes since it was shown, and it moves.
        for (int i = 0; i < 4; i++) {
            complete(++id, "y", Set.of(), null).applyTo(tally);
        }
        complete(++id, "x", Set.of(), null).applyTo(tally);
        tally.publish(id);
        assertEquals(8, groupShown(tally.published(), "y"));
    }

    /** How many members of the group ({@code pick} = code) the stepped reading an analyst gets shows. */
    private static long groupShown(SurveyTally.Snapshot state, String code) {
        long[] ever = state.everRows();
        SurveyTally.VariableView view = state.variables().get("single:pick");
        view.bitmaps().get(view.valueOf(code)).andInto(ever);
        SurveyTally.Snapshot stepped = state.steppedFor(ever, FLOOR);
        return masked(stepped, code);
    }

    /**
     * Random logs of completes, rejections and acceptances, applied in log order by one replica and in a
     * shuffled order (a rejection may come before its complete) by another: both end with the live numbers
     * of a recomputation from the final statuses, and publish the same states.
     */
    @Test
    void everyReplicaEndsWithTheNumbersOfTheFinalStatusesWhateverTheOrder() {
        RandomTrials.check(23L, 200, TallyRejectionsTest::randomLog, log -> {
            SurveyTally inOrder = new SurveyTally(FLOOR);
            log.forEach(change -> {
                change.applyTo(inOrder);
                inOrder.publish(change.id());
            });
            SurveyTally shuffled = new SurveyTally(FLOOR);
            List<Change> arrivals = new ArrayList<>(log);
            Collections.shuffle(arrivals, new Random(log.size()));
            TreeSet<Long> arrived = new TreeSet<>();
            for (Change change : arrivals) {
                change.applyTo(shuffled);
                arrived.add(change.id());
                long through = 0;
                while (arrived.contains(through + 1)) {
                    through++;
                }
                shuffled.publish(through);
            }
            // The recomputation: each response's last change says whether it counts, and with which code.
            Map<Long, Change> lastOfResponse = new HashMap<>();
            Map<Long, Long> responseOf = new HashMap<>();
            for (Change change : log) {
                long response = change.reverses() != null ? responseOf.get(change.reverses())
                        : change.previous() == ResponseStatus.REJECTED ? responseOfAcceptance(change, log, responseOf)
                        : change.id();
                responseOf.put(change.id(), response);
                lastOfResponse.put(response, change);
            }
            long completes = lastOfResponse.values().stream().filter(c -> c.status() == ResponseStatus.COMPLETE).count();
            long xs = lastOfResponse.values().stream().filter(c -> c.status() == ResponseStatus.COMPLETE && "x".equals(c.code()))
                    .count();
            long speeders = lastOfResponse.values().stream()
                    .filter(c -> c.status() == ResponseStatus.COMPLETE && c.flags().contains(QualityFlag.SPEEDER)).count();
            for (SurveyTally tally : List.of(inOrder, shuffled)) {
                SurveyTally.Snapshot live = tally.snapshot();
                assertEquals(completes, live.completes());
                assertEquals(xs, count(live, "single:pick", "x"));
                assertEquals(xs, masked(live, "x"));
                assertEquals(speeders, flagged(live, SurveyTally.qualityKey(QualityFlag.SPEEDER)));
                assertEquals(completes, tally.completionTimes().completes());
                assertEquals(completes - xs, masked(tally.snapshot(), "y"));
            }
            SurveyTally.Snapshot a = inOrder.published();
            SurveyTally.Snapshot b = shuffled.published();
            assertEquals(a.completes(), b.completes(), "the same last state");
            assertEquals(a.statusCounts(), b.statusCounts());
            assertEquals(masked(a, "x"), masked(b, "x"));
            assertEquals(count(a, "single:pick", "x"), count(b, "single:pick", "x"));
            assertTrue(a.completes() <= completes + FLOOR && a.completes() >= 0);
        });
    }

    private static long responseOfAcceptance(Change acceptance, List<Change> log, Map<Long, Long> responseOf) {
        // An acceptance follows the response's rejection, which names the complete it reversed: found by its key.
        for (int i = log.indexOf(acceptance) - 1; i >= 0; i--) {
            Change earlier = log.get(i);
            if (earlier.status() == ResponseStatus.REJECTED && earlier.key() == acceptance.key()
                    && earlier.duration().equals(acceptance.duration())) {
                return responseOf.get(earlier.id());
            }
        }
        throw new IllegalStateException("an acceptance without a rejection");
    }

    /** A log of completes, then rejections of some (and acceptances of some rejections), each response unique by key. */
    private static List<Change> randomLog(Random random) {
        List<Change> log = new ArrayList<>();
        List<Change> counting = new ArrayList<>();
        List<Change[]> rejected = new ArrayList<>();
        long id = 0;
        int responses = 10 + random.nextInt(40);
        for (int r = 0; r < responses; r++) {
            // Keys and durations tell responses apart in the recomputation above.
            Change change = new Change(++id, null, ResponseStatus.COMPLETE, random.nextBoolean() ? "x" : "y", r,
                    RandomTrials.chance(random, 0.3) ? Set.of(QualityFlag.SPEEDER) : Set.of(), 100 + r, null);
            log.add(change);
            counting.add(change);
            if (RandomTrials.chance(random, 0.3) && !counting.isEmpty()) {
                Change target = counting.remove(random.nextInt(counting.size()));
                Change rejection = reject(++id, target);
                log.add(rejection);
                rejected.add(new Change[] {target, rejection});
            }
            if (RandomTrials.chance(random, 0.15) && !rejected.isEmpty()) {
                Change[] pair = rejected.remove(random.nextInt(rejected.size()));
                Change acceptance = accept(++id, pair[0]);
                log.add(acceptance);
                // What a later rejection of it reverses: the acceptance's own row.
                counting.add(new Change(acceptance.id(), null, ResponseStatus.COMPLETE, pair[0].code(), pair[0].key(),
                        pair[0].flags(), pair[0].duration(), null));
            }
        }
        return log;
    }
}
