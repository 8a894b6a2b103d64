package io.canvass.interview;

import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One question of a {@link SurveyPlan}: where it stands, its codes by value, and its condition
 * compiled, so that checking an answer is a few map lookups and nothing is rebuilt per call.
 */
public final class QuestionPlan {

    private final Question question;
    private final int index;
    private final int pageIndex;
    private final Map<String, Integer> optionIndex;
    private final Map<String, Integer> rowIndex;
    private final Map<String, Integer> columnIndex;
    private final List<String> answerCodes;
    private final Map<String, Integer> answerCodeIndex;
    private final Set<String> screenOutCodes;
    /** Set once while the plan is compiled, after every question has its plan. */
    private ShowCondition condition;

    QuestionPlan(Question question, int index, int pageIndex) {
        this.question = question;
        this.index = index;
        this.pageIndex = pageIndex;
        this.optionIndex = indexByCode(question.options());
        this.rowIndex = indexByCode(question.rows());
        this.columnIndex = indexByCode(question.columns());
        this.answerCodes = question.answerCodes();
        Map<String, Integer> codeIndex = new HashMap<>();
        for (int i = 0; i < answerCodes.size(); i++) {
            codeIndex.putIfAbsent(answerCodes.get(i), i);
        }
        this.answerCodeIndex = Map.copyOf(codeIndex);
        Set<String> screenOut = new HashSet<>();
        if (question.type().hasOptions()) {
            question.options().stream().filter(Option::screensOut).forEach(o -> screenOut.add(o.code()));
        }
        this.screenOutCodes = Set.copyOf(screenOut);
    }

    public Question question() {
        return question;
    }

    public String id() {
        return question.id();
    }

    public QuestionType type() {
        return question.type();
    }

    /** Its place in survey order, from 0. */
    public int index() {
        return index;
    }

    /** The index of the page it stands on, from 0. */
    public int pageIndex() {
        return pageIndex;
    }

    /** The option with this code, or null. */
    public Option option(String code) {
        return find(question.options(), optionIndex, code);
    }

    /** The matrix row with this code, or null. */
    public Option row(String code) {
        return find(question.rows(), rowIndex, code);
    }

    /** The matrix column with this code, or null. */
    public Option column(String code) {
        return find(question.columns(), columnIndex, code);
    }

    /** The codes an answer may take: option codes, matrix column codes or scale points, in definition order. */
    public List<String> answerCodes() {
        return answerCodes;
    }

    /** The index of an answer code in {@link #answerCodes()}, or -1: what a tally keys its counts by. */
    public int answerCodeIndex(String code) {
        Integer index = answerCodeIndex.get(code);
        return index == null ? -1 : index;
    }

    /** Whether the option with this code takes an "other, please specify" text. */
    public boolean takesSpecifyText(String code) {
        Option option = option(code);
        return option != null && option.takesSpecifyText();
    }

    /** Whether answering with this code screens the respondent out. */
    public boolean screensOut(String code) {
        return screenOutCodes.contains(code);
    }

    /** Whether any of its options screens out: only these questions decide eligibility. */
    public boolean screens() {
        return !screenOutCodes.isEmpty();
    }

    Set<String> screenOutCodes() {
        return screenOutCodes;
    }

    /** Whether it has a condition at all; without one it is always shown. */
    public boolean conditional() {
        return condition != null;
    }

    ShowCondition condition() {
        return condition;
    }

    void compileCondition(Map<String, QuestionPlan> questions) {
        this.condition = question.condition() == null ? null : ShowCondition.compile(question.condition(), questions);
    }

    /** Whether personal data: stored apart from the answers, never in results or exports. */
    public boolean holdsPersonalData() {
        return question.holdsPersonalData();
    }

    private static Map<String, Integer> indexByCode(List<Option> list) {
        if (list == null) {
            return Map.of();
        }
        Map<String, Integer> byCode = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            byCode.putIfAbsent(list.get(i).code(), i);
        }
        return Map.copyOf(byCode);
    }

    private static Option find(List<Option> list, Map<String, Integer> index, String code) {
        Integer at = code == null ? null : index.get(code);
        return at == null ? null : list.get(at);
    }

    @Override
    public String toString() {
        return question.id();
    }
}
