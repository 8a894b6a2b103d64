package io.canvass.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a table of the documentation (README.md or docs/), for tests that hold a documented list to the code's own. */
public final class DocsTable {

    private DocsTable() {
    }

    /**
     * The rows of the table in {@code file} whose header line starts with {@code header} that match
     * {@code row}, each turned into a string by {@code cells}; fails when the file has no such table.
     */
    public static List<String> rows(Path file, String header, Pattern row, Function<Matcher, String> cells) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = 0;
        while (start < lines.size() && !lines.get(start).startsWith(header)) {
            start++;
        }
        assertFalse(start == lines.size(), file + " has a table headed '" + header + "'");
        List<String> documented = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher cellsOfRow = row.matcher(lines.get(i));
            if (cellsOfRow.find()) {
                documented.add(cells.apply(cellsOfRow));
            }
        }
        return documented;
    }
}
