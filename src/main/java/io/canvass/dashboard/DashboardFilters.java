package io.canvass.dashboard;

import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the dashboard's {@code filter} parameters. The results API's form is one parameter per
 * question, {@code filter=industry:it,financial}; a plain HTML form sends one parameter per ticked
 * box, {@code filter=industry:it&filter=industry:financial}. Both mean the same: codes of one
 * question are alternatives (OR), different questions must all hold (AND).
 */
public final class DashboardFilters {

    /** Question types a filter may name: those with a closed list of answers, one code per respondent or several. */
    static final Set<QuestionType> FILTERABLE = Set.of(QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.SCALE);
    private static final int MAX_PARAMETERS = 100;
    private static final int MAX_PARAMETER_LENGTH = 2000;

    private DashboardFilters() {
    }

    /**
     * The filters in survey order, codes in definition order; {@link InvalidFilterException} for anything unknown,
     * and for more questions filtered on than the results API takes filters ({@code maxFilters}).
     */
    public static List<DashboardFilter> parse(List<String> parameters, SurveyDefinition survey, int maxFilters) {
        if (parameters == null || parameters.isEmpty()) {
            return List.of();
        }
        if (parameters.size() > MAX_PARAMETERS) {
            throw new InvalidFilterException("Too many filters");
        }
        Map<String, Question> questions = survey.questionsById();
        Map<String, Set<String>> chosen = new java.util.HashMap<>();
        for (String parameter : parameters) {
            if (parameter == null || parameter.isBlank()) {
                continue;
            }
            int colon = parameter.indexOf(':');
            if (parameter.length() > MAX_PARAMETER_LENGTH || colon <= 0) {
                throw new InvalidFilterException("A filter is written question:code,code");
            }
            String questionId = parameter.substring(0, colon);
            Question question = questions.get(questionId);
            if (question == null || !FILTERABLE.contains(question.type()) || question.holdsPersonalData()) {
                // The requested text is not repeated on the page: a link must not make the page say what it likes.
                throw new InvalidFilterException("A filter names a question this survey cannot be filtered on");
            }
            List<String> allowed = question.answerCodes();
            for (String code : parameter.substring(colon + 1).split(",")) {
                if (code.isEmpty()) {
                    continue;
                }
                if (!allowed.contains(code)) {
                    throw new InvalidFilterException("A filter names an answer that “" + question.text() + "” does not have");
                }
                chosen.computeIfAbsent(questionId, id -> new LinkedHashSet<>()).add(code);
            }
        }
        if (chosen.values().stream().filter(codes -> !codes.isEmpty()).count() > maxFilters) {
            // The page asks the results API with one filter per question, and the API takes no more than this.
            throw new InvalidFilterException("Filter on at most " + maxFilters + " questions at once");
        }
        List<DashboardFilter> filters = new ArrayList<>();
        for (Question question : questions.values()) {
            Set<String> codes = chosen.get(question.id());
            if (codes != null && !codes.isEmpty()) {
                filters.add(new DashboardFilter(question.id(),
                        question.answerCodes().stream().filter(codes::contains).toList()));
            }
        }
        return filters;
    }

    /** The query string (without {@code ?}) that asks the results API for these filters; empty for none. */
    public static String query(List<DashboardFilter> filters) {
        return filters.stream()
                .map(f -> "filter=" + URLEncoder.encode(f.parameter(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
