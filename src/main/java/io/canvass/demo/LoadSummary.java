package io.canvass.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a demo load stored, as the server's receipts said, and every receipt that differed from the plan. */
public final class LoadSummary {

    private static final int MISMATCHES_SHOWN = 10;

    private int submitted;
    private int replayed;
    private int completes;
    private final Map<String, Integer> screenedOut = new TreeMap<>();
    private final Map<String, Integer> quotaFull = new TreeMap<>();
    private final List<String> mismatches = new ArrayList<>();

    synchronized void add(PlannedRespondent respondent, DemoDataLoader.Result result) {
        submitted++;
        if (result.failed()) {
            mismatches.add("#" + respondent.index() + " (" + respondent.idempotencyKey() + "): expected "
                    + respondent.expected().label() + ", got " + result.describe());
            return;
        }
        if (result.replayed()) {
            replayed++;
        }
        PlannedOutcome outcome = result.outcome();
        switch (String.valueOf(outcome.status())) {
            case PlannedOutcome.COMPLETE -> completes++;
            case PlannedOutcome.SCREENED_OUT -> screenedOut.merge(outcome.reason(), 1, Integer::sum);
            case PlannedOutcome.QUOTA_FULL -> quotaFull.merge(outcome.quota() + ":" + outcome.cell(), 1, Integer::sum);
            default -> { }
        }
        if (!respondent.expected().equals(outcome)) {
            mismatches.add("#" + respondent.index() + " (" + respondent.idempotencyKey() + "): expected "
                    + respondent.expected().label() + ", got " + outcome.label());
        }
    }

    public synchronized int submitted() {
        return submitted;
    }

    /** Respondents an earlier run had stored already: the server replayed their receipts. */
    public synchronized int replayed() {
        return replayed;
    }

    public synchronized int completes() {
        return completes;
    }

    /** Screened out, by the question that did it. */
    public synchronized Map<String, Integer> screenedOut() {
        return Map.copyOf(screenedOut);
    }

    /** Closed out by a full quota, by {@code quota:cell}. */
    public synchronized Map<String, Integer> quotaFull() {
        return Map.copyOf(quotaFull);
    }

    public synchronized List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    /** Whether every respondent came back as planned, so the stored figures are exactly the figures file's. */
    public synchronized boolean matchesPlan() {
        return mismatches.isEmpty();
    }

    public synchronized String report() {
        StringBuilder text = new StringBuilder();
        int screened = screenedOut.values().stream().mapToInt(Integer::intValue).sum();
        int full = quotaFull.values().stream().mapToInt(Integer::intValue).sum();
        text.append("Submitted ").append(submitted).append(" respondents (").append(replayed)
                .append(" already stored by an earlier run, replayed)\n");
        text.append("  complete      ").append(completes).append('\n');
        text.append("  screened out  ").append(screened).append(' ').append(screenedOut).append('\n');
        text.append("  quota full    ").append(full).append(' ').append(quotaFull).append('\n');
        if (mismatches.isEmpty()) {
            text.append("Every receipt was as planned: the figures are exact.\n");
        } else {
            text.append(mismatches.size()).append(" receipts differ from the plan; the figures are NOT exact:\n");
            mismatches.stream().limit(MISMATCHES_SHOWN).forEach(m -> text.append("  ").append(m).append('\n'));
        }
        return text.toString();
    }
}
