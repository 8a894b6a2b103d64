package io.canvass.invitation;

import io.canvass.csv.SafeCsv;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/** Invitations as a spreadsheet of links to send, for the API and the studio alike. */
public final class InvitationCsv {

    private InvitationCsv() {
    }

    public static String of(List<InvitationView> views) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, SafeCsv.FORMAT)) {
            printer.printRecord("token", "link", "label", "state", "used_on");
            for (InvitationView view : views) {
                SafeCsv.printRow(printer, Arrays.asList(view.token(), view.link(), view.label(),
                        view.state().code(), view.usedOn() == null ? null : view.usedOn().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
