package io.canvass.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.Interview;
import io.canvass.interview.QualityThresholds;
import io.canvass.interview.QuotaCell;
import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.Quota;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * Turns a survey definition and its figures into the respondents a demo load submits, each with
 * the outcome the server should give it. Works for any survey: what to reproduce is in the figures.
 *
 * <p>Exactness: every exact distribution is dealt as a shuffled deck holding exactly the given
 * number of each code, one card per complete for whom the question is shown (so a follow-up such
 * as a loss size is dealt to exactly those who reported losses). Everything else is a seeded
 * random valid answer. The same figures and seed give the same plan, answer for answer.
 *
 * <p>Order: completes and screen-outs are shuffled together and may be submitted concurrently
 * (completes never exceed a quota cap, and screening is decided before quotas); quota-full
 * attempts come last, when their cell is full.
 */
public final class DemoPlan {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** How often an optional question is left blank, and how often an exclusive option is chosen. */
    private static final int OPTIONAL_BLANK_IN = 2;
    private static final int EXCLUSIVE_ONE_IN = 10;

    private final SurveyDefinition definition;
    private final DemoFigures figures;
    private final Map<String, Question> questions;
    /** The server's own interview rules: what is shown, who is screened out, which quota cell. */
    private final SurveyPlan interview;
    private final Random random;
    private final List<PlannedRespondent> respondents;

    private DemoPlan(SurveyDefinition definition, DemoFigures figures) {
        this.definition = definition;
        this.figures = figures;
        this.questions = definition.questionsById();
        this.interview = SurveyPlan.compile(definition);
        this.random = new Random(figures.seed());
        this.respondents = build();
    }

    /** The plan for these figures; throws {@link InvalidFiguresException} naming each figure that cannot hold. */
    public static DemoPlan of(SurveyDefinition definition, DemoFigures figures) {
        return new DemoPlan(definition, figures);
    }

    /** Every respondent in submission order; those {@code afterQuotasFill} come last. */
    public List<PlannedRespondent> respondents() {
        return respondents;
    }

    public SurveyDefinition definition() {
        return definition;
    }

    public DemoFigures figures() {
        return figures;
    }

    /** How many respondents are planned with each outcome, by {@link PlannedOutcome#label()}. */
    public Map<String, Integer> expectedOutcomes() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        respondents.forEach(r -> counts.merge(r.expected().label(), 1, Integer::sum));
        return counts;
    }

    private List<PlannedRespondent> build() {
        checkFigures();
        List<ObjectNode> completes = completes();
        List<Draft> main = new ArrayList<>();
        completes.forEach(a -> main.add(new Draft(a, PlannedOutcome.complete())));
        main.addAll(screenOuts());
        Collections.shuffle(main, random);
        List<Draft> last = quotaFullAttempts(quotaFills(completes));

        List<PlannedRespondent> planned = new ArrayList<>();
        for (Draft draft : main) {
            planned.add(respondent(planned.size(), draft, false));
        }
        for (Draft draft : last) {
            planned.add(respondent(planned.size(), draft, true));
        }
        return List.copyOf(planned);
    }

    private PlannedRespondent respondent(int index, Draft draft, boolean afterQuotasFill) {
        String key = "demo-" + definition.id() + "-" + figures.seed() + "-" + String.format("%05d", index);
        return new PlannedRespondent(index, key, draft.answers(), draft.expected(), afterQuotasFill);
    }

    // ---- completes: dealt question by question, so conditional decks go to exactly those shown the question

    private List<ObjectNode> completes() {
        int n = figures.completes();
        List<ObjectNode> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(JSON.objectNode());
        }
        for (Question q : definition.questions()) {
            List<ObjectNode> shown = all.stream().filter(a -> shown(q, a)).toList();
            Map<String, Integer> exact = figures.answers().get(q.id());
            if (exact != null) {
                deal(q, exact, shown);
            } else if (quotaOn(q).isPresent()) {
                fillWithinCaps(q, quotaOn(q).get(), shown);
            } else {
                shown.forEach(a -> answerRandomly(q, a, true));
            }
        }
        for (ObjectNode answers : all) {
            Optional<Question> screening = Interview.screenedOutBy(interview, answers);
            if (screening.isPresent()) {
                throw new InvalidFiguresException("answers." + screening.get().id()
                        + ": a complete cannot give a screen-out answer");
            }
        }
        return all;
    }

    private void deal(Question q, Map<String, Integer> exact, List<ObjectNode> shown) {
        List<String> deck = new ArrayList<>();
        exact.forEach((code, count) -> deck.addAll(Collections.nCopies(count, code)));
        if (deck.size() > shown.size() || (deck.size() < shown.size() && q.requiresAnswer())) {
            throw new InvalidFiguresException("answers." + q.id() + ": the counts add up to " + deck.size()
                    + " but the question is shown to " + shown.size() + " completes"
                    + (q.condition() == null ? "" : " (those for whom its condition holds)"));
        }
        // An optional question may be left blank by the rest.
        deck.addAll(Collections.nCopies(shown.size() - deck.size(), null));
        Collections.shuffle(deck, random);
        for (int i = 0; i < shown.size(); i++) {
            if (deck.get(i) != null) {
                put(q, shown.get(i), deck.get(i));
            }
        }
    }

    /** A quota question without exact counts: random cells that still have room, so every complete stays complete. */
    private void fillWithinCaps(Question q, Quota quota, List<ObjectNode> shown) {
        Map<String, Integer> filled = new HashMap<>();
        for (ObjectNode answers : shown) {
            List<Option> open = eligible(q.options()).stream()
                    .filter(o -> quota.capFor(o.code()).orElse(Integer.MAX_VALUE) > filled.getOrDefault(o.code(), 0))
                    .toList();
            if (open.isEmpty()) {
                throw new InvalidFiguresException("completes: " + figures.completes() + " do not fit in the caps of quota '"
                        + quota.id() + "'");
            }
            String code = pick(open).code();
            filled.merge(code, 1, Integer::sum);
            put(q, answers, code);
        }
    }

    /** How many completes each quota cell holds, and a check that none is over its cap. */
    private Map<String, Map<String, Integer>> quotaFills(List<ObjectNode> completes) {
        Map<String, Map<String, Integer>> fills = new LinkedHashMap<>();
        for (Quota quota : definition.quotas()) {
            Question q = questions.get(quota.question());
            Map<String, Integer> cells = new HashMap<>();
            completes.forEach(a -> Answers.of(a).codes(q).forEach(code -> cells.merge(code, 1, Integer::sum)));
            cells.forEach((code, count) -> {
                OptionalInt cap = quota.capFor(code);
                if (cap.isPresent() && count > cap.getAsInt()) {
                    throw new InvalidFiguresException("answers." + q.id() + "." + code + ": " + count
                            + " completes, but quota '" + quota.id() + "' caps the cell at " + cap.getAsInt());
                }
            });
            fills.put(quota.id(), cells);
        }
        return fills;
    }

    // ---- attempts that do not count

    private List<Draft> screenOuts() {
        List<Draft> drafts = new ArrayList<>();
        figures.screenOuts().forEach((questionId, codes) -> {
            Question screening = questions.get(questionId);
            codes.forEach((code, count) -> {
                for (int i = 0; i < count; i++) {
                    ObjectNode answers = screenedOutAnswers(screening, code);
                    String reason = Interview.screenedOutBy(interview, answers)
                            .map(Question::id).orElse(null);
                    if (!questionId.equals(reason)) {
                        throw new InvalidFiguresException("screenOuts." + questionId + "." + code
                                + ": the server would give the reason " + reason);
                    }
                    drafts.add(new Draft(answers, PlannedOutcome.screenedOut(questionId)));
                }
            });
        });
        return drafts;
    }

    /**
     * Answers up to the page of the screening question, as someone leaving there would give them:
     * eligible answers before it, the screen-out answer, and anything after it on that page.
     */
    private ObjectNode screenedOutAnswers(Question screening, String code) {
        ObjectNode answers = JSON.objectNode();
        int lastPage = definition.pageIndexOf(screening.id());
        boolean before = true;
        for (Question q : definition.questions()) {
            if (definition.pageIndexOf(q.id()) > lastPage) {
                break;
            }
            if (q.id().equals(screening.id())) {
                put(q, answers, code);
                before = false;
            } else if (shown(q, answers)) {
                answerRandomly(q, answers, before);
            }
        }
        return answers;
    }

    private List<Draft> quotaFullAttempts(Map<String, Map<String, Integer>> fills) {
        List<Draft> drafts = new ArrayList<>();
        figures.quotaFull().forEach((quotaId, cells) -> {
            Quota quota = definition.quotas().stream().filter(qt -> qt.id().equals(quotaId)).findFirst().orElseThrow();
            Question q = questions.get(quota.question());
            cells.forEach((code, count) -> {
                for (int i = 0; i < count; i++) {
                    ObjectNode answers = JSON.objectNode();
                    for (Question each : definition.questions()) {
                        if (!shown(each, answers)) {
                            continue;
                        }
                        if (each.id().equals(q.id())) {
                            put(each, answers, code);
                        } else {
                            answerRandomly(each, answers, true);
                        }
                    }
                    drafts.add(new Draft(answers, firstFullCell(answers, fills)
                            .orElseThrow(() -> new InvalidFiguresException("quotaFull." + quotaId + "." + code
                                    + ": the cell is not full after the completes (plan exactly its cap there)"))));
                }
            });
        });
        return drafts;
    }

    /** The server's rule: the first quota, in definition order, whose cell for these answers is full. */
    private Optional<PlannedOutcome> firstFullCell(ObjectNode answers, Map<String, Map<String, Integer>> fills) {
        for (QuotaCell cell : Interview.quotaCells(interview, answers)) {
            if (fills.get(cell.quotaId()).getOrDefault(cell.code(), 0) >= cell.cap()) {
                return Optional.of(PlannedOutcome.quotaFull(cell.quotaId(), cell.code()));
            }
        }
        return Optional.empty();
    }

    private boolean shown(Question question, ObjectNode answers) {
        return interview.isShown(interview.question(question.id()).orElseThrow(), answers);
    }

    // ---- random valid answers

    private void answerRandomly(Question q, ObjectNode answers, boolean eligibleOnly) {
        if (!q.requiresAnswer() && random.nextInt(OPTIONAL_BLANK_IN) == 0) {
            return;
        }
        switch (q.type()) {
            case SINGLE -> put(q, answers, pick(eligibleOnly ? eligible(q.options()) : q.options()).code());
            case MULTIPLE -> answerMultiple(q, answers, eligibleOnly);
            case SCALE -> answers.put(q.id(), q.min() + random.nextInt(q.max() - q.min() + 1));
            case MATRIX -> answerMatrix(q, answers);
            case TEXT -> answers.put(q.id(), sampleText(q.id(), "A demo answer to " + q.id() + "."));
            case EMAIL -> answers.put(q.id(), "demo.respondent." + random.nextInt(1_000_000) + "@example.com");
        }
    }

    /**
     * A column per row; never one column all the way down a matrix long enough for the server to flag it
     * (the default threshold of {@code canvass.quality.straightliner-min-rows}): demo respondents are no
     * straight-liners. Only a drawn straight line is redrawn, so the plan is otherwise what it always was.
     */
    private void answerMatrix(Question q, ObjectNode answers) {
        ObjectNode cells = answers.putObject(q.id());
        Set<String> columns = new HashSet<>();
        for (Option row : q.rows()) {
            String column = pick(q.columns()).code();
            cells.put(row.code(), column);
            columns.add(column);
        }
        if (columns.size() == 1 && q.columns().size() > 1
                && q.rows().size() >= QualityThresholds.DEFAULTS.straightlinerMinRows()) {
            List<Option> others = q.columns().stream().filter(c -> !columns.contains(c.code())).toList();
            cells.put(q.rows().get(q.rows().size() - 1).code(), pick(others).code());
        }
    }

    private void answerMultiple(Question q, ObjectNode answers, boolean eligibleOnly) {
        List<Option> options = eligibleOnly ? eligible(q.options()) : q.options();
        List<Option> exclusive = options.stream().filter(Option::excludesOthers).toList();
        ArrayNode codes = answers.putArray(q.id());
        if (!exclusive.isEmpty() && random.nextInt(EXCLUSIVE_ONE_IN) == 0) {
            codes.add(pick(exclusive).code());
            return;
        }
        List<Option> combinable = new ArrayList<>(options.stream().filter(o -> !o.excludesOthers()).toList());
        Collections.shuffle(combinable, random);
        int count = 1 + random.nextInt(Math.min(4, combinable.size()));
        for (Option option : combinable.subList(0, count)) {
            codes.add(option.code());
            if (option.takesSpecifyText()) {
                String key = q.id() + "." + option.code();
                answers.put(key, sampleText(key, option.label().defaultText()));
            }
        }
    }

    private String sampleText(String key, String fallback) {
        List<String> samples = figures.texts().get(key);
        return samples == null || samples.isEmpty() ? fallback : pick(samples);
    }

    private void put(Question q, ObjectNode answers, String code) {
        if (q.type() == QuestionType.SCALE) {
            answers.put(q.id(), Integer.parseInt(code));
        } else {
            answers.put(q.id(), code);
        }
    }

    private Optional<Quota> quotaOn(Question q) {
        return definition.quotas().stream().filter(quota -> quota.question().equals(q.id())).findFirst();
    }

    private static List<Option> eligible(List<Option> options) {
        return options.stream().filter(o -> !o.screensOut()).toList();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    // ---- the figures must make sense for the definition before anything is generated

    private void checkFigures() {
        List<String> problems = new ArrayList<>();
        if (!definition.id().equals(figures.surveyId())) {
            problems.add("surveyId: '" + figures.surveyId() + "' but the definition is '" + definition.id() + "'");
        }
        if (figures.completes() == null || figures.completes() < 1) {
            problems.add("completes: must be a positive number");
        }
        figures.answers().forEach((questionId, counts) -> {
            Question q = questions.get(questionId);
            if (q == null) {
                problems.add("answers." + questionId + ": not a question of " + definition.id());
            } else if (q.type() != QuestionType.SINGLE && q.type() != QuestionType.SCALE) {
                problems.add("answers." + questionId + ": exact counts are for single-choice and scale questions");
            } else {
                counts.forEach((code, count) -> {
                    if (!q.answerCodes().contains(code)) {
                        problems.add("answers." + questionId + "." + code + ": not an answer code of the question");
                    } else if (q.option(code).map(Option::screensOut).orElse(false)) {
                        problems.add("answers." + questionId + "." + code + ": screens out, so no complete can give it");
                    }
                    checkCount("answers." + questionId + "." + code, count, problems);
                });
            }
        });
        figures.screenOuts().forEach((questionId, codes) -> {
            Question q = questions.get(questionId);
            if (q == null || q.type() != QuestionType.SINGLE) {
                problems.add("screenOuts." + questionId + ": not a single-choice question of " + definition.id());
                return;
            }
            codes.forEach((code, count) -> {
                if (!q.option(code).map(Option::screensOut).orElse(false)) {
                    problems.add("screenOuts." + questionId + "." + code + ": not a screen-out option of the question");
                }
                checkCount("screenOuts." + questionId + "." + code, count, problems);
            });
        });
        figures.quotaFull().forEach((quotaId, cells) -> {
            Optional<Quota> quota = definition.quotas().stream().filter(qt -> qt.id().equals(quotaId)).findFirst();
            if (quota.isEmpty()) {
                problems.add("quotaFull." + quotaId + ": not a quota of " + definition.id());
                return;
            }
            Question q = questions.get(quota.get().question());
            cells.forEach((code, count) -> {
                if (q.option(code).isEmpty() || quota.get().capFor(code).isEmpty()) {
                    problems.add("quotaFull." + quotaId + "." + code + ": not a capped cell of the quota");
                }
                checkCount("quotaFull." + quotaId + "." + code, count, problems);
            });
        });
        if (!problems.isEmpty()) {
            throw new InvalidFiguresException("The figures do not fit " + definition.id() + ":\n  " + String.join("\n  ", problems));
        }
    }

    private static void checkCount(String where, Integer count, List<String> problems) {
        if (count == null || count < 0) {
            problems.add(where + ": a count must be 0 or more");
        }
    }

    private record Draft(ObjectNode answers, PlannedOutcome expected) {
    }
}
