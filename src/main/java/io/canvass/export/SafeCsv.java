package io.canvass.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV that is safe to open in a spreadsheet: RFC 4180 quoting (Commons CSV), and every cell that
 * a spreadsheet would run as a formula (starting with = + - @, tab or CR, CWE-1236) prefixed with
 * an apostrophe. Everything else round-trips unchanged.
 */
public final class SafeCsv {

    public static final String MEDIA_TYPE = "text/csv";

    /** RFC 4180: CRLF line ends, quotes doubled, fields quoted only where needed. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private SafeCsv() {
    }

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + cell : cell;
    }

    public static void printRow(CSVPrinter printer, List<String> cells) {
        try {
            printer.printRecord(cells.stream().map(SafeCsv::neutralise).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
