package io.canvass.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a demo data set must reproduce, as researchers write it in a figures file beside the
 * survey (e.g. {@code questionnaire/demo/aiia-genai-2023.demo.yaml}): the survey, the number of
 * completes, the seed, exact answer counts among the completes, and the screen-out and
 * quota-full attempts around them.
 *
 * @param surveyId   the survey the respondents answer
 * @param definition the survey's definition file, relative to the figures file
 * @param completes  how many complete responses to store
 * @param seed       makes the whole plan, and so a re-run, reproducible
 * @param answers    question id → answer code → exact number of completes giving it
 * @param screenOuts screening question id → screen-out code → number of attempts screened out by it
 * @param quotaFull  quota id → cell code → number of eligible attempts sent after the cell is full
 * @param texts      question id (or {@code question.option} for a specify box) → sample texts
 */
public record DemoFigures(
        String surveyId,
        String definition,
        Integer completes,
        Long seed,
        Map<String, Map<String, Integer>> answers,
        Map<String, Map<String, Integer>> screenOuts,
        Map<String, Map<String, Integer>> quotaFull,
        Map<String, List<String>> texts) {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public DemoFigures {
        answers = answers == null ? Map.of() : copy(answers);
        screenOuts = screenOuts == null ? Map.of() : copy(screenOuts);
        quotaFull = quotaFull == null ? Map.of() : copy(quotaFull);
        texts = texts == null ? Map.of() : Map.copyOf(texts);
        seed = seed == null ? 0L : seed;
    }

    /** Reads a figures file; the order of codes in it is kept (it decides nothing but reads better). */
    public static DemoFigures read(Path file) {
        try {
            DemoFigures figures = YAML.readValue(Files.readString(file), DemoFigures.class);
            if (figures == null) {
                throw new InvalidFiguresException(file + " is empty");
            }
            return figures;
        } catch (IOException e) {
            throw new InvalidFiguresException("Cannot read the figures file " + file + ": " + e.getMessage());
        }
    }

    /** The same figures for another survey with the same questions (a test copy, a renamed survey). */
    public DemoFigures forSurvey(String otherSurveyId) {
        return new DemoFigures(otherSurveyId, definition, completes, seed, answers, screenOuts, quotaFull, texts);
    }

    private static Map<String, Map<String, Integer>> copy(Map<String, Map<String, Integer>> counts) {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        counts.forEach((key, cells) -> copy.put(key, cells == null ? Map.of() : new LinkedHashMap<>(cells)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
