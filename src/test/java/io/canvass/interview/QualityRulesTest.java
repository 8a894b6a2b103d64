package io.canvass.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.testing.RandomTrials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The data-quality rules of the engine, without a container: straight-lining, speeding, the honeypot and
 * the fingerprint that finds duplicates; then properties over random valid answer sets to the 2023 study,
 * against a plain restatement of the rules.
 */
class QualityRulesTest {

    private static final SurveyDefinition SURVEY = DefinitionParser.parse("""
            id: quality-rules
            title: Quality rules
            pages:
              - id: about
                title: About
                questions:
                  - id: region
                    type: single
                    text: Where?
                    options:
                      - { code: "eu", label: "Europe" }
                      - { code: "us", label: "Americas" }
                      - { code: "other", label: "Elsewhere", specify: true }
                  - id: tools
                    type: multiple
                    text: Which tools?
                    options:
                      - { code: "chat", label: "Chat" }
                      - { code: "code", label: "Code" }
                      - { code: "other", label: "Other", specify: true }
                  - id: rating
                    type: scale
                    text: How useful?
                    min: 1
                    max: 5
              - id: grids
                title: Grids
                questions:
                  - id: five
                    type: matrix
                    text: Five rows
                    required: false
                    rows:
                      - { code: "a", label: "A" }
                      - { code: "b", label: "B" }
                      - { code: "c", label: "C" }
                      - { code: "d", label: "D" }
                      - { code: "e", label: "E" }
                    columns:
                      - { code: "low", label: "Low" }
                      - { code: "high", label: "High" }
                  - id: four
                    type: matrix
                    text: Four rows
                    rows:
                      - { code: "a", label: "A" }
                      - { code: "b", label: "B" }
                      - { code: "c", label: "C" }
                      - { code: "d", label: "D" }
                    columns:
                      - { code: "low", label: "Low" }
                      - { code: "high", label: "High" }
                  - id: comments
                    type: text
                    text: Comments?
                    required: false
                  - id: email
                    type: email
                    text: E-mail for the report
                    required: false
                  - id: name
                    type: text
                    text: Your name (kept apart)
                    required: false
                    personalData: true
            """, DefinitionFormat.YAML, "quality-rules");
    private static final SurveyPlan PLAN = SurveyPlan.compile(SURVEY);
    private static final QualityThresholds DEFAULTS = QualityThresholds.DEFAULTS;

    private static ObjectNode answers(String json) {
        try {
            return (ObjectNode) TestSurveys.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode valid() {
        return answers("""
                {"region": "other", "region.other": "Antarctica", "tools": ["code", "chat"], "rating": 4,
                 "five": {"a": "low", "b": "high", "c": "low", "d": "high", "e": "low"},
                 "four": {"a": "low", "b": "low", "c": "low", "d": "low"},
                 "comments": "Fine.", "email": "cio@example.com", "name": "Rita"}
                """);
    }

    private static Set<QualityFlag> flags(ObjectNode answers, QualitySignals signals) {
        assertTrue(Interview.checkAll(PLAN, answers).valid(), () -> Interview.checkAll(PLAN, answers).violations().toString());
        return Interview.qualityFlags(PLAN, answers, signals, DEFAULTS);
    }

    // ---- straight-lining

    @Test
    void everyRowOfAFiveRowMatrixInOneColumnIsAStraightLiner() {
        ObjectNode answers = valid();
        answers.set("five", answers("{\"a\": \"high\", \"b\": \"high\", \"c\": \"high\", \"d\": \"high\", \"e\": \"high\"}"));
        assertEquals(Set.of(QualityFlag.STRAIGHTLINER), flags(answers, QualitySignals.none()));
    }

    @Test
    void aMatrixOfFewerRowsInOneColumnIsNot() {
        // "four" is in one column all the way down in every answer set here: four rows are too few to tell.
        assertEquals(Set.of(), flags(valid(), QualitySignals.none()));
    }

    @Test
    void oneRowInAnotherColumnOrOneRowLeftUnansweredIsNoStraightLine() {
        ObjectNode other = valid();
        other.set("five", answers("{\"a\": \"high\", \"b\": \"high\", \"c\": \"high\", \"d\": \"high\", \"e\": \"low\"}"));
        assertEquals(Set.of(), flags(other, QualitySignals.none()));
        ObjectNode partly = valid();
        partly.set("five", answers("{\"a\": \"high\", \"b\": \"high\", \"c\": \"high\", \"d\": \"high\"}"));
        assertEquals(Set.of(), flags(partly, QualitySignals.none()), "the optional matrix is not answered all the way down");
        ObjectNode none = valid();
        none.remove("five");
        assertEquals(Set.of(), flags(none, QualitySignals.none()));
    }

    @Test
    void theMinimumNumberOfRowsIsAThreshold() {
        QualityThresholds fourRows = new QualityThresholds(0.333, 20, 4);
        assertEquals(Set.of(QualityFlag.STRAIGHTLINER), Interview.qualityFlags(PLAN, valid(), QualitySignals.none(), fourRows));
    }

    // ---- speeding

    @Test
    void aCompleteUnderAThirdOfTheMedianIsASpeederOnceTwentyCompletesExist() {
        CompletionTimes twenty = new CompletionTimes(20, 600);
        assertEquals(Set.of(QualityFlag.SPEEDER), flags(valid(), new QualitySignals(199, twenty, false)));
        assertEquals(Set.of(), flags(valid(), new QualitySignals(200, twenty, false)), "0.333 × 600 = 199.8: 200 is not under");
        assertEquals(Set.of(), flags(valid(), new QualitySignals(0, new CompletionTimes(19, 600), false)),
                "19 earlier completes are too few to judge by");
        assertEquals(Set.of(), flags(valid(), new QualitySignals(null, twenty, false)), "no duration: never a speeder");
        assertEquals(Set.of(), flags(valid(), new QualitySignals(0, CompletionTimes.NONE, false)));
    }

    @Test
    void theSpeederThresholdsAreSettings() {
        QualityThresholds half = new QualityThresholds(0.5, 3, 5);
        assertEquals(Set.of(QualityFlag.SPEEDER),
                Interview.qualityFlags(PLAN, valid(), new QualitySignals(299, new CompletionTimes(3, 600), false), half));
        assertEquals(Set.of(),
                Interview.qualityFlags(PLAN, valid(), new QualitySignals(299, new CompletionTimes(2, 600), false), half));
    }

    // ---- the honeypot

    @Test
    void aFilledHoneypotIsABotAndFlagsCombine() {
        ObjectNode answers = valid();
        answers.set("five", answers("{\"a\": \"low\", \"b\": \"low\", \"c\": \"low\", \"d\": \"low\", \"e\": \"low\"}"));
        assertEquals(EnumSet.allOf(QualityFlag.class).stream().filter(f -> f != QualityFlag.DUPLICATE).toList(),
                List.copyOf(flags(answers, new QualitySignals(5, new CompletionTimes(100, 900), true))));
    }

    @Test
    void flagsAreStoredAsTheirCodesInAFixedOrder() {
        assertEquals("straightliner,speeder,duplicate,bot", QualityFlag.encode(EnumSet.allOf(QualityFlag.class)));
        assertEquals("speeder,bot", QualityFlag.encode(List.of(QualityFlag.BOT, QualityFlag.SPEEDER)));
        assertEquals(null, QualityFlag.encode(Set.of()));
        assertEquals(Set.of(QualityFlag.BOT, QualityFlag.SPEEDER), QualityFlag.decode("speeder,bot"));
        assertEquals(Set.of(), QualityFlag.decode(null));
    }

    // ---- the fingerprint of duplicates

    @Test
    void theSameCodedAnswersHaveTheSameFingerprintWhateverTheFreeText() {
        ObjectNode other = valid();
        other.put("comments", "Something else entirely.");
        other.put("region.other", "Atlantis");
        other.put("email", "someone.else@example.com");
        other.put("name", "Anil");
        other.set("tools", answers("{\"t\": [\"chat\", \"code\"]}").get("t"));
        assertEquals(fingerprint(valid()), fingerprint(other),
                "texts, specify texts, personal data and the order of a multiple choice's codes are not the answers");
        assertEquals(fingerprint(valid()), fingerprint(RandomAnswerSets.reordered(new Random(1), valid())));
    }

    @Test
    void anyCodedAnswerChangedChangesTheFingerprint() {
        String original = fingerprint(valid());
        List<ObjectNode> changed = new ArrayList<>();
        changed.add(valid().put("region", "eu"));
        changed.add(valid().put("rating", 5));
        ObjectNode fewerTools = valid();
        fewerTools.set("tools", answers("{\"t\": [\"chat\"]}").get("t"));
        changed.add(fewerTools);
        ObjectNode row = valid();
        ((ObjectNode) row.get("five")).put("e", "high");
        changed.add(row);
        ObjectNode unanswered = valid();
        unanswered.remove("five");
        changed.add(unanswered);
        for (ObjectNode answers : changed) {
            assertNotEquals(original, fingerprint(answers), answers.toString());
        }
    }

    @Test
    void answersWithoutAnyCodedAnswerHaveNoFingerprint() {
        SurveyDefinition textOnly = DefinitionParser.parse("""
                id: text-only
                title: Text only
                pages:
                  - id: p
                    title: P
                    questions:
                      - { id: comments, type: text, text: "Comments?" }
                """, DefinitionFormat.YAML, "text-only");
        assertEquals(Optional.empty(), Interview.answerFingerprint(SurveyPlan.compile(textOnly), answers("{\"comments\": \"Hi\"}")));
    }

    private static String fingerprint(ObjectNode answers) {
        return Interview.answerFingerprint(PLAN, answers).orElseThrow();
    }

    // ---- properties over random answer sets to the 2023 study

    private static final SurveyDefinition AIIA = TestSurveys.aiia();
    private static final SurveyPlan AIIA_PLAN = SurveyPlan.compile(AIIA);
    private static final InterviewOracle ORACLE = new InterviewOracle(AIIA);

    /** Valid complete answer sets only: the rules judge completes. */
    private static ObjectNode validAiiaAnswers(Random random) {
        while (true) {
            ObjectNode answers = RandomAnswerSets.next(random, AIIA, ORACLE);
            AnswerCheck check = Interview.checkAll(AIIA_PLAN, answers);
            if (check.valid() && check.screenedOutBy().isEmpty()) {
                return Interview.split(AIIA_PLAN, answers).answers();
            }
        }
    }

    @Test
    void theFingerprintIgnoresKeyOrderAndFreeTextAndSeesEveryCodedAnswer() {
        RandomTrials.check(13L, 300, QualityRulesTest::validAiiaAnswers, answers -> {
            String fingerprint = Interview.answerFingerprint(AIIA_PLAN, answers).orElseThrow();
            Random random = new Random(answers.hashCode());
            assertEquals(fingerprint, Interview.answerFingerprint(AIIA_PLAN, RandomAnswerSets.reordered(random, answers))
                    .orElseThrow(), "key order");
            ObjectNode otherTexts = answers.deepCopy();
            for (Question q : AIIA.questions()) {
                if (q.type() == QuestionType.TEXT && otherTexts.has(q.id())) {
                    otherTexts.put(q.id(), "another text " + random.nextInt());
                }
                if (q.options() != null) {
                    for (Option o : q.options()) {
                        if (o.takesSpecifyText() && otherTexts.has(q.id() + "." + o.code())) {
                            otherTexts.put(q.id() + "." + o.code(), "another specify text");
                        }
                    }
                }
            }
            assertEquals(fingerprint, Interview.answerFingerprint(AIIA_PLAN, otherTexts).orElseThrow(), "free text");
            // One coded answer moved to another valid code: another fingerprint.
            List<Question> coded = AIIA.questions().stream()
                    .filter(q -> q.type() == QuestionType.SINGLE || q.type() == QuestionType.SCALE)
                    .filter(q -> answers.has(q.id())).toList();
            Question changed = RandomTrials.oneOf(random, coded);
            List<String> others = new ArrayList<>(changed.answerCodes());
            others.remove(Answers.of(answers).codes(changed).get(0));
            ObjectNode moved = answers.deepCopy();
            String code = RandomTrials.oneOf(random, others);
            if (changed.type() == QuestionType.SCALE) {
                moved.put(changed.id(), Integer.parseInt(code));
            } else {
                moved.put(changed.id(), code);
            }
            assertNotEquals(fingerprint, Interview.answerFingerprint(AIIA_PLAN, moved).orElseThrow(), changed.id());
        });
    }

    @Test
    void theStraightLinerRuleAgreesWithAPlainRestatementOfIt() {
        RandomTrials.check(17L, 400, random -> {
            ObjectNode answers = validAiiaAnswers(random);
            // Now and then every row of one matrix in one column, so that both verdicts occur.
            if (RandomTrials.chance(random, 0.3)) {
                Question matrix = RandomTrials.oneOf(random, AIIA.questions().stream()
                        .filter(q -> q.type() == QuestionType.MATRIX && answers.has(q.id())).toList());
                String column = RandomTrials.oneOf(random, matrix.columns()).code();
                ObjectNode rows = answers.putObject(matrix.id());
                matrix.rows().forEach(row -> rows.put(row.code(), column));
            }
            return answers;
        }, answers -> {
            boolean expected = false;
            for (Question q : AIIA.questions()) {
                if (q.type() != QuestionType.MATRIX || q.rows().size() < 5
                        || !SkipLogic.isShown(q, Answers.of(answers), AIIA.questionsById())) {
                    continue;
                }
                List<String> columns = new ArrayList<>();
                for (Option row : q.rows()) {
                    columns.addAll(Answers.of(answers).codes(q, row.code()));
                }
                expected |= columns.size() == q.rows().size() && Collections.frequency(columns, columns.get(0)) == columns.size();
            }
            assertEquals(expected, Interview.qualityFlags(AIIA_PLAN, answers, QualitySignals.none(), DEFAULTS)
                    .contains(QualityFlag.STRAIGHTLINER));
        });
    }

    @Test
    void aSpeederIsExactlyADurationUnderTheFractionOfTheMedianWithEnoughCompletes() {
        RandomTrials.check(19L, 500, random -> new long[] {random.nextInt(2000), random.nextInt(40), random.nextInt(3000)},
                drawn -> {
                    Integer duration = (int) drawn[0];
                    CompletionTimes earlier = new CompletionTimes(drawn[1], drawn[2] / 2.0);
                    boolean expected = drawn[1] >= 20 && duration < 0.333 * (drawn[2] / 2.0);
                    assertEquals(expected, Interview.qualityFlags(PLAN, valid(), new QualitySignals(duration, earlier, false),
                            DEFAULTS).contains(QualityFlag.SPEEDER), duration + " against " + earlier);
                });
    }
}
