package io.canvass.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.canvass.testing.DocsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The API reference's table (docs/api.md) of violation codes lists exactly the codes the engine reports, each once. */
class ViolationCodesDocumentedTest {

    private static final Path API_REFERENCE = Path.of("docs", "api.md");
    private static final String TABLE_HEADER = "| Violation code |";
    private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*`([a-z_]+)`\\s*\\|");

    @Test
    void theApiReferenceListsEveryViolationCodeAndNoOther() throws IOException {
        List<String> documented = DocsTable.rows(API_REFERENCE, TABLE_HEADER, FIRST_CELL, code -> code.group(1));
        assertEquals(Arrays.stream(ViolationCode.values()).map(ViolationCode::code).sorted().toList(),
                documented.stream().sorted().toList());
    }

    @Test
    void everyCodeIsFoundByItsJsonForm() {
        for (ViolationCode code : ViolationCode.values()) {
            assertEquals(code, ViolationCode.of(code.code()).orElseThrow());
        }
        assertEquals(java.util.Optional.empty(), ViolationCode.of("unknown_field"));
        assertEquals(java.util.Optional.empty(), ViolationCode.of(null));
    }
}
