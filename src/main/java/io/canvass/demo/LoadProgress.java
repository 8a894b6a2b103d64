package io.canvass.demo;

import java.io.PrintStream;

/**
 * The progress line of a demo load: how many respondents the server has answered, by outcome. On a
 * terminal the line is rewritten in place; in a log (no console) a line is printed at every tenth.
 */
final class LoadProgress {

    private final PrintStream out;
    private final int total;
    private final boolean inPlace;
    private int lastTenth;
    private int lastLength;

    LoadProgress(PrintStream out, int total, boolean inPlace) {
        this.out = out;
        this.total = total;
        this.inPlace = inPlace;
    }

    /** After each receipt: the line again, in place or at the next tenth. */
    synchronized void update(LoadSummary summary) {
        int done = summary.submitted();
        String line = line(summary);
        if (inPlace) {
            // Padded over the previous one, which may have been longer.
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            if (done == total) {
                out.println();
            }
            out.flush();
        } else {
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth > lastTenth || done == total) {
                out.println(line);
                lastTenth = tenth;
            }
        }
    }

    private String line(LoadSummary summary) {
        int screenedOut = summary.screenedOut().values().stream().mapToInt(Integer::intValue).sum();
        int quotaFull = summary.quotaFull().values().stream().mapToInt(Integer::intValue).sum();
        int refused = summary.submitted() - summary.completes() - screenedOut - quotaFull;
        return String.format("  %d/%d respondents (%d%%): %d complete, %d screened out, %d quota full%s",
                summary.submitted(), total, total == 0 ? 100 : summary.submitted() * 100 / total,
                summary.completes(), screenedOut, quotaFull, refused > 0 ? ", " + refused + " not stored" : "");
    }
}
