package io.canvass.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random, valid and eligible answers to any survey definition: never a screen-out option, the
 * exclusive rules kept, skip logic followed. What a benchmark or a fill of test data submits.
 */
public final class RandomAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SurveyDefinition definition;
    private final Map<String, Question> questions;
    private final Random random;

    public RandomAnswers(SurveyDefinition definition, long seed) {
        this.definition = definition;
        this.questions = definition.questionsById();
        this.random = new Random(seed);
    }

    /** One respondent's answers, in survey order. */
    public ObjectNode next() {
        ObjectNode answers = JSON.createObjectNode();
        Answers view = Answers.of(answers);
        for (Question q : definition.questions()) {
            if (!SkipLogic.isShown(q, view, questions)) {
                continue;
            }
            if (!q.requiresAnswer() && random.nextInt(3) == 0) {
                continue;
            }
            switch (q.type()) {
                case SINGLE -> answers.put(q.id(), pick(eligible(q.options())).code());
                case MULTIPLE -> multiple(q, answers);
                case SCALE -> answers.put(q.id(), q.min() + random.nextInt(q.max() - q.min() + 1));
                case MATRIX -> {
                    ObjectNode cells = answers.putObject(q.id());
                    q.rows().forEach(row -> cells.put(row.code(), pick(q.columns()).code()));
                }
                case TEXT -> answers.put(q.id(), "Comment " + random.nextInt(1_000_000));
                case EMAIL -> answers.put(q.id(), "exec" + random.nextInt(1_000_000) + "@example.com");
            }
        }
        return answers;
    }

    private void multiple(Question q, ObjectNode answers) {
        List<Option> options = eligible(q.options());
        List<Option> exclusive = options.stream().filter(Option::excludesOthers).toList();
        ArrayNode codes = answers.putArray(q.id());
        if (!exclusive.isEmpty() && random.nextInt(10) == 0) {
            codes.add(pick(exclusive).code());
            return;
        }
        List<Option> combinable = new ArrayList<>(options.stream().filter(o -> !o.excludesOthers()).toList());
        Collections.shuffle(combinable, random);
        int count = 1 + random.nextInt(Math.min(4, combinable.size()));
        for (Option option : combinable.subList(0, count)) {
            codes.add(option.code());
            if (option.takesSpecifyText()) {
                answers.put(q.id() + "." + option.code(), "Specified " + random.nextInt(1000));
            }
        }
    }

    private List<Option> eligible(List<Option> options) {
        return options.stream().filter(o -> !o.screensOut()).toList();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
