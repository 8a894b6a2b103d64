package io.canvass.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.RecordKey;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes N complete responses to a survey definition as CSV for PostgreSQL's COPY into the
 * {@code response} table, with random, valid answers ({@link RandomAnswers}) and no personal data:
 * a million stored responses in a minute, for benchmarks that read them (exports, results).
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:target/quarkus-app/lib/main/*" io.canvass.bench.BulkResponses \
 *     DEFINITION.yaml COUNT [SEED] | psql -c "COPY response (id, survey_id, survey_version, status, reason, answers, started_at, submitted_at, record_key) FROM STDIN WITH (FORMAT csv)"
 * </pre>
 * Submission times are one second apart, ending now; record keys are uniformly random, as the service draws
 * them. The survey version must be stored already
 * (start the service on the database once).
 */
public final class BulkResponses {

    /** The column list the rows are in, for the COPY statement. */
    public static final String COLUMNS = "id, survey_id, survey_version, status, reason, answers, started_at, submitted_at,"
            + " record_key";

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Usage: BulkResponses DEFINITION_FILE COUNT [SEED]   (CSV for COPY response (" + COLUMNS + ") on stdout)");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2023;
        String name = file.getFileName().toString();
        DefinitionFormat format = name.endsWith(".json") ? DefinitionFormat.JSON : DefinitionFormat.YAML;
        SurveyDefinition definition = DefinitionParser.parse(Files.readString(file), format, name);
        List<String> personal = definition.questions().stream()
                .filter(q -> q.holdsPersonalData() || q.type() == QuestionType.EMAIL)
                .map(Question::id)
                .toList();
        RandomAnswers answers = new RandomAnswers(definition, seed);
        Random keys = new Random(seed);
        Instant first = Instant.now().minusSeconds(count);
        try (CSVPrinter out = new CSVPrinter(new BufferedWriter(
                new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), CSVFormat.POSTGRESQL_CSV)) {
            for (int i = 0; i < count; i++) {
                ObjectNode given = answers.next();
                given.remove(personal);
                Instant submitted = first.plusSeconds(i);
                out.printRecord(UUID.randomUUID(), definition.id(), definition.version(), "COMPLETE", null,
                        given.toString(), submitted.minusSeconds(600), submitted, keys.nextInt(RecordKey.RANGE));
            }
        }
    }
}
