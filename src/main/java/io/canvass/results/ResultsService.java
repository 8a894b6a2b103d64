package io.canvass.results;

import io.canvass.interview.QualityFlag;
import io.canvass.questionnaire.LocalizedText;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.Quota;
import io.canvass.questionnaire.SurveyDefinition;
import io.canvass.response.ResponseStatus;
import io.canvass.survey.PublishedSurvey;
import io.canvass.survey.SurveyCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the index into what staff read: per-question counts and percents, scale statistics,
 * filters, crosstabs, and the anonymity rules. Only completes count.
 *
 * <p>Who sees what ({@link ResultsAudience}): a survey's researchers read the live tally, exact. An
 * analyst reads the last published state; its unfiltered totals are exact, and every count that
 * depends on a filter, and every crosstab count, is perturbed by the cell-key method (docs/confidentiality.md,
 * "Disclosure control"). Percents, means, medians, standard deviations and top-two-boxes are
 * worked out from the counts as published.
 *
 * <p>Rounding, the same everywhere: percents to one decimal, mean, median and standard deviation
 * to two, half up, each from the published counts (a top-two-box is not the sum of two rounded
 * percents). A percent is at most 100: a perturbed count can exceed its perturbed base (all seven
 * of a group chose one answer, and that cell drew +2 while the base drew −1), and is then reported
 * as the whole base.
 */
@ApplicationScoped
public class ResultsService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Enough for every dashboard and script watching a handful of surveys with a few filters each. */
    private static final int CACHED_DOCUMENTS = 256;

    private final ResultsIndex index;
    private final SurveyCatalog catalog;
    private final DisclosurePolicy disclosure;
    private final FilterLimits filterLimits;
    private final Map<DocumentKey, CachedDocument> recent = new ConcurrentHashMap<>();

    public ResultsService(ResultsIndex index, SurveyCatalog catalog, DisclosurePolicy disclosure, FilterLimits filterLimits) {
        this.index = index;
        this.catalog = catalog;
        this.disclosure = disclosure;
        this.filterLimits = filterLimits;
    }

    /** The results of every complete matching the filters; see {@link #results(String, List, QualityFilter, ResultsAudience)}. */
    public ResultsDocument results(String surveyId, List<String> filterParameters, ResultsAudience audience) {
        return results(surveyId, filterParameters, QualityFilter.ALL, audience);
    }

    /**
     * The results of the completes matching every filter ({@code question:code,code}), all of them or only
     * those without a quality flag, as the audience may see them.
     */
    public ResultsDocument results(String surveyId, List<String> filterParameters, QualityFilter quality,
            ResultsAudience audience) {
        // The survey is checked before the index is read, and reading never adds to the index.
        PublishedSurvey survey = catalog.published(surveyId);
        List<String> filterList = filterParameters == null ? List.of() : List.copyOf(filterParameters);
        SurveyTally tally = index.read(surveyId);
        // Nothing changed since the same question was last answered: the same numbers, as of now.
        DocumentKey key = new DocumentKey(surveyId, survey.version(), audience, filterList, quality);
        CachedDocument cached = recent.get(key);
        if (cached != null && cached.version() == version(tally, audience)) {
            return cached.document().asOf(Instant.now());
        }
        SurveyTally.Snapshot snapshot = reading(tally, audience);
        ResultsDocument document = compute(survey, filterList, quality, snapshot, audience);
        if (recent.size() >= CACHED_DOCUMENTS) {
            recent.clear();
        }
        recent.put(key, new CachedDocument(snapshot.version(), document));
        return document;
    }

    /** Moves whenever the audience's numbers of a survey may have changed: streams send a document only then. */
    public long version(String surveyId, ResultsAudience audience) {
        return version(index.read(surveyId), audience);
    }

    private static long version(SurveyTally tally, ResultsAudience audience) {
        return audience == ResultsAudience.RESEARCHER ? tally.changes() : tally.published().version();
    }

    private static SurveyTally.Snapshot reading(SurveyTally tally, ResultsAudience audience) {
        return audience == ResultsAudience.RESEARCHER ? tally.snapshot() : tally.published();
    }

    private ResultsDocument compute(PublishedSurvey survey, List<String> filterParameters, QualityFilter quality,
            SurveyTally.Snapshot snapshot, ResultsAudience audience) {
        String surveyId = survey.id();
        SurveyDefinition definition = survey.definition();
        List<AppliedFilter> questionFilters = parseFilters(definition, filterParameters);
        List<AppliedFilter> filters = withQuality(questionFilters, quality);
        int minGroup = disclosure.minGroupSize(survey);
        Instant asOf = Instant.now();
        // Unfiltered totals are exact for everyone; an analyst's filtered counts are perturbed.
        Publication publication = audience == ResultsAudience.ANALYST && !filters.isEmpty()
                ? new Publication(disclosure.table()) : Publication.EXACT;
        DisclosureControl control = publication.perturbs() ? disclosure.describe(minGroup) : null;
        List<FilterView> filterViews = questionFilters.isEmpty() ? null
                : questionFilters.stream().map(AppliedFilter::view).toList();
        Counts counts;
        long groupSize;
        // The survey as a whole (funnel, quota fill) is shown at the reading's state; an analyst's filtered group at
        // the state it last grew by a minimum group's worth of members.
        SurveyTally.Snapshot groupReading = snapshot;
        if (filters.isEmpty()) {
            counts = Counts.unfiltered(snapshot);
            groupSize = snapshot.completes();
        } else {
            long[] mask = mask(filters, snapshot);
            if (publication.perturbs()) {
                groupReading = snapshot.steppedFor(mask(filters, snapshot.everRows(), snapshot), minGroup);
                if (groupReading != snapshot) {
                    mask = mask(filters, groupReading);
                }
            }
            CellCount group = CellCounting.count(mask, publication.keys(groupReading));
            groupSize = publication.publish(group);
            if (tooSmallToShow(group.count(), groupSize, groupReading.completes(), minGroup)
                    || (publication.perturbs() && isolatesSmallGroup(filters, groupReading, minGroup))) {
                return new ResultsDocument(surveyId, definition.title().defaultText(), survey.version(), asOf, groupReading.completes(),
                        minGroup, control, filterViews, true, null, null, null, new QualityCounts(quality.clean(), null, null),
                        null);
            }
            counts = Counts.under(mask, groupReading, publication.keys(groupReading));
        }
        List<QuestionResult> questions = definition.questions().stream()
                .map(q -> questionResult(q, counts, publication)).toList();
        return new ResultsDocument(surveyId, definition.title().defaultText(), survey.version(), asOf, groupReading.completes(), minGroup,
                control, filterViews, false, fieldwork(snapshot), groupSize,
                quotas(definition, Counts.unfiltered(snapshot)), qualityCounts(counts, publication, quality), questions);
    }

    /** The flagged completes among the document's, from the same counts (and so the same state) as the rest of it. */
    private static QualityCounts qualityCounts(Counts counts, Publication publication, QualityFilter quality) {
        Map<String, Long> byFlag = new LinkedHashMap<>();
        for (QualityFlag flag : QualityFlag.values()) {
            byFlag.put(flag.code(), publication.publish(counts.cell(SurveyTally.qualityKey(flag), SurveyTally.FIRST_CODE)));
        }
        return new QualityCounts(quality.clean(),
                publication.publish(counts.cell(SurveyTally.QUALITY_FLAGGED, SurveyTally.FIRST_CODE)),
                Collections.unmodifiableMap(byFlag));
    }

    /** The question filters, and the quality filter when flagged completes are left out. */
    private static List<AppliedFilter> withQuality(List<AppliedFilter> filters, QualityFilter quality) {
        if (!quality.clean()) {
            return filters;
        }
        List<AppliedFilter> all = new ArrayList<>(filters);
        all.add(new AppliedFilter(QualityFilter.variable(), List.of(QualityFilter.unflagged())));
        return List.copyOf(all);
    }

    /**
     * Rows against columns, each a question or a matrix row, over the completes matching the filters.
     * For an analyst every count of it, cells and totals alike, is perturbed.
     */
    public CrosstabDocument crosstab(String surveyId, String rows, String columns, List<String> filterParameters,
            ResultsAudience audience) {
        return crosstab(surveyId, rows, columns, filterParameters, QualityFilter.ALL, audience);
    }

    /** {@link #crosstab(String, String, String, List, ResultsAudience)} of all completes, or only those without a flag. */
    public CrosstabDocument crosstab(String surveyId, String rows, String columns, List<String> filterParameters,
            QualityFilter quality, ResultsAudience audience) {
        PublishedSurvey survey = catalog.published(surveyId);
        SurveyDefinition definition = survey.definition();
        ResultVariable rowVariable = ResultVariable.resolve(definition, rows, "rows");
        ResultVariable columnVariable = ResultVariable.resolve(definition, columns, "columns");
        List<AppliedFilter> questionFilters = parseFilters(definition, filterParameters);
        List<AppliedFilter> filters = withQuality(questionFilters, quality);
        QualityCounts qualityView = new QualityCounts(quality.clean(), null, null);
        SurveyTally.Snapshot snapshot = reading(index.read(surveyId), audience);
        Instant asOf = Instant.now();
        int minGroup = disclosure.minGroupSize(survey);
        Publication publication = audience == ResultsAudience.ANALYST ? new Publication(disclosure.table()) : Publication.EXACT;
        DisclosureControl control = publication.perturbs() ? disclosure.describe(minGroup) : null;
        RecordKeyPlanes keys = publication.keys(snapshot);
        List<FilterView> filterViews = questionFilters.isEmpty() ? null
                : questionFilters.stream().map(AppliedFilter::view).toList();
        long[] base = filters.isEmpty() ? snapshot.allRows() : mask(filters, snapshot);
        if (!filters.isEmpty() && publication.perturbs()) {
            // As for results: a filtered group moves for an analyst only by a minimum group's worth of members.
            SurveyTally.Snapshot stepped = snapshot.steppedFor(mask(filters, snapshot.everRows(), snapshot), minGroup);
            if (stepped != snapshot) {
                snapshot = stepped;
                base = mask(filters, snapshot);
            }
        }
        if (!filters.isEmpty()) {
            CellCount group = CellCounting.count(base, keys);
            if (tooSmallToShow(group.count(), publication.publish(group), snapshot.completes(), minGroup)
                    || (publication.perturbs() && isolatesSmallGroup(filters, snapshot, minGroup))) {
                return new CrosstabDocument(surveyId, definition.title().defaultText(), survey.version(), asOf, snapshot.completes(),
                        minGroup, control, filterViews, qualityView, describe(rowVariable), describe(columnVariable), true,
                        null, null, null);
            }
        }
        ResultVariable.and(base, rowVariable.answeredRows(snapshot, base.length));
        ResultVariable.and(base, columnVariable.answeredRows(snapshot, base.length));
        long total = publication.publish(CellCounting.count(base, keys));

        List<RowBitmap> rowBitmaps = rowVariable.bitmaps(snapshot);
        List<RowBitmap> columnBitmaps = columnVariable.bitmaps(snapshot);
        CellCount[] rowCells = CellCounting.count(rowBitmaps, base, keys);
        CellCount[] columnCells = CellCounting.count(columnBitmaps, base, keys);
        long[] rowSizes = publication.publish(rowCells);
        long[] columnSizes = publication.publish(columnCells);
        boolean[] hiddenRows = GroupSuppression.hide(smaller(rowCells, rowSizes), minGroup);
        boolean[] hiddenColumns = GroupSuppression.hide(smaller(columnCells, columnSizes), minGroup);

        // One pass per shown column: every row's bitmap counted under that column's rows.
        long[][] cellCounts = new long[rowSizes.length][];
        for (int r = 0; r < rowSizes.length; r++) {
            cellCounts[r] = new long[columnSizes.length];
        }
        for (int c = 0; c < columnSizes.length; c++) {
            if (hiddenColumns[c] || columnBitmaps.get(c) == null) {
                continue;
            }
            long[] inColumn = new long[base.length];
            columnBitmaps.get(c).orInto(inColumn);
            ResultVariable.and(inColumn, base);
            CellCount[] cells = CellCounting.count(rowBitmaps, inColumn, keys);
            for (int r = 0; r < rowSizes.length; r++) {
                cellCounts[r][c] = publication.publish(cells[r]);
            }
        }

        List<CrosstabDocument.Column> columnResults = new ArrayList<>();
        for (int c = 0; c < columnSizes.length; c++) {
            ResultVariable.Category category = columnVariable.categories().get(c);
            columnResults.add(new CrosstabDocument.Column(category.code(), category.label(),
                    hiddenColumns[c] ? null : columnSizes[c], hiddenColumns[c]));
        }
        List<CrosstabDocument.Row> rowResults = new ArrayList<>();
        for (int r = 0; r < rowSizes.length; r++) {
            ResultVariable.Category category = rowVariable.categories().get(r);
            if (hiddenRows[r]) {
                rowResults.add(new CrosstabDocument.Row(category.code(), category.label(), null, null, true, null));
                continue;
            }
            List<CrosstabDocument.Cell> cells = new ArrayList<>();
            for (int c = 0; c < columnSizes.length; c++) {
                String column = columnVariable.categories().get(c).code();
                if (hiddenColumns[c]) {
                    cells.add(new CrosstabDocument.Cell(column, null, null, true));
                } else {
                    long count = cellCounts[r][c];
                    cells.add(new CrosstabDocument.Cell(column, count, percent(count, columnSizes[c]), false));
                }
            }
            rowResults.add(new CrosstabDocument.Row(category.code(), category.label(), rowSizes[r],
                    percent(rowSizes[r], total), false, cells));
        }
        return new CrosstabDocument(surveyId, definition.title().defaultText(), survey.version(), asOf, snapshot.completes(), minGroup,
                control, filterViews, qualityView, describe(rowVariable), describe(columnVariable), false, total, columnResults,
                rowResults);
    }

    /**
     * A filtered group is shown only when it and the rest of the completes both reach the minimum
     * group size: otherwise subtracting it from the unfiltered totals would reveal the small rest.
     * Both its true size and its published (perturbed) size must pass: the true one so that no
     * group of fewer than the minimum is ever shown, not even blurred (a perturbed count keeps a
     * zero a zero, so a small group's empty answers would show exactly); the published one so that
     * no document shows a group below the minimum either.
     */
    static boolean tooSmallToShow(long trueSize, long publishedSize, long allCompletes, int minGroupSize) {
        return tooSmallToShow(trueSize, allCompletes, minGroupSize) || tooSmallToShow(publishedSize, allCompletes, minGroupSize);
    }

    static boolean tooSmallToShow(long groupSize, long allCompletes, int minGroupSize) {
        long rest = allCompletes - groupSize;
        return groupSize < minGroupSize || (rest > 0 && rest < minGroupSize);
    }

    /** The sizes suppression judges a breakdown by: the smaller of true and published, for the same reasons. */
    private static long[] smaller(CellCount[] cells, long[] published) {
        long[] sizes = new long[cells.length];
        for (int i = 0; i < cells.length; i++) {
            sizes[i] = Math.min(cells[i].count(), published[i]);
        }
        return sizes;
    }

    private static CrosstabDocument.Variable describe(ResultVariable variable) {
        return new CrosstabDocument.Variable(variable.id(), variable.type(), variable.text());
    }

    private List<AppliedFilter> parseFilters(SurveyDefinition definition, List<String> parameters) {
        List<String> given = parameters == null ? List.of() : parameters;
        // Counted before anything is resolved: a query's cost grows with its filters and codes.
        if (given.size() > filterLimits.max()) {
            throw new InvalidResultsQueryException("filter", "A query takes at most " + filterLimits.max()
                    + " filters; this one has " + given.size());
        }
        List<AppliedFilter> filters = new ArrayList<>();
        for (String parameter : given) {
            int colon = parameter.indexOf(':');
            if (colon <= 0 || colon == parameter.length() - 1) {
                throw new InvalidResultsQueryException("filter",
                        "A filter reads question:code[,code…] (or question.row:code for a matrix row)");
            }
            String[] codes = parameter.substring(colon + 1).split(",", -1);
            if (codes.length > filterLimits.maxCodes()) {
                throw new InvalidResultsQueryException("filter", "A filter lists at most " + filterLimits.maxCodes()
                        + " codes; one lists " + codes.length);
            }
            ResultVariable variable = ResultVariable.resolve(definition, parameter.substring(0, colon), "filter");
            List<ResultVariable.Category> categories = new ArrayList<>();
            for (String code : codes) {
                ResultVariable.Category category = variable.category(code.strip(), "filter");
                if (!categories.contains(category)) {
                    categories.add(category);
                }
            }
            filters.add(new AppliedFilter(variable, List.copyOf(categories)));
        }
        return List.copyOf(filters);
    }

    /** The reading's rows that match every filter: an OR of bitmaps within a filter, an AND across filters. */
    /**
     * Whether one code of a filter that lists several picks out a small group on its own (within the
     * other filters): {@code industry:it,legal} and {@code industry:it} differ by the legal respondents,
     * and although their counts are perturbed, the options that did not move between the two documents
     * tell what a lone legal respondent did not answer. A code whose own group is empty or at least the
     * minimum isolates nobody. Likewise leaving any one filter out must not add a small group: the two
     * documents would differ by those few. Analysts only: researchers read exact rows anyway.
     */
    static boolean isolatesSmallGroup(List<AppliedFilter> filters, SurveyTally.Snapshot snapshot, int minGroupSize) {
        long matching = filters.size() < 2 ? 0 : rowsIn(mask(filters, snapshot));
        for (int f = 0; f < filters.size(); f++) {
            AppliedFilter filter = filters.get(f);
            List<AppliedFilter> others = new ArrayList<>(filters);
            others.remove(f);
            long[] within = mask(others, snapshot);
            // Leaving the filter out must not add a small group either: industry:it against industry:it with
            // priority:1,2,3,4 differs by the one IT respondent who chose 5. (With one filter, the rest of all
            // completes is the complement the size check looks at.)
            if (filters.size() >= 2) {
                long leftOut = rowsIn(within) - matching;
                if (leftOut > 0 && leftOut < minGroupSize) {
                    return true;
                }
            }
            if (filter.categories().size() < 2) {
                continue;
            }
            long[] alone = new long[within.length];
            for (ResultVariable.Category category : filter.categories()) {
                Arrays.fill(alone, 0L);
                RowBitmap rows = ResultVariable.bitmapOf(category, snapshot);
                if (rows != null) {
                    rows.orInto(alone);
                }
                long size = rowsIn(ResultVariable.and(alone, within));
                if (size > 0 && size < minGroupSize) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long rowsIn(long[] mask) {
        long rows = 0;
        for (long word : mask) {
            rows += Long.bitCount(word);
        }
        return rows;
    }

    private static long[] mask(List<AppliedFilter> filters, SurveyTally.Snapshot snapshot) {
        return mask(filters, snapshot.allRows(), snapshot);
    }

    /** The rows of {@code mask} (a fresh mask of the snapshot's, changed here) that match every filter. */
    private static long[] mask(List<AppliedFilter> filters, long[] mask, SurveyTally.Snapshot snapshot) {
        long[] admitted = new long[mask.length];
        for (AppliedFilter filter : filters) {
            Arrays.fill(admitted, 0L);
            for (ResultVariable.Category category : filter.categories()) {
                RowBitmap rows = ResultVariable.bitmapOf(category, snapshot);
                if (rows != null) {
                    rows.orInto(admitted);
                }
            }
            ResultVariable.and(mask, admitted);
        }
        return mask;
    }

    private static QuestionResult questionResult(Question question, Counts counts, Publication publication) {
        String type = question.type().code();
        return switch (question.type()) {
            case SINGLE -> {
                String key = SurveyTally.key(question, null);
                long n = publication.publish(counts.shown(key));
                List<OptionResult> options = question.options().stream()
                        .map(o -> option(o.code(), o.label().defaultText(), publication.publish(counts.cell(key, o.code())), n)).toList();
                yield new QuestionResult(question.id(), type, question.text().defaultText(), n, publication.publish(counts.answered(key)),
                        options, null, null, null, null, null, null, null);
            }
            case SCALE -> scaleResult(question, counts, publication);
            case MULTIPLE -> {
                String presence = SurveyTally.key(question, null);
                long n = publication.publish(counts.shown(presence));
                List<OptionResult> options = question.options().stream().map(o -> option(o.code(), o.label().defaultText(),
                        publication.publish(counts.cell(SurveyTally.key(question, o.code()), SurveyTally.FIRST_CODE)), n))
                        .toList();
                yield new QuestionResult(question.id(), type, question.text().defaultText(), n,
                        publication.publish(counts.answered(presence)), options, null, null, null, null, null, null, null);
            }
            case MATRIX -> {
                List<MatrixRowResult> rows = new ArrayList<>();
                for (Option row : question.rows()) {
                    String key = SurveyTally.key(question, row.code());
                    long n = publication.publish(counts.shown(key));
                    List<OptionResult> options = question.columns().stream()
                            .map(c -> option(c.code(), c.label().defaultText(), publication.publish(counts.cell(key, c.code())), n)).toList();
                    rows.add(new MatrixRowResult(row.code(), row.label().defaultText(), n, publication.publish(counts.answered(key)), options));
                }
                yield new QuestionResult(question.id(), type, question.text().defaultText(), null, null, null, null, null, null,
                        null, null, null, rows);
            }
            case TEXT -> {
                String key = SurveyTally.key(question, null);
                yield QuestionResult.counted(question.id(), type, question.text().defaultText(), publication.publish(counts.shown(key)),
                        publication.publish(counts.answered(key)));
            }
            case EMAIL -> QuestionResult.counted(question.id(), type, question.text().defaultText(),
                    publication.publish(counts.shown(SurveyTally.key(question, null))), null);
        };
    }

    /**
     * A scale's points, and its statistics over the answers as published: the histogram of published
     * point counts is their distribution (its total their base), so that mean, median and spread
     * agree with the counts shown beside them.
     */
    private static QuestionResult scaleResult(Question question, Counts counts, Publication publication) {
        String key = SurveyTally.key(question, null);
        long n = publication.publish(counts.shown(key));
        List<OptionResult> options = new ArrayList<>();
        long histogramTotal = 0;
        long sum = 0;
        long[] histogram = new long[question.max() - question.min() + 1];
        for (int point = question.min(); point <= question.max(); point++) {
            String code = Integer.toString(point);
            long count = publication.publish(counts.cell(key, code));
            histogram[point - question.min()] = count;
            histogramTotal += count;
            sum += count * point;
            options.add(option(code, code, count, n));
        }
        BigDecimal mean = null;
        BigDecimal median = null;
        BigDecimal stdDev = null;
        if (histogramTotal > 0) {
            mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(histogramTotal), 2, RoundingMode.HALF_UP);
            median = ScaleStatistics.median(histogram, question.min(), histogramTotal);
            stdDev = ScaleStatistics.sampleStandardDeviation(histogram, question.min(), histogramTotal, sum);
        }
        long topTwo = histogram[histogram.length - 1] + (histogram.length > 1 ? histogram[histogram.length - 2] : 0);
        return new QuestionResult(question.id(), question.type().code(), question.text().defaultText(), n,
                publication.publish(counts.answered(key)), options, mean, median, stdDev, percent(topTwo, n),
                LocalizedText.defaultText(question.minLabel()), LocalizedText.defaultText(question.maxLabel()), null);
    }

    private static FieldworkCounts fieldwork(SurveyTally.Snapshot snapshot) {
        long inProgress = snapshot.status(ResponseStatus.IN_PROGRESS);
        long complete = snapshot.status(ResponseStatus.COMPLETE);
        long screenedOut = snapshot.status(ResponseStatus.SCREENED_OUT);
        long quotaFull = snapshot.status(ResponseStatus.QUOTA_FULL);
        long rejected = snapshot.status(ResponseStatus.REJECTED);
        return new FieldworkCounts(inProgress + complete + screenedOut + quotaFull + rejected, inProgress, complete,
                screenedOut, quotaFull, rejected);
    }

    /** Quota fill from the index: a quota cell counts completes, exactly as the quota counters do. */
    private static List<QuotaFill> quotas(SurveyDefinition definition, Counts counts) {
        List<QuotaFill> fills = new ArrayList<>();
        for (Quota quota : definition.quotas()) {
            Question question = definition.question(quota.question()).orElse(null);
            if (question == null) {
                continue;
            }
            String key = SurveyTally.key(question, null);
            List<QuotaFill.Cell> cells = new ArrayList<>();
            for (Option option : question.options()) {
                OptionalInt cap = quota.capFor(option.code());
                if (cap.isPresent()) {
                    cells.add(new QuotaFill.Cell(option.code(), option.label().defaultText(), cap.getAsInt(),
                            counts.cell(key, option.code()).count()));
                }
            }
            fills.add(new QuotaFill(quota.id(), quota.question(), cells));
        }
        return fills;
    }

    private static OptionResult option(String code, String label, long count, long base) {
        return new OptionResult(code, label, count, percent(count, base));
    }

    /** A count as a percent of its base, one decimal; never above 100 (see the class comment). */
    static BigDecimal percent(long count, long base) {
        if (base <= 0) {
            return null;
        }
        return BigDecimal.valueOf(Math.min(count, base)).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(base), 1, RoundingMode.HALF_UP);
    }

    /** Whether a document's counts are published as they are, or through the perturbation table. */
    private record Publication(PerturbationTable table) {

        static final Publication EXACT = new Publication(null);

        boolean perturbs() {
            return table != null;
        }

        /** The record keys when cell keys are needed; none when counts are published exact. */
        RecordKeyPlanes keys(SurveyTally.Snapshot snapshot) {
            return table == null ? null : snapshot.recordKeys();
        }

        long publish(CellCount cell) {
            return table == null ? cell.count() : table.perturb(cell.count(), cell.key());
        }

        long[] publish(CellCount[] cells) {
            long[] published = new long[cells.length];
            for (int i = 0; i < cells.length; i++) {
                published[i] = publish(cells[i]);
            }
            return published;
        }
    }

    /**
     * The cells of every variable's values in one reading: from the tally's counters when unfiltered,
     * else all counted in one pass under the filter mask (with cell keys when they will be perturbed).
     * A question's base and its answered count are sums of its values' cells.
     */
    private static final class Counts {

        private final SurveyTally.Snapshot snapshot;
        private final Map<String, CellCount[]> cellsByVariable;

        private Counts(SurveyTally.Snapshot snapshot, Map<String, CellCount[]> cellsByVariable) {
            this.snapshot = snapshot;
            this.cellsByVariable = cellsByVariable;
        }

        static Counts unfiltered(SurveyTally.Snapshot snapshot) {
            Map<String, CellCount[]> cells = new HashMap<>();
            snapshot.variables().forEach((key, view) -> {
                CellCount[] values = new CellCount[view.counts().length];
                for (int value = 0; value < values.length; value++) {
                    values[value] = new CellCount(view.counts()[value], 0);
                }
                cells.put(key, values);
            });
            return new Counts(snapshot, cells);
        }

        static Counts under(long[] mask, SurveyTally.Snapshot snapshot, RecordKeyPlanes keys) {
            List<String> variableKeys = new ArrayList<>();
            List<RowBitmap> bitmaps = new ArrayList<>();
            snapshot.variables().forEach((key, view) -> {
                variableKeys.add(key);
                bitmaps.addAll(view.bitmaps());
            });
            CellCount[] counted = CellCounting.count(bitmaps, mask, keys);
            Map<String, CellCount[]> cells = new HashMap<>();
            int offset = 0;
            for (String key : variableKeys) {
                int values = snapshot.variables().get(key).bitmaps().size();
                cells.put(key, Arrays.copyOfRange(counted, offset, offset + values));
                offset += values;
            }
            return new Counts(snapshot, cells);
        }

        CellCount cell(String variableKey, String code) {
            SurveyTally.VariableView view = snapshot.variables().get(variableKey);
            return view == null ? CellCount.EMPTY : cell(variableKey, view.valueOf(code));
        }

        CellCount cell(String variableKey, int value) {
            CellCount[] cells = cellsByVariable.get(variableKey);
            return cells == null || value < 0 || value >= cells.length ? CellCount.EMPTY : cells[value];
        }

        /** Those shown the variable: unanswered or any code. */
        CellCount shown(String variableKey) {
            return sum(variableKey, SurveyTally.UNANSWERED);
        }

        CellCount answered(String variableKey) {
            return sum(variableKey, SurveyTally.FIRST_CODE);
        }

        private CellCount sum(String variableKey, int fromValue) {
            CellCount[] cells = cellsByVariable.get(variableKey);
            CellCount sum = CellCount.EMPTY;
            for (int value = fromValue; cells != null && value < cells.length; value++) {
                sum = sum.plus(cells[value]);
            }
            return sum;
        }
    }

    private record DocumentKey(String surveyId, int version, ResultsAudience audience, List<String> filters,
            QualityFilter quality) {
    }

    private record CachedDocument(long version, ResultsDocument document) {
    }

    /**
     * A filter: the completes with any of its categories. Filters combine with AND, also two on the
     * same multiple choice (chose cost, and chose privacy).
     */
    private record AppliedFilter(ResultVariable variable, List<ResultVariable.Category> categories) {

        FilterView view() {
            return new FilterView(variable.id(), categories.stream().map(ResultVariable.Category::code).toList());
        }
    }
}
