package io.canvass.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV that is safe to open in a spreadsheet: RFC 4180 quoting (Commons CSV), and every cell that
 * a spreadsheet would run as a formula (starting with = + - @, tab or CR, CWE-1236) prefixed with
 * an apostrophe and quoted. Everything else round-trips unchanged.
 */
public final class SafeCsv {

    public static final String MEDIA_TYPE = "text/csv";

    /** RFC 4180: CRLF line ends, quotes doubled, fields quoted only where needed. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    /** The same, but always quoted: how a neutralised cell is written. */
    private static final CSVFormat QUOTED = FORMAT.builder().setQuoteMode(QuoteMode.ALL).get();

    private SafeCsv() {
    }

    public static String neutralise(String cell) {
        return isFormula(cell) ? "'" + cell : cell;
    }

    static boolean isFormula(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    public static void printRow(CSVPrinter printer, List<String> cells) {
        try {
            writeRow(printer.getOut(), cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one record (header or data) with its CRLF, neutralising and quoting formula cells. */
    public static void writeRow(Appendable out, List<String> cells) throws IOException {
        boolean first = true;
        for (String cell : cells) {
            writeCell(out, cell, first);
            first = false;
        }
        FORMAT.println(out);
    }

    /** Writes one cell, preceded by a delimiter unless it starts the record; end the record with {@link #endRow}. */
    public static void writeCell(Appendable out, String cell, boolean startsRecord) throws IOException {
        if (isFormula(cell)) {
            QUOTED.print("'" + cell, out, startsRecord);
        } else {
            FORMAT.print(cell, out, startsRecord);
        }
    }

    public static void endRow(Appendable out) throws IOException {
        FORMAT.println(out);
    }
}
