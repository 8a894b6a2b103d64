package io.canvass.respondent;

import static io.canvass.testing.RandomTrials.chance;
import static io.canvass.testing.RandomTrials.oneOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Condition;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.LocalizedText;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Page;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.testing.RandomTrials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random survey definitions and answer sets for page tests: every question type, with definition
 * texts and typed answers full of what escaping and UTF-8 get wrong (markup, quotes, ampersands,
 * CJK, emoji, line breaks), and answers of every shape a stored response might hold, valid or not.
 */
final class RandomPages {

    /** What a respondent or a definition might write: HTML-special, quotes, accents, CJK, emoji, breaks. */
    static final String HOSTILE = "ab Z09<>&\"'/=;é€«»\u00a0漢字かな한글😀👍🏽🇪🇺\n\t";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<QuestionType> TYPES = List.of(QuestionType.values());

    private RandomPages() {
    }

    /** Hostile text of 1 to {@code max} characters (whole code points). */
    static String text(Random random, int max) {
        return RandomTrials.text(random, HOSTILE, 1, max);
    }

    /**
     * One to three pages of one to four questions each, every type, labels and texts drawn from
     * {@link #HOSTILE}; options with exclusive and specify, scales with and without end labels,
     * conditions on earlier single choices (on this page too, which reveals). Put through the parser.
     */
    static SurveyDefinition definition(Random random) {
        List<Page> pages = new ArrayList<>();
        List<Question> earlier = new ArrayList<>();
        int number = 0;
        for (int p = 0, pageCount = 1 + random.nextInt(3); p < pageCount; p++) {
            List<Question> questions = new ArrayList<>();
            for (int i = 0, count = 1 + random.nextInt(4); i < count; i++) {
                Question question = question(random, "q" + number++, earlier);
                questions.add(question);
                earlier.add(question);
            }
            pages.add(new Page("p" + p, LocalizedText.of("Page " + text(random, 12)),
                    chance(random, 0.4) ? LocalizedText.of(text(random, 30)) : null,
                    questions));
        }
        SurveyDefinition drawn = new SurveyDefinition("hostile-pages", 1, null, LocalizedText.of("Survey " + text(random, 15)),
                null, null, null, null, null, null, null, null, pages, List.of());
        return DefinitionParser.parse(DefinitionParser.toJson(drawn), DefinitionFormat.JSON, "random pages");
    }

    private static Question question(Random random, String id, List<Question> earlier) {
        QuestionType type = oneOf(random, TYPES);
        LocalizedText text = LocalizedText.of("Question " + text(random, 20));
        LocalizedText help = chance(random, 0.4) ? LocalizedText.of(text(random, 25)) : null;
        Boolean required = chance(random, 0.6) ? null : Boolean.FALSE;
        Condition condition = chance(random, 0.4) ? condition(random, earlier) : null;
        return switch (type) {
            case SINGLE, MULTIPLE -> new Question(id, type, text, help, required, options(random, type), null, null,
                    null, null, null, null, null, null, condition);
            case SCALE -> {
                int min = random.nextInt(2);
                yield new Question(id, type, text, help, required, null, null, null, min, min + 1 + random.nextInt(9),
                        chance(random, 0.6) ? LocalizedText.of(text(random, 10)) : null,
                        chance(random, 0.6) ? LocalizedText.of(text(random, 10)) : null,
                        null, null, condition);
            }
            case MATRIX -> new Question(id, type, text, help, required, null, labelled(random, "r", 1 + random.nextInt(3)),
                    labelled(random, "c", 2 + random.nextInt(3)), null, null, null, null, null, null, condition);
            case TEXT -> new Question(id, type, text, help, required, null, null, null, null, null, null, null,
                    chance(random, 0.5) ? 5 + random.nextInt(200) : null, chance(random, 0.3) ? Boolean.TRUE : null,
                    condition);
            case EMAIL -> new Question(id, type, text, help, required, null, null, null, null, null, null, null, null,
                    null, condition);
        };
    }

    private static List<Option> options(Random random, QuestionType type) {
        List<Option> options = new ArrayList<>();
        for (int i = 0, count = 2 + random.nextInt(4); i < count; i++) {
            options.add(new Option("o" + i, LocalizedText.of(text(random, 15)), null,
                    type == QuestionType.MULTIPLE && chance(random, 0.2), chance(random, 0.25)));
        }
        return options;
    }

    private static List<Option> labelled(Random random, String prefix, int count) {
        List<Option> choices = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            choices.add(new Option(prefix + i, LocalizedText.of(text(random, 12)), null, null, null));
        }
        return choices;
    }

    private static Condition condition(Random random, List<Question> earlier) {
        List<Question> singles = earlier.stream().filter(q -> q.type() == QuestionType.SINGLE).toList();
        if (singles.isEmpty()) {
            return null;
        }
        Question tested = oneOf(random, singles);
        List<String> codes = new ArrayList<>(tested.answerCodes());
        Collections.shuffle(codes, random);
        return new Condition(tested.id(), null, codes.subList(0, 1 + random.nextInt(Math.min(2, codes.size()))),
                null, null, null);
    }

    /**
     * Answers to any of the definition's questions (so that conditions on earlier pages go both
     * ways): mostly of the right shape, some of the wrong one (a list for a single choice, a text
     * for a scale, unknown codes, nulls), specify texts with or without their option, hostile text.
     */
    static ObjectNode answers(Random random, SurveyDefinition definition) {
        ObjectNode answers = NODES.objectNode();
        for (Question q : definition.questions()) {
            if (chance(random, 0.2)) {
                continue;
            }
            answers.set(q.id(), chance(random, 0.8) ? validAnswer(random, q) : oddAnswer(random, q));
            if (q.options() != null) {
                for (Option option : q.options()) {
                    if (option.takesSpecifyText() && chance(random, 0.6)) {
                        answers.set(q.id() + "." + option.code(), chance(random, 0.9) ? NODES.textNode(text(random, 40))
                                : oneOf(random, List.of(NODES.nullNode(), NODES.numberNode(3), NODES.textNode(""))));
                    }
                }
            }
        }
        return answers;
    }

    private static JsonNode validAnswer(Random random, Question q) {
        return switch (q.type()) {
            case SINGLE -> NODES.textNode(oneOf(random, q.options()).code());
            case MULTIPLE -> {
                ArrayNode chosen = NODES.arrayNode();
                q.options().stream().filter(o -> chance(random, 0.4)).forEach(o -> chosen.add(o.code()));
                yield chosen;
            }
            case SCALE -> NODES.numberNode(q.min() + random.nextInt(q.max() - q.min() + 1));
            case MATRIX -> {
                ObjectNode cells = NODES.objectNode();
                q.rows().stream().filter(r -> chance(random, 0.8))
                        .forEach(row -> cells.put(row.code(), oneOf(random, q.columns()).code()));
                yield cells;
            }
            case TEXT -> NODES.textNode(text(random, 60));
            case EMAIL -> NODES.textNode(chance(random, 0.7) ? "cio@example.com" : text(random, 30));
        };
    }

    private static JsonNode oddAnswer(Random random, Question q) {
        List<JsonNode> any = new ArrayList<>(List.of(NODES.nullNode(), NODES.numberNode(2), NODES.textNode("zz"),
                NODES.arrayNode(), NODES.objectNode(), NODES.booleanNode(true), NODES.textNode(""),
                NODES.textNode(text(random, 10)), NODES.numberNode(2.5)));
        if (q.options() != null) {
            any.add(NODES.arrayNode().add(q.options().get(0).code()).add("zz"));
            any.add(NODES.textNode(q.options().get(q.options().size() - 1).code()));
        }
        if (q.type() == QuestionType.SCALE) {
            any.add(NODES.textNode(Integer.toString(q.min())));
            any.add(NODES.numberNode(q.max() + 1));
            any.add(NODES.arrayNode().add(q.min()));
        }
        if (q.type() == QuestionType.MATRIX) {
            ObjectNode cells = NODES.objectNode();
            cells.put(q.rows().get(0).code(), 3);
            cells.putNull(q.rows().get(q.rows().size() - 1).code());
            cells.put("zz", q.columns().get(0).code());
            any.add(cells);
        }
        return oneOf(random, any);
    }
}
