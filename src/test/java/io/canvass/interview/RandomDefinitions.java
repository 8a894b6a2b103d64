package io.canvass.interview;

import io.canvass.testing.RandomTrials;
import static io.canvass.testing.RandomTrials.chance;
import static io.canvass.testing.RandomTrials.oneOf;

import io.canvass.questionnaire.Condition;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.LocalizedText;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Page;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.Quota;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small random survey definitions that keep the definition rules: one to four pages of every
 * question type, screen-out, exclusive and specify options, conditions on earlier answers (single
 * tests and all/any combinations, matrix rows included), personal data and quotas. Each is put
 * through the parser, so a generator bug cannot pass for an engine bug.
 */
final class RandomDefinitions {

    private static final List<QuestionType> TYPES = List.of(QuestionType.SINGLE, QuestionType.SINGLE,
            QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.MULTIPLE, QuestionType.SCALE, QuestionType.MATRIX,
            QuestionType.TEXT, QuestionType.EMAIL);

    private RandomDefinitions() {
    }

    static SurveyDefinition next(Random random) {
        return next(random, 4);
    }

    /**
     * At most {@code largest} pages of at most {@code largest} questions each (from 1): a smaller size draws a
     * smaller survey from the same seed, for {@link RandomTrials}' shrinking. {@code next(random)} is size 4.
     */
    static SurveyDefinition next(Random random, int largest) {
        List<Page> pages = new ArrayList<>();
        List<Question> earlier = new ArrayList<>();
        int questionNumber = 0;
        for (int p = 0, pageCount = 1 + random.nextInt(largest); p < pageCount; p++) {
            List<Question> questions = new ArrayList<>();
            for (int i = 0, count = 1 + random.nextInt(largest); i < count; i++) {
                Question question = question(random, "q" + questionNumber++, earlier);
                questions.add(question);
                earlier.add(question);
            }
            pages.add(new Page("p" + p, LocalizedText.of("Page " + p), null, questions));
        }
        List<Quota> quotas = new ArrayList<>();
        for (Question question : earlier) {
            if (question.type() == QuestionType.SINGLE && chance(random, 0.3)) {
                quotas.add(quota(random, question));
            }
        }
        SurveyDefinition drawn = new SurveyDefinition("random", 1, null, LocalizedText.of("Random"), null, null, null, null, null, null, null,
                null, pages, quotas);
        return DefinitionParser.parse(DefinitionParser.toJson(drawn), DefinitionFormat.JSON, "random definition");
    }

    private static Question question(Random random, String id, List<Question> earlier) {
        QuestionType type = oneOf(random, TYPES);
        Boolean required = chance(random, 0.7) ? null : Boolean.FALSE;
        Condition condition = chance(random, 0.45) ? condition(random, earlier) : null;
        return switch (type) {
            case SINGLE, MULTIPLE -> new Question(id, type, LocalizedText.of("Question " + id), null, required, options(random, type),
                    null, null, null, null, null, null, null, null, condition);
            case SCALE -> {
                int min = random.nextInt(2);
                yield new Question(id, type, LocalizedText.of("Question " + id), null, required, null, null, null, min,
                        min + 2 + random.nextInt(4), null, null, null, null, condition);
            }
            case MATRIX -> new Question(id, type, LocalizedText.of("Question " + id), null, required, null,
                    choices(random, "r", 1 + random.nextInt(3)), choices(random, "c", 2 + random.nextInt(2)), null, null,
                    null, null, null, null, condition);
            case TEXT -> new Question(id, type, LocalizedText.of("Question " + id), null, required, null, null, null, null, null, null,
                    null, chance(random, 0.6) ? 3 + random.nextInt(10) : null, chance(random, 0.3) ? Boolean.TRUE : null,
                    condition);
            case EMAIL -> new Question(id, type, LocalizedText.of("Question " + id), null, required, null, null, null, null, null, null,
                    null, chance(random, 0.3) ? 20 + random.nextInt(40) : null, null, condition);
        };
    }

    private static List<Option> options(Random random, QuestionType type) {
        List<Option> options = new ArrayList<>();
        String[] codes = {"a", "b", "c", "d"};
        for (int i = 0, count = 2 + random.nextInt(3); i < count; i++) {
            options.add(new Option(codes[i], LocalizedText.of("Option " + codes[i]), chance(random, 0.15),
                    type == QuestionType.MULTIPLE && chance(random, 0.2), chance(random, 0.2)));
        }
        return options;
    }

    private static List<Option> choices(Random random, String prefix, int count) {
        List<Option> choices = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            choices.add(new Option(prefix + i, LocalizedText.of("Choice " + prefix + i), null, null, null));
        }
        return choices;
    }

    private static Condition condition(Random random, List<Question> earlier) {
        List<Question> testable = earlier.stream()
                .filter(q -> q.type() != QuestionType.TEXT && q.type() != QuestionType.EMAIL).toList();
        if (testable.isEmpty()) {
            return null;
        }
        if (chance(random, 0.2)) {
            List<Condition> parts = List.of(test(random, testable), test(random, testable));
            return chance(random, 0.5) ? new Condition(null, null, null, null, parts, null)
                    : new Condition(null, null, null, null, null, parts);
        }
        return test(random, testable);
    }

    private static Condition test(Random random, List<Question> testable) {
        Question tested = oneOf(random, testable);
        List<String> codes = new ArrayList<>(tested.answerCodes());
        java.util.Collections.shuffle(codes, random);
        List<String> chosen = codes.subList(0, 1 + random.nextInt(Math.min(2, codes.size())));
        String row = tested.type() == QuestionType.MATRIX ? oneOf(random, tested.rows()).code() : null;
        return chance(random, 0.6) ? new Condition(tested.id(), row, chosen, null, null, null)
                : new Condition(tested.id(), row, null, chosen, null, null);
    }

    private static Quota quota(Random random, Question question) {
        if (chance(random, 0.5)) {
            return new Quota("quota_" + question.id(), question.id(), 1 + random.nextInt(5), null);
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (Option option : question.options()) {
            if (chance(random, 0.5)) {
                limits.put(option.code(), random.nextInt(4));
            }
        }
        if (limits.isEmpty()) {
            limits.put(question.options().get(0).code(), 2);
        }
        return new Quota("quota_" + question.id(), question.id(), null, limits);
    }
}
