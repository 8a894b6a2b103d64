package io.canvass.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canvass.testing.DocsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The API reference's table (docs/api.md) of problem types is the registry: every type once, with its status and title. */
class ProblemTypesDocumentedTest {

    private static final Path API_REFERENCE = Path.of("docs", "api.md");
    private static final String TABLE_HEADER = "| Problem type |";
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z-]+)`\\s*\\|\\s*(\\d{3})\\s*\\|\\s*([^|]+?)\\s*\\|");

    @Test
    void theApiReferenceListsEveryProblemTypeWithItsStatusAndTitle() throws IOException {
        List<String> documented = DocsTable.rows(API_REFERENCE, TABLE_HEADER, ROW, row -> row.group(1) + " " + row.group(2) + " " + row.group(3));
        assertEquals(Arrays.stream(ProblemType.values()).map(t -> t.slug() + " " + t.status() + " " + t.title()).sorted().toList(),
                documented.stream().sorted().toList());
    }

    @Test
    void everyTypeHasItsOwnUrn() {
        assertEquals(ProblemType.values().length,
                new HashSet<>(Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList()).size());
        assertEquals("urn:canvass:problem:survey-not-found", ProblemType.SURVEY_NOT_FOUND.uri());
    }

    @Test
    void refusalsOfTheHttpLayerKeepTheirStatus() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 415, 429, 503}) {
            assertEquals(status, ProblemType.forHttpStatus(status).status());
        }
        assertEquals(ProblemType.INTERNAL_ERROR, ProblemType.forHttpStatus(502));
    }
}
