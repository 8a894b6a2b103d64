package io.canvass.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * for the wrk load script. Usage: SubmissionBodies BASE_URL SURVEY_ID COUNT OUTPUT_FILE
 */
public final class SubmissionBodies {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String surveyId = args[1];
        int count = Integer.parseInt(args[2]);
        Path output = Path.of(args[3]);
        HttpResponse<String> definition = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/api/surveys/" + surveyId)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (definition.statusCode() != 200) {
            throw new IllegalStateException("GET definition: " + definition.statusCode() + " " + definition.body());
        }
        SurveyDefinition survey = DefinitionParser.fromCanonicalJson(definition.body());
        RandomAnswers answers = new RandomAnswers(survey, 2023);
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(output)) {
            for (int i = 0; i < count; i++) {
                out.write(json.writeValueAsString(Map.of("answers", answers.next())));
                out.newLine();
            }
        }
    }
}
