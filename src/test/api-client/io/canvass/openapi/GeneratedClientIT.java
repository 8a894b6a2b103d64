package io.canvass.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Roles;
import io.canvass.access.SigningKeys;
import io.canvass.access.TokenMinter;
import io.canvass.client.ApiClient;
import io.canvass.client.ApiException;
import io.canvass.client.api.ResponsesApi;
import io.canvass.client.api.ResultsApi;
import io.canvass.client.api.SurveysApi;
import io.canvass.client.model.OptionResult;
import io.canvass.client.model.QuestionResult;
import io.canvass.client.model.ResponseStatus;
import io.canvass.client.model.ResultsDocument;
import io.canvass.client.model.SubmissionReceipt;
import io.canvass.client.model.SubmitResponseRequest;
import io.canvass.client.model.SurveySummary;
import io.canvass.packaging.PackagedService;
import io.canvass.response.AiiaAnswers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's view of the API: a Java client generated with openapi-generator from the document the
 * build serves ({@code target/openapi/openapi.json}, see the pom), used against the packaged service to
 * submit a response to a copy of the 2023 survey and to read its results with a researcher's token. Compiled
 * after the generation, so it lives in {@code src/test/api-client}, not {@code src/test/java}.
 */
class GeneratedClientIT {

    @Test
    void aClientGeneratedFromTheDocumentSubmitsAResponseAndReadsTheResults(@TempDir Path work) throws Exception {
        // The 2023 survey under an id of its own: on PostgreSQL the suite's database holds other runs' responses.
        String survey = "client-" + UUID.randomUUID().toString().substring(0, 8);
        Path questionnaires = Files.createDirectory(work.resolve("questionnaire"));
        String definition = Files.readString(Path.of("questionnaire", AiiaAnswers.SURVEY + ".yaml"));
        Files.writeString(questionnaires.resolve(survey + ".yaml"),
                definition.replaceFirst("(?m)^id: " + AiiaAnswers.SURVEY + "$", "id: " + survey));
        Path data = work.resolve("data");
        // The service verifies tokens with the data directory's key pair; made here first, as TokenMinter does.
        SigningKeys.ensure(data);
        String researcher = TokenMinter.mint(data, "rita@example.com", Set.of(Roles.RESEARCHER), Duration.ofHours(1));

        try (PackagedService service = PackagedService.start(work, data, Map.of()).awaitReady()) {
            ApiClient respondent = client(service, null);
            SubmissionReceipt receipt = new ResponsesApi(respondent).submitResponse(survey,
                    new SubmitResponseRequest().answers(AiiaAnswers.complete("financial").answers()), "generated-client-" + survey);
            assertEquals(ResponseStatus.COMPLETE, receipt.getStatus(), receipt.toString());
            assertNotNull(receipt.getId());

            ApiClient staff = client(service, researcher);
            List<SurveySummary> surveys = new SurveysApi(staff).listSurveys();
            assertTrue(surveys.stream().anyMatch(s -> s.getId().equals(survey)), surveys.toString());

            ResultsDocument results = new ResultsApi(staff).getResults(survey, null, null);
            assertEquals(1L, results.getCounts().getComplete(), results.toString());
            assertEquals(1L, results.getN());
            QuestionResult industry = results.getQuestions().stream().filter(q -> q.getId().equals("industry")).findFirst()
                    .orElseThrow(() -> new AssertionError("no results for 'industry': " + results));
            OptionResult financial = industry.getOptions().stream().filter(o -> o.getCode().equals("financial")).findFirst()
                    .orElseThrow();
            assertEquals(1L, financial.getCount(), industry.toString());

            ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                    () -> new ResultsApi(respondent).getResults(survey, null, null));
            assertEquals(401, refused.getCode(), "results need a staff token");
        }
    }

    private static ApiClient client(PackagedService service, String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(URI.create(service.baseUrl()).toString());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }
}
