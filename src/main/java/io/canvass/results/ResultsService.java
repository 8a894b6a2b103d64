package io.canvass.results;

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
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the live index into what analysts read: per-question counts and percents, scale
 * statistics, filters, crosstabs, and the anonymity rule. Only completes count.
 *
 * <p>Rounding, the same everywhere: percents to one decimal, mean, median and standard deviation
 * to two, half up, each from the exact counts (a top-two-box is not the sum of two rounded percents).
 */
@ApplicationScoped
public class ResultsService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Enough for every dashboard and script watching a handful of surveys with a few filters each. */
    private static final int CACHED_DOCUMENTS = 256;

    private final ResultsIndex index;
    private final SurveyCatalog catalog;
    private final Map<DocumentKey, CachedDocument> recent = new ConcurrentHashMap<>();

    public ResultsService(ResultsIndex index, SurveyCatalog catalog) {
        this.index = index;
        this.catalog = catalog;
    }

    /** The results of the completes matching every filter ({@code question:code,code}). */
    public ResultsDocument results(String surveyId, List<String> filterParameters) {
        PublishedSurvey survey = catalog.published(surveyId);
        List<String> filterList = filterParameters == null ? List.of() : List.copyOf(filterParameters);
        // Nothing changed since the same question was last answered: the same numbers, as of now.
        DocumentKey key = new DocumentKey(surveyId, survey.version(), filterList);
        CachedDocument cached = recent.get(key);
        if (cached != null && cached.changes() == index.tally(surveyId).changes()) {
            return cached.document().asOf(Instant.now());
        }
        SurveyTally.Snapshot snapshot = index.tally(surveyId).snapshot();
        ResultsDocument document = compute(survey, filterList, snapshot);
        if (recent.size() >= CACHED_DOCUMENTS) {
            recent.clear();
        }
        recent.put(key, new CachedDocument(snapshot.changes(), document));
        return document;
    }

    private ResultsDocument compute(PublishedSurvey survey, List<String> filterParameters, SurveyTally.Snapshot snapshot) {
        String surveyId = survey.id();
        SurveyDefinition definition = survey.definition();
        List<AppliedFilter> filters = parseFilters(definition, filterParameters);
        Instant asOf = Instant.now();
        List<FilterView> filterViews = filters.isEmpty() ? null : filters.stream().map(AppliedFilter::view).toList();
        long[] mask = filters.isEmpty() ? null : mask(filters, snapshot);
        long groupSize = mask == null ? snapshot.size() : ResultVariable.count(mask);
        if (mask != null && tooSmallToShow(groupSize, snapshot.size(), definition.minGroupSize())) {
            return new ResultsDocument(surveyId, definition.title(), survey.version(), asOf, definition.minGroupSize(),
                    filterViews, true, null, null, null, null);
        }
        Counter counter = new Counter(snapshot, mask);
        List<QuestionResult> questions = definition.questions().stream().map(q -> questionResult(q, counter)).toList();
        return new ResultsDocument(surveyId, definition.title(), survey.version(), asOf, definition.minGroupSize(),
                filterViews, false, fieldwork(snapshot), groupSize, quotas(definition, new Counter(snapshot, null)),
                questions);
    }

    /** Rows against columns, each a question or a matrix row, over the completes matching the filters. */
    public CrosstabDocument crosstab(String surveyId, String rows, String columns, List<String> filterParameters) {
        PublishedSurvey survey = catalog.published(surveyId);
        SurveyDefinition definition = survey.definition();
        ResultVariable rowVariable = ResultVariable.resolve(definition, rows, "rows");
        ResultVariable columnVariable = ResultVariable.resolve(definition, columns, "columns");
        List<AppliedFilter> filters = parseFilters(definition, filterParameters);
        SurveyTally.Snapshot snapshot = index.tally(surveyId).snapshot();
        Instant asOf = Instant.now();
        int minGroup = definition.minGroupSize();
        List<FilterView> filterViews = filters.isEmpty() ? null : filters.stream().map(AppliedFilter::view).toList();
        long[] base = filters.isEmpty() ? snapshot.allRows() : mask(filters, snapshot);
        if (!filters.isEmpty() && tooSmallToShow(ResultVariable.count(base), snapshot.size(), minGroup)) {
            return new CrosstabDocument(surveyId, definition.title(), survey.version(), asOf, minGroup, filterViews,
                    describe(rowVariable), describe(columnVariable), true, null, null, null);
        }
        ResultVariable.and(base, rowVariable.answeredRows(snapshot));
        ResultVariable.and(base, columnVariable.answeredRows(snapshot));
        long total = ResultVariable.count(base);

        List<long[]> columnRows = new ArrayList<>();
        long[] columnSizes = new long[columnVariable.categories().size()];
        for (int c = 0; c < columnSizes.length; c++) {
            long[] rowsInColumn = ResultVariable.and(columnVariable.rowsOf(columnVariable.categories().get(c), snapshot), base);
            columnRows.add(rowsInColumn);
            columnSizes[c] = ResultVariable.count(rowsInColumn);
        }
        long[] rowSizes = new long[rowVariable.categories().size()];
        List<long[]> rowRows = new ArrayList<>();
        for (int r = 0; r < rowSizes.length; r++) {
            long[] rowsInRow = ResultVariable.and(rowVariable.rowsOf(rowVariable.categories().get(r), snapshot), base);
            rowRows.add(rowsInRow);
            rowSizes[r] = ResultVariable.count(rowsInRow);
        }
        boolean[] hiddenColumns = GroupSuppression.hide(columnSizes, minGroup);
        boolean[] hiddenRows = GroupSuppression.hide(rowSizes, minGroup);

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
                    long count = ResultVariable.count(ResultVariable.and(rowRows.get(r).clone(), columnRows.get(c)));
                    cells.add(new CrosstabDocument.Cell(column, count, percent(count, columnSizes[c]), false));
                }
            }
            rowResults.add(new CrosstabDocument.Row(category.code(), category.label(), rowSizes[r],
                    percent(rowSizes[r], total), false, cells));
        }
        return new CrosstabDocument(surveyId, definition.title(), survey.version(), asOf, minGroup, filterViews,
                describe(rowVariable), describe(columnVariable), false, total, columnResults, rowResults);
    }

    /** The index's change counter for a survey: streams recompute only when it moved. */
    public long changes(String surveyId) {
        return index.tally(surveyId).changes();
    }

    /**
     * A filtered group is shown only when it and the rest of the completes both reach the minimum
     * group size: otherwise subtracting it from the unfiltered totals would reveal the small rest.
     */
    static boolean tooSmallToShow(long groupSize, long allCompletes, int minGroupSize) {
        long rest = allCompletes - groupSize;
        return groupSize < minGroupSize || (rest > 0 && rest < minGroupSize);
    }

    private static CrosstabDocument.Variable describe(ResultVariable variable) {
        return new CrosstabDocument.Variable(variable.id(), variable.question().type().code(), variable.question().text());
    }

    private static List<AppliedFilter> parseFilters(SurveyDefinition definition, List<String> parameters) {
        List<AppliedFilter> filters = new ArrayList<>();
        for (String parameter : parameters == null ? List.<String>of() : parameters) {
            int colon = parameter.indexOf(':');
            if (colon <= 0 || colon == parameter.length() - 1) {
                throw new InvalidResultsQueryException("filter",
                        "A filter reads question:code[,code…] (or question.row:code for a matrix row)");
            }
            ResultVariable variable = ResultVariable.resolve(definition, parameter.substring(0, colon), "filter");
            List<ResultVariable.Category> categories = new ArrayList<>();
            for (String code : parameter.substring(colon + 1).split(",", -1)) {
                ResultVariable.Category category = variable.category(code.strip(), "filter");
                if (!categories.contains(category)) {
                    categories.add(category);
                }
            }
            filters.add(new AppliedFilter(variable, List.copyOf(categories)));
        }
        return List.copyOf(filters);
    }

    private static long[] mask(List<AppliedFilter> filters, SurveyTally.Snapshot snapshot) {
        long[] mask = snapshot.allRows();
        for (AppliedFilter filter : filters) {
            long[] admitted = new long[mask.length];
            for (ResultVariable.Category category : filter.categories()) {
                long[] rows = filter.variable().rowsOf(category, snapshot);
                for (int i = 0; i < admitted.length; i++) {
                    admitted[i] |= rows[i];
                }
            }
            ResultVariable.and(mask, admitted);
        }
        return mask;
    }

    private static QuestionResult questionResult(Question question, Counter counter) {
        String type = question.type().code();
        return switch (question.type()) {
            case SINGLE -> {
                SurveyTally.VariableView view = counter.view(SurveyTally.key(question, null));
                long n = counter.shown(view);
                List<OptionResult> options = question.options().stream()
                        .map(o -> option(o.code(), o.label(), counter.count(view, o.code()), n)).toList();
                yield new QuestionResult(question.id(), type, question.text(), n, counter.answered(view), options,
                        null, null, null, null, null, null, null);
            }
            case SCALE -> scaleResult(question, counter);
            case MULTIPLE -> {
                SurveyTally.VariableView presence = counter.view(SurveyTally.key(question, null));
                long n = counter.shown(presence);
                List<OptionResult> options = question.options().stream().map(o -> {
                    SurveyTally.VariableView chosen = counter.view(SurveyTally.key(question, o.code()));
                    return option(o.code(), o.label(), counter.count(chosen, SurveyTally.FIRST_CODE), n);
                }).toList();
                yield new QuestionResult(question.id(), type, question.text(), n, counter.answered(presence), options,
                        null, null, null, null, null, null, null);
            }
            case MATRIX -> {
                List<MatrixRowResult> rows = new ArrayList<>();
                for (Option row : question.rows()) {
                    SurveyTally.VariableView view = counter.view(SurveyTally.key(question, row.code()));
                    long n = counter.shown(view);
                    List<OptionResult> options = question.columns().stream()
                            .map(c -> option(c.code(), c.label(), counter.count(view, c.code()), n)).toList();
                    rows.add(new MatrixRowResult(row.code(), row.label(), n, counter.answered(view), options));
                }
                yield new QuestionResult(question.id(), type, question.text(), null, null, null, null, null, null,
                        null, null, null, rows);
            }
            case TEXT -> {
                SurveyTally.VariableView view = counter.view(SurveyTally.key(question, null));
                yield QuestionResult.counted(question.id(), type, question.text(), counter.shown(view), counter.answered(view));
            }
            case EMAIL -> QuestionResult.counted(question.id(), type, question.text(),
                    counter.shown(counter.view(SurveyTally.key(question, null))), null);
        };
    }

    private static QuestionResult scaleResult(Question question, Counter counter) {
        SurveyTally.VariableView view = counter.view(SurveyTally.key(question, null));
        long n = counter.shown(view);
        List<OptionResult> options = new ArrayList<>();
        long answered = 0;
        long sum = 0;
        long[] histogram = new long[question.max() - question.min() + 1];
        for (int point = question.min(); point <= question.max(); point++) {
            String code = Integer.toString(point);
            long count = counter.count(view, code);
            histogram[point - question.min()] = count;
            answered += count;
            sum += count * point;
            options.add(option(code, code, count, n));
        }
        BigDecimal mean = null;
        BigDecimal median = null;
        BigDecimal stdDev = null;
        if (answered > 0) {
            mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(answered), 2, RoundingMode.HALF_UP);
            median = ScaleStatistics.median(histogram, question.min(), answered);
            stdDev = ScaleStatistics.sampleStandardDeviation(histogram, question.min(), answered, sum);
        }
        long topTwo = histogram[histogram.length - 1] + (histogram.length > 1 ? histogram[histogram.length - 2] : 0);
        return new QuestionResult(question.id(), question.type().code(), question.text(), n, answered, options,
                mean, median, stdDev, percent(topTwo, n), question.minLabel(), question.maxLabel(), null);
    }

    private static FieldworkCounts fieldwork(SurveyTally.Snapshot snapshot) {
        long inProgress = snapshot.status(ResponseStatus.IN_PROGRESS);
        long complete = snapshot.status(ResponseStatus.COMPLETE);
        long screenedOut = snapshot.status(ResponseStatus.SCREENED_OUT);
        long quotaFull = snapshot.status(ResponseStatus.QUOTA_FULL);
        return new FieldworkCounts(inProgress + complete + screenedOut + quotaFull, inProgress, complete, screenedOut,
                quotaFull);
    }

    /** Quota fill from the index: a quota cell counts completes, exactly as the quota counters do. */
    private static List<QuotaFill> quotas(SurveyDefinition definition, Counter counter) {
        List<QuotaFill> fills = new ArrayList<>();
        for (Quota quota : definition.quotas()) {
            Question question = definition.question(quota.question()).orElse(null);
            if (question == null) {
                continue;
            }
            SurveyTally.VariableView view = counter.view(SurveyTally.key(question, null));
            List<QuotaFill.Cell> cells = new ArrayList<>();
            for (Option option : question.options()) {
                OptionalInt cap = quota.capFor(option.code());
                if (cap.isPresent()) {
                    cells.add(new QuotaFill.Cell(option.code(), option.label(), cap.getAsInt(),
                            counter.count(view, option.code())));
                }
            }
            fills.add(new QuotaFill(quota.id(), quota.question(), cells));
        }
        return fills;
    }

    private static OptionResult option(String code, String label, long count, long base) {
        return new OptionResult(code, label, count, percent(count, base));
    }

    static BigDecimal percent(long count, long base) {
        if (base == 0) {
            return null;
        }
        return BigDecimal.valueOf(count).multiply(HUNDRED).divide(BigDecimal.valueOf(base), 1, RoundingMode.HALF_UP);
    }

    /** Counts by value: the tally's counters when unfiltered, popcounts under the filter mask otherwise. */
    private record Counter(SurveyTally.Snapshot snapshot, long[] mask) {

        SurveyTally.VariableView view(String key) {
            return snapshot.variables().get(key);
        }

        long count(SurveyTally.VariableView view, int value) {
            if (view == null || value < 0 || value >= view.counts().length) {
                return 0;
            }
            return mask == null ? view.counts()[value] : view.bitmaps().get(value).countWithin(mask);
        }

        long count(SurveyTally.VariableView view, String code) {
            return view == null ? 0 : count(view, view.valueOf(code));
        }

        long shown(SurveyTally.VariableView view) {
            return view == null ? 0 : count(view, SurveyTally.UNANSWERED) + answered(view);
        }

        long answered(SurveyTally.VariableView view) {
            if (view == null) {
                return 0;
            }
            long answered = 0;
            for (int value = SurveyTally.FIRST_CODE; value < view.counts().length; value++) {
                answered += count(view, value);
            }
            return answered;
        }
    }

    private record DocumentKey(String surveyId, int version, List<String> filters) {
    }

    private record CachedDocument(long changes, ResultsDocument document) {
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
