package io.canvass.csv;

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

    /**
     * Commons CSV's print methods are synchronized on the (shared) format. Cells are formatted into
     * this per-thread buffer and only then written out, so that an export stuck on a slow reader never
     * holds that lock and stops every other export with it.
     */
    private static final ThreadLocal<StringBuilder> CELL = ThreadLocal.withInitial(() -> new StringBuilder(256));

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
        endRow(out);
    }

    /** Writes one cell, preceded by a delimiter unless it starts the record; end the record with {@link #endRow}. */
    public static void writeCell(Appendable out, String cell, boolean startsRecord) throws IOException {
        StringBuilder text = CELL.get();
        text.setLength(0);
        if (isFormula(cell)) {
            QUOTED.print("'" + cell, text, startsRecord);
        } else {
            FORMAT.print(cell, text, startsRecord);
        }
        out.append(text);
    }

    public static void endRow(Appendable out) throws IOException {
        out.append(FORMAT.getRecordSeparator());
    }
}
