package io.canvass.interview;

import io.canvass.testing.RandomTrials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.problem.Violation;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the engine: random answer sets, valid and invalid, to the 2023 study
 * and to random small definitions, each checked against {@link InterviewOracle}, an independent
 * and deliberately simple statement of the same rules. Seeds and tries are fixed, so every run
 * checks the same cases; a failure names the seed that replays it.
 */
class InterviewPropertiesTest {

    private static final SurveyDefinition AIIA = TestSurveys.aiia();
    private static final int AIIA_TRIES = 1000;
    private static final int RANDOM_SURVEY_TRIES = 800;

    /** One trial: a definition, its plan, the oracle, and a random answer set to it. */
    record Trial(SurveyDefinition definition, SurveyPlan plan, InterviewOracle oracle, ObjectNode answers) {
        @Override
        public String toString() {
            return answers + (definition == AIIA ? " (2023 study)" : " to " + io.canvass.questionnaire.DefinitionParser.toJson(definition));
        }
    }

    private static final Function<Random, Trial> AIIA_TRIALS = random -> {
        InterviewOracle oracle = new InterviewOracle(AIIA);
        return new Trial(AIIA, SurveyPlan.of(AIIA), oracle, RandomAnswerSets.next(random, AIIA, oracle));
    };

    private static final Function<Random, Trial> RANDOM_SURVEY_TRIALS = random -> {
        SurveyDefinition definition = RandomDefinitions.next(random);
        InterviewOracle oracle = new InterviewOracle(definition);
        return new Trial(definition, SurveyPlan.compile(definition), oracle, RandomAnswerSets.next(random, definition, oracle));
    };

    @Test
    void checkAllFindsWhatTheOracleFindsInTheSameOrderOnThe2023Study() {
        Coverage coverage = new Coverage();
        RandomTrials.check(2023_01L, AIIA_TRIES, AIIA_TRIALS, trial -> coverage.count(checkAllAgrees(trial)));
        coverage.assertBroad(AIIA_TRIES);
    }

    @Test
    void checkAllFindsWhatTheOracleFindsInTheSameOrderOnRandomSurveys() {
        Coverage coverage = new Coverage();
        RandomTrials.check(2023_02L, RANDOM_SURVEY_TRIES, RANDOM_SURVEY_TRIALS, trial -> coverage.count(checkAllAgrees(trial)));
        coverage.assertBroad(RANDOM_SURVEY_TRIES);
    }

    /** What the random cases reached: valid and invalid sets, screen-outs, and every violation code. */
    private static final class Coverage {
        private int valid;
        private int screenedOut;
        private final Set<String> codes = new TreeSet<>();

        void count(AnswerCheck check) {
            valid += check.valid() ? 1 : 0;
            screenedOut += check.screenedOutBy().isPresent() ? 1 : 0;
            check.violations().forEach(v -> codes.add(v.code()));
        }

        void assertBroad(int tries) {
            assertTrue(valid > tries / 5 && valid < tries * 4 / 5, "valid and invalid sets both well represented: "
                    + valid + " valid of " + tries);
            assertTrue(screenedOut > tries / 50, "screen-outs reached: " + screenedOut);
            assertEquals(Arrays.stream(ViolationCode.values()).map(ViolationCode::code).collect(Collectors.toCollection(TreeSet::new)),
                    codes, "every violation code reached");
        }
    }

    @Test
    void checkPageReportsTheOraclesProblemsOfThatPageOnly() {
        RandomTrials.check(2023_03L, AIIA_TRIES / 3, AIIA_TRIALS, InterviewPropertiesTest::checkPageAgrees);
        RandomTrials.check(2023_04L, RANDOM_SURVEY_TRIES, RANDOM_SURVEY_TRIALS, InterviewPropertiesTest::checkPageAgrees);
    }

    @Test
    void routeGoesWhereTheOracleGoes() {
        RandomTrials.check(2023_05L, AIIA_TRIES / 3, AIIA_TRIALS, InterviewPropertiesTest::routeAgrees);
        RandomTrials.check(2023_06L, RANDOM_SURVEY_TRIES, RANDOM_SURVEY_TRIALS, InterviewPropertiesTest::routeAgrees);
    }

    @Test
    void splitTakesOutExactlyThePersonalDataAndLeavesTheAnswersGivenAlone() {
        RandomTrials.check(2023_07L, AIIA_TRIES / 3, AIIA_TRIALS, InterviewPropertiesTest::splitAgrees);
        RandomTrials.check(2023_08L, RANDOM_SURVEY_TRIES, RANDOM_SURVEY_TRIALS, InterviewPropertiesTest::splitAgrees);
    }

    @Test
    void theCompiledConditionsAgreeWithTheDefinitionModelsSkipLogic() {
        RandomTrials.check(2023_09L, RANDOM_SURVEY_TRIES, RANDOM_SURVEY_TRIALS, trial -> {
            Map<String, Question> byId = trial.definition().questionsById();
            for (QuestionPlan question : trial.plan().questions()) {
                assertEquals(SkipLogic.isShown(question.question(), Answers.of(trial.answers()), byId),
                        trial.plan().isShown(question, trial.answers()), question.id());
            }
        });
    }

    @Test
    void theOrderOfTheKeysGivenChangesOnlyTheOrderOfTheirOwnProblems() {
        RandomTrials.check(2023_10L, RANDOM_SURVEY_TRIES / 2, RANDOM_SURVEY_TRIALS, trial -> {
            ObjectNode reordered = RandomAnswerSets.reordered(new Random(trial.answers().hashCode()), trial.answers());
            AnswerCheck original = Interview.checkAll(trial.plan(), trial.answers());
            AnswerCheck shuffled = Interview.checkAll(trial.plan(), reordered);
            assertEquals(original.screenedOutBy(), shuffled.screenedOutBy());
            assertEquals(sorted(original.violations()), sorted(shuffled.violations()));
        });
    }

    /** Checks one trial against the oracle; returns the engine's finding. */
    private static AnswerCheck checkAllAgrees(Trial trial) {
        AnswerCheck engine = Interview.checkAll(trial.plan(), trial.answers());
        InterviewOracle.Verdict oracle = trial.oracle().checkAll(trial.answers());
        assertEquals(oracle.problems(), withoutMessages(engine.violations()));
        assertEquals(oracle.screenedOutBy(), engine.screenedOutBy().map(Question::id));
        engine.violations().forEach(v -> assertFalse(v.message().isBlank(), v.toString()));
        assertEquals(engine.valid(), engine.violations().isEmpty());
        return engine;
    }

    private static void checkPageAgrees(Trial trial) {
        List<Violation> all = Interview.checkAll(trial.plan(), trial.answers()).violations();
        for (int page = 0; page < trial.plan().pageCount(); page++) {
            List<Violation> onPage = Interview.checkPage(trial.plan(), page, trial.answers()).violations();
            assertEquals(trial.oracle().checkPage(page, trial.answers()), withoutMessages(onPage), "page " + page);
            int p = page;
            assertEquals(all.stream().filter(v -> trial.plan().pageIndexOf(v.question()) == p).toList(), onPage,
                    "page " + page + ": the same violations, messages included, as the whole check");
        }
    }

    private static void routeAgrees(Trial trial) {
        for (int page = 0; page < trial.plan().pageCount(); page++) {
            assertEquals(trial.oracle().route(page, trial.answers()), describe(Interview.route(trial.plan(), page, trial.answers())),
                    "after page " + page);
            assertEquals(trial.oracle().shownOnPage(page, trial.answers()),
                    Interview.shownOnPage(trial.plan(), page, trial.answers()).stream().map(Question::id).toList(),
                    "shown on page " + page);
        }
    }

    private static void splitAgrees(Trial trial) {
        String before = trial.answers().toString();
        SplitAnswers split = Interview.split(trial.plan(), trial.answers());
        Map.Entry<List<String>, Map<String, String>> oracle = trial.oracle().split(trial.answers());
        assertEquals(oracle.getKey(), InterviewOracle.keys(split.answers()));
        oracle.getKey().forEach(key -> assertEquals(trial.answers().get(key), split.answers().get(key), key));
        assertEquals(oracle.getValue(), split.personalData());
        assertEquals(List.copyOf(oracle.getValue().keySet()), List.copyOf(split.personalData().keySet()));
        assertEquals(before, trial.answers().toString(), "the answers given are not changed");
    }

    private static String describe(Route route) {
        if (route instanceof Route.ScreenedOut screenedOut) {
            return "screened:" + screenedOut.question().id();
        }
        if (route instanceof Route.NextPage next) {
            return "next:" + next.pageIndex() + ":" + cells(next.cellsToCheck());
        }
        return "complete:" + cells(((Route.Complete) route).cellsToCheck());
    }

    private static List<String> cells(List<QuotaCell> cells) {
        return cells.stream().map(c -> c.quotaId() + ":" + c.code() + ":" + c.cap()).toList();
    }

    private static List<InterviewOracle.Problem> withoutMessages(List<Violation> violations) {
        return violations.stream().map(v -> new InterviewOracle.Problem(v.field(), v.question(), v.pointer(), v.code()))
                .toList();
    }

    private static List<String> sorted(List<Violation> violations) {
        return violations.stream().map(Violation::toString).sorted().toList();
    }
}
