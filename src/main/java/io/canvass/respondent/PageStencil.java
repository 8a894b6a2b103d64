package io.canvass.respondent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.QuestionType;
import io.quarkus.qute.HtmlEscaper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * A survey page compiled once from its Qute template: the page's UTF-8 bytes in literal segments,
 * with slots between them for what differs from one respondent to the next — the resume token in
 * the form's address, the CSRF token, which choices are ticked and what was typed. A view then
 * copies ~20 KB and decides ~70 slots, where a Qute render evaluated ~700 expressions and the page
 * was UTF-8-encoded again each time (60 % of a page view's CPU in the profile, BENCHMARKS.md).
 *
 * <p>The stencil is made by rendering the page's own template ({@code RespondentResource/page.html})
 * with marks in the value slots, once more per tickable choice to see where its {@code checked}
 * goes, and splitting the output there: the template stays the one description of the markup.
 * A stencil is kept only if, filled with probe values, it equals the template's render of them.
 */
final class PageStencil {

    /** Opens and closes a slot's mark in the output; private-use characters, which no escaping touches. */
    private static final char MARK_OPEN = '\uE000';
    private static final char MARK_CLOSE = '\uE001';
    private static final int TOKEN_SLOT = 0;
    private static final int CSRF_SLOT = 1;
    private static final int FIRST_TEXT_SLOT = 2;
    /** The resume token a page is compiled with, in place of a respondent's. */
    static final String TOKEN_MARK = mark(TOKEN_SLOT);
    private static final byte[] NOTHING = new byte[0];
    // Qute's own escaper for HTML templates, so a value slot is escaped exactly as the template would.
    private static final HtmlEscaper HTML = new HtmlEscaper(List.of("text/html"));
    // Probe values for the check of a new stencil: every character the escaper replaces, and others.
    private static final String PROBE_TOKEN = "t0k&n_\"'<>";
    private static final String PROBE_CSRF = "c5rf-\"'&<>";
    private static final String PROBE_TEXT = "«x» & <y> \"z\" 'w' 漢字 😀\n";

    /**
     * Which page, laid out for what: the version, the page, the questions its conditions show,
     * whether it is the last (its button says "Submit answers") and the language it is in.
     */
    record Key(String surveyId, int version, int pageNumber, List<String> questions, boolean last, String language) {
    }

    /** What one respondent's page puts in the slots. */
    private record Filling(byte[] token, byte[] csrfToken, Predicate<Choice> ticked, Function<String, String> typed) {
    }

    /** What fills a slot. */
    private sealed interface Slot permits Token, CsrfToken, Typed, Tick {
        byte[] bytes(Filling filling);
    }

    private record Token() implements Slot {
        public byte[] bytes(Filling filling) {
            return filling.token();
        }
    }

    private record CsrfToken() implements Slot {
        public byte[] bytes(Filling filling) {
            return filling.csrfToken();
        }
    }

    /** The text of a text or e-mail question, or of a "please specify" box, under its answer key. */
    private record Typed(String answerKey) implements Slot {
        public byte[] bytes(Filling filling) {
            return escaped(filling.typed().apply(answerKey));
        }
    }

    /** What the template writes when a choice, a scale point or a matrix cell is ticked (" checked"). */
    private record Tick(Choice choice, byte[] whenTicked) implements Slot {
        public byte[] bytes(Filling filling) {
            return filling.ticked().test(choice) ? whenTicked : NOTHING;
        }
    }

    /** A tickable input and how its answer ticks it, read through PageViews, as the Qute view reads it. */
    private record Choice(QuestionType kind, String questionId, String row, String code) {

        boolean tickedBy(ObjectNode answers) {
            JsonNode value = answers.get(questionId);
            return switch (kind) {
                case SCALE -> code.equals(PageViews.scalePoint(value));
                case MATRIX -> code.equals(PageViews.matrixColumn(value, row));
                default -> PageViews.isChosen(value, code);
            };
        }
    }

    /** literals[i] comes before slots[i]; the last literal ends the page. */
    private final byte[][] literals;
    private final Slot[] slots;
    private final int literalBytes;

    private PageStencil(List<byte[]> literals, List<Slot> slots) {
        this.literals = literals.toArray(byte[][]::new);
        this.slots = slots.toArray(Slot[]::new);
        this.literalBytes = literals.stream().mapToInt(l -> l.length).sum();
    }

    /** The page for one respondent: their answers ticked and typed in, their tokens in place. */
    byte[] fill(ObjectNode answers, String token, String csrfToken) {
        return write(new Filling(escaped(token), escaped(csrfToken), choice -> choice.tickedBy(answers),
                key -> PageViews.textOf(answers.get(key))));
    }

    private byte[] write(Filling filling) {
        byte[][] values = new byte[slots.length][];
        int size = literalBytes;
        for (int i = 0; i < slots.length; i++) {
            values[i] = slots[i].bytes(filling);
            size += values[i].length;
        }
        byte[] page = new byte[size];
        int at = 0;
        for (int i = 0; i < slots.length; i++) {
            System.arraycopy(literals[i], 0, page, at, literals[i].length);
            at += literals[i].length;
            System.arraycopy(values[i], 0, page, at, values[i].length);
            at += values[i].length;
        }
        byte[] end = literals[slots.length];
        System.arraycopy(end, 0, page, at, end.length);
        return page;
    }

    private static byte[] escaped(String value) {
        return value == null || value.isEmpty() ? NOTHING : HTML.map(value, null).getBytes(StandardCharsets.UTF_8);
    }

    private static String mark(int slot) {
        return MARK_OPEN + Integer.toString(slot) + MARK_CLOSE;
    }

    /**
     * Compiles the page of {@code base} (a view built with {@link #TOKEN_MARK} for its token; its
     * answers do not matter) through {@code render} (the page template: view and CSRF token to
     * HTML). Empty when the output cannot be split (a definition text that looks like a mark, a
     * template whose choices do more than insert text): such a page is rendered by Qute each time.
     */
    static Optional<PageStencil> compile(PageView base, BiFunction<PageView, String, String> render) {
        if (!TOKEN_MARK.equals(base.token())) {
            throw new IllegalArgumentException("a stencil is compiled from a view with the token mark");
        }
        Slots found = new Slots();
        PageView marked = Slots.fill(base, base.token(), tick -> false, text -> mark(FIRST_TEXT_SLOT + text), found);
        String plain = render.apply(marked, mark(CSRF_SLOT));
        List<Cut> cuts = new ArrayList<>();
        if (!findMarks(plain, found, cuts)) {
            return Optional.empty();
        }
        for (int i = 0; i < found.choices.size(); i++) {
            int only = i;
            String ticked = render.apply(Slots.fill(base, base.token(), tick -> tick == only,
                    text -> mark(FIRST_TEXT_SLOT + text), null), mark(CSRF_SLOT));
            Optional<Cut> insertion = insertion(plain, ticked, found.choices.get(i));
            if (insertion.isEmpty()) {
                return Optional.empty();
            }
            cuts.add(insertion.get());
        }
        cuts.sort(Comparator.comparingInt(Cut::start).thenComparingInt(Cut::end));
        Optional<PageStencil> stencil = split(plain, cuts);
        return stencil.filter(s -> s.agreesWith(base, render, true) && s.agreesWith(base, render, false));
    }

    /** Whether the stencil filled with probe values is byte for byte the template's render of them. */
    private boolean agreesWith(PageView base, BiFunction<PageView, String, String> render, boolean everything) {
        PageView probe = Slots.fill(base, PROBE_TOKEN, tick -> everything, text -> everything ? PROBE_TEXT : null, null);
        byte[] expected = render.apply(probe, PROBE_CSRF).getBytes(StandardCharsets.UTF_8);
        byte[] filled = write(new Filling(escaped(PROBE_TOKEN), escaped(PROBE_CSRF), choice -> everything,
                key -> everything ? PROBE_TEXT : null));
        return Arrays.equals(expected, filled);
    }

    /** A stretch of the compiled output that a slot takes: a mark, or a zero-width tick insertion. */
    private record Cut(int start, int end, Slot slot) {
    }

    private static boolean findMarks(String output, Slots found, List<Cut> cuts) {
        for (int at = output.indexOf(MARK_OPEN); at >= 0; at = output.indexOf(MARK_OPEN, at + 1)) {
            int close = output.indexOf(MARK_CLOSE, at);
            if (close < 0 || close - at < 2 || close - at > 7) {
                return false;
            }
            int slot;
            try {
                slot = Integer.parseInt(output.substring(at + 1, close));
            } catch (NumberFormatException notAMark) {
                return false;
            }
            if (slot >= FIRST_TEXT_SLOT + found.typed.size() || !output.startsWith(mark(slot), at)) {
                return false;
            }
            Slot filler = slot == TOKEN_SLOT ? new Token()
                    : slot == CSRF_SLOT ? new CsrfToken() : new Typed(found.typed.get(slot - FIRST_TEXT_SLOT));
            cuts.add(new Cut(at, close + 1, filler));
        }
        return true;
    }

    /** Where and what {@code ticked} inserts into {@code plain}, when that is all that differs. */
    private static Optional<Cut> insertion(String plain, String ticked, Choice choice) {
        int extra = ticked.length() - plain.length();
        if (extra <= 0) {
            return Optional.empty();
        }
        int at = 0;
        while (at < plain.length() && plain.charAt(at) == ticked.charAt(at)) {
            at++;
        }
        if (!ticked.regionMatches(at + extra, plain, at, plain.length() - at)) {
            return Optional.empty();
        }
        byte[] inserted = ticked.substring(at, at + extra).getBytes(StandardCharsets.UTF_8);
        return Optional.of(new Cut(at, at, new Tick(choice, inserted)));
    }

    private static Optional<PageStencil> split(String output, List<Cut> cuts) {
        List<byte[]> literals = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        int from = 0;
        int lastTick = -1;
        for (Cut cut : cuts) {
            // Overlapping cuts (a tick inside a mark, two ticks in one place, whose order would be a
            // guess) or a cut between the two halves of a surrogate pair would not reassemble the page.
            boolean tick = cut.start() == cut.end();
            if (cut.start() < from || tick && cut.start() == lastTick || splitsAPair(output, cut.start())
                    || splitsAPair(output, cut.end())) {
                return Optional.empty();
            }
            literals.add(output.substring(from, cut.start()).getBytes(StandardCharsets.UTF_8));
            slots.add(cut.slot());
            from = cut.end();
            lastTick = tick ? cut.start() : lastTick;
        }
        literals.add(output.substring(from).getBytes(StandardCharsets.UTF_8));
        return Optional.of(new PageStencil(literals, slots));
    }

    private static boolean splitsAPair(String output, int at) {
        return at > 0 && at < output.length() && Character.isHighSurrogate(output.charAt(at - 1))
                && Character.isLowSurrogate(output.charAt(at));
    }

    /**
     * The view's value slots in the order the template meets them: each tickable input (choices,
     * scale points, matrix cells) and each typed value (text, e-mail, "please specify"). The same
     * walk rewrites a view with chosen ticks and texts, so slots and views always line up.
     */
    private static final class Slots {
        final List<Choice> choices = new ArrayList<>();
        final List<String> typed = new ArrayList<>();

        static PageView fill(PageView view, String token, IntPredicate ticked, IntFunction<String> text, Slots found) {
            int[] tick = {0};
            int[] typed = {0};
            List<PageView.QuestionView> questions = new ArrayList<>(view.questions().size());
            for (PageView.QuestionView q : view.questions()) {
                QuestionType kind = QuestionType.fromCode(q.type());
                List<PageView.Choice> choices = null;
                if (q.choices() != null) {
                    choices = new ArrayList<>(q.choices().size());
                    for (PageView.Choice c : q.choices()) {
                        if (found != null) {
                            found.choices.add(new Choice(kind, q.id(), null, c.value()));
                        }
                        boolean checked = ticked.test(tick[0]++);
                        String specify = c.specifyValue();
                        if (c.specifyName() != null) {
                            if (found != null) {
                                found.typed.add(c.specifyName());
                            }
                            specify = text.apply(typed[0]++);
                        }
                        choices.add(new PageView.Choice(c.inputId(), c.name(), c.value(), c.label(), checked,
                                c.exclusive(), c.specifyName(), c.specifyId(), c.specifyLabel(), specify, c.specifyError()));
                    }
                }
                List<PageView.Row> rows = null;
                if (q.rows() != null) {
                    rows = new ArrayList<>(q.rows().size());
                    for (PageView.Row row : q.rows()) {
                        List<PageView.Choice> cells = new ArrayList<>(row.cells().size());
                        for (PageView.Choice cell : row.cells()) {
                            if (found != null) {
                                found.choices.add(new Choice(kind, q.id(), row.code(), cell.value()));
                            }
                            cells.add(new PageView.Choice(cell.inputId(), cell.name(), cell.value(), cell.label(),
                                    ticked.test(tick[0]++), cell.exclusive(), cell.specifyName(), cell.specifyId(),
                                    cell.specifyLabel(), cell.specifyValue(), cell.specifyError()));
                        }
                        rows.add(new PageView.Row(row.code(), row.label(), row.name(), cells, row.error(), row.errorId()));
                    }
                }
                String value = q.value();
                if (kind == QuestionType.TEXT || kind == QuestionType.EMAIL) {
                    if (found != null) {
                        found.typed.add(q.id());
                    }
                    value = text.apply(typed[0]++);
                }
                questions.add(new PageView.QuestionView(q.id(), q.type(), q.text(), q.help(), q.required(), q.error(),
                        q.anchorId(), choices, rows, q.columns(), value, q.maxLength(), q.minLabel(), q.maxLabel(),
                        q.revealedBy()));
            }
            return new PageView(view.surveyId(), view.surveyTitle(), token, view.pageNumber(), view.pageCount(),
                    view.pageTitle(), view.pageDescription(), questions, view.errors(), view.first(), view.last(),
                    view.language(), view.languages());
        }
    }
}
