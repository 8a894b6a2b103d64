package io.canvass.interview;

import io.canvass.testing.RandomTrials;
import static io.canvass.testing.RandomTrials.chance;
import static io.canvass.testing.RandomTrials.oneOf;
import static io.canvass.testing.RandomTrials.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random answer sets for a definition, valid and invalid: most follow the survey as a respondent
 * would (answering what the oracle says is shown, now and then wrongly), the rest are noise of
 * every shape. Which questions are shown is decided by the oracle, never by the engine under test.
 */
final class RandomAnswerSets {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RandomAnswerSets() {
    }

    static ObjectNode next(Random random, SurveyDefinition definition, InterviewOracle oracle) {
        ObjectNode answers = NODES.objectNode();
        boolean respondent = chance(random, 0.65);
        double mistakes = respondent ? (chance(random, 0.5) ? 0.0 : 0.08) : 0.5;
        for (Question question : definition.questions()) {
            boolean shown = oracle.shown(question, answers);
            if (respondent && !shown) {
                if (chance(random, mistakes / 2)) {
                    answers.set(question.id(), validAnswer(random, question));
                }
                continue;
            }
            if (respondent && !question.requiresAnswer() && chance(random, 0.3)) {
                continue;
            }
            if (!respondent && chance(random, 0.4)) {
                continue;
            }
            answers.set(question.id(), chance(random, mistakes) ? oddAnswer(random, question) : validAnswer(random, question));
            addSpecifyTexts(random, question, answers, mistakes);
        }
        if (chance(random, mistakes)) {
            answers.put(oneOf(random, List.of("unknown", "a/b~c", "q0.zz", "x".repeat(45), "")), "?");
        }
        if (chance(random, mistakes) && !definition.questions().isEmpty()) {
            answers.putNull(oneOf(random, definition.questions()).id());
        }
        return answers;
    }

    /** A shuffled copy, the same answers in another key order: for order-independent rules. */
    static ObjectNode reordered(Random random, ObjectNode answers) {
        List<String> keys = new ArrayList<>();
        answers.fieldNames().forEachRemaining(keys::add);
        Collections.shuffle(keys, random);
        ObjectNode copy = NODES.objectNode();
        keys.forEach(key -> copy.set(key, answers.get(key)));
        return copy;
    }

    private static JsonNode validAnswer(Random random, Question q) {
        return switch (q.type()) {
            case SINGLE -> NODES.textNode(oneOf(random, q.options()).code());
            case MULTIPLE -> {
                List<Option> options = new ArrayList<>(q.options());
                Collections.shuffle(options, random);
                ArrayNode chosen = NODES.arrayNode();
                Option first = options.get(0);
                chosen.add(first.code());
                if (!first.excludesOthers()) {
                    options.stream().skip(1).filter(o -> !o.excludesOthers() && chance(random, 0.4))
                            .forEach(o -> chosen.add(o.code()));
                }
                yield chosen;
            }
            case SCALE -> NODES.numberNode(q.min() + random.nextInt(q.max() - q.min() + 1));
            case MATRIX -> {
                ObjectNode cells = NODES.objectNode();
                q.rows().forEach(row -> cells.put(row.code(), oneOf(random, q.columns()).code()));
                yield cells;
            }
            case TEXT -> NODES.textNode(text(random, "ab 😀é", 1, Math.min(q.maxLength(), 12)));
            case EMAIL -> NODES.textNode(oneOf(random, List.of("cio@example.com", "a.b@example.co.uk", "x@y.io")));
        };
    }

    private static JsonNode oddAnswer(Random random, Question q) {
        List<JsonNode> common = List.of(NODES.numberNode(7), NODES.textNode("zz"), NODES.arrayNode(), NODES.objectNode(),
                NODES.booleanNode(true), NODES.textNode(""), NODES.textNode("  "));
        if (chance(random, 0.3)) {
            return oneOf(random, common);
        }
        return switch (q.type()) {
            case SINGLE -> oneOf(random, List.of(NODES.textNode("zz"), NODES.arrayNode().add(q.options().get(0).code()),
                    NODES.numberNode(1)));
            case MULTIPLE -> {
                ArrayNode items = NODES.arrayNode();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    double kind = random.nextDouble();
                    if (kind < 0.7) {
                        items.add(oneOf(random, q.options()).code());
                    } else if (kind < 0.85) {
                        items.add("zz");
                    } else {
                        items.add(i);
                    }
                }
                yield chance(random, 0.1) ? NODES.textNode(q.options().get(0).code()) : items;
            }
            case SCALE -> oneOf(random, List.of(NODES.numberNode(q.max() + 1), NODES.numberNode(q.min() - 1),
                    NODES.numberNode(2.5), NODES.textNode(Integer.toString(q.min())), NODES.numberNode(1L << 40),
                    NODES.numberNode(BigInteger.TWO.pow(70).add(BigInteger.valueOf(q.min()))),
                    NODES.numberNode(q.max())));
            case MATRIX -> {
                ObjectNode cells = NODES.objectNode();
                for (Option row : q.rows()) {
                    double kind = random.nextDouble();
                    if (kind < 0.5) {
                        cells.put(row.code(), oneOf(random, q.columns()).code());
                    } else if (kind < 0.65) {
                        cells.put(row.code(), "zz");
                    } else if (kind < 0.75) {
                        cells.put(row.code(), 3);
                    } else if (kind < 0.85) {
                        cells.putNull(row.code());
                    }
                }
                if (chance(random, 0.2)) {
                    cells.put("r9/~", q.columns().get(0).code());
                }
                yield chance(random, 0.1) ? NODES.textNode("c1") : cells;
            }
            case TEXT -> chance(random, 0.7) ? NODES.textNode("w".repeat(q.maxLength() + 1 + random.nextInt(2)))
                    : NODES.textNode("😀".repeat(q.maxLength()));
            case EMAIL -> NODES.textNode(oneOf(random, List.of("nope", "a@b", "a@@b.com", " x@y.io", "x@y.io.",
                    "a".repeat(300) + "@example.com", "\"q\"@example.com", "x@[1.2.3.4]")));
        };
    }

    private static void addSpecifyTexts(Random random, Question q, ObjectNode answers, double mistakes) {
        if (q.options() == null) {
            return;
        }
        for (Option option : q.options()) {
            if (!option.takesSpecifyText()) {
                continue;
            }
            String key = q.id() + "." + option.code();
            JsonNode answer = answers.get(q.id());
            boolean chosen = answer != null && (answer.isTextual() && answer.asText().equals(option.code())
                    || answer.isArray() && answer.toString().contains("\"" + option.code() + "\""));
            if (chosen && chance(random, 0.6)) {
                answers.put(key, text(random, "other ", 1, 20));
            } else if (chance(random, mistakes)) {
                answers.set(key, oneOf(random, List.of(NODES.textNode("unasked"), NODES.numberNode(5),
                        NODES.textNode("x".repeat(501)), NODES.textNode(" "), NODES.nullNode())));
            }
        }
    }
}
