package io.canvass.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes N random complete submissions for a survey of a running service, one JSON body a line,
 * for the wrk load script. Usage: SubmissionBodies BASE_URL SURVEY_ID COUNT OUTPUT_FILE [DEFINITION_FILE]
 * With the definition file the answers avoid its screen-out options; without it they come from the public
 * view, which does not say which options screen out, so some bodies will be screened out.
 */
public final class SubmissionBodies {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String surveyId = args[1];
        int count = Integer.parseInt(args[2]);
        Path output = Path.of(args[3]);
        SurveyDefinition survey = args.length > 4 ? fromFile(Path.of(args[4])) : publicView(base, surveyId);
        RandomAnswers answers = new RandomAnswers(survey, 2023);
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(output)) {
            for (int i = 0; i < count; i++) {
                out.write(json.writeValueAsString(Map.of("answers", answers.next())));
                out.newLine();
            }
        }
    }

    private static SurveyDefinition fromFile(Path file) throws Exception {
        DefinitionFormat format = DefinitionFormat.ofFileName(file.getFileName().toString()).orElseThrow();
        return DefinitionParser.parse(Files.readString(file), format, file.toString());
    }

    private static SurveyDefinition publicView(String base, String surveyId) throws Exception {
        HttpResponse<String> definition = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/api/surveys/" + surveyId)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (definition.statusCode() != 200) {
            throw new IllegalStateException("GET definition: " + definition.statusCode() + " " + definition.body());
        }
        return DefinitionParser.fromCanonicalJson(definition.body());
    }
}
