package io.canvass.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.interview.Interview;
import io.canvass.interview.SurveyPlan;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.AiiaAnswers;
import io.canvass.response.AnswerValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A micro-measurement, not a test: microseconds of CPU per check of a complete 30-answer
 * submission to the 2023 study, through the REST path's validator (check, split of the e-mail
 * address) and through the engine's checkAll alone. CPU time of the measuring thread, so other
 * work on the machine changes the figure less than it changes wall time. Run after
 * {@code ./mvnw test-compile}:
 * {@code java -cp "target/classes:target/test-classes:$(cat cp.txt)" io.canvass.bench.CheckAllCost}
 * with cp.txt from {@code ./mvnw dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}.
 */
public final class CheckAllCost {

    private static final int ROUNDS = 8;
    private static final int CHECKS_PER_ROUND = 100_000;

    public static void main(String[] args) throws Exception {
        SurveyDefinition definition = DefinitionParser.parse(
                Files.readString(Path.of("questionnaire/aiia-genai-2023.yaml")), DefinitionFormat.YAML, "2023");
        ObjectNode answers = new ObjectMapper().valueToTree(AiiaAnswers.complete("retail").answers());
        AnswerValidator validator = new AnswerValidator();
        SurveyPlan plan = SurveyPlan.of(definition);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < CHECKS_PER_ROUND; i++) {
                sink += validator.check(definition, answers).personalData().size();
            }
            long validatorNanos = threads.getCurrentThreadCpuTime() - start;
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < CHECKS_PER_ROUND; i++) {
                sink += Interview.checkAll(plan, answers).violations().size();
            }
            long engineNanos = threads.getCurrentThreadCpuTime() - start;
            System.out.printf("round %d: AnswerValidator.check %.2f µs CPU, Interview.checkAll %.2f µs CPU%n", round,
                    validatorNanos / 1000.0 / CHECKS_PER_ROUND, engineNanos / 1000.0 / CHECKS_PER_ROUND);
        }
        System.out.println("(" + sink + ")");
    }
}
