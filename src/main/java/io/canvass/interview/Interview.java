package io.canvass.interview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Condition;
import io.canvass.questionnaire.Question;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interview, decided once for the API and the browser: pure functions of a compiled
 * {@link SurveyPlan} and a respondent's answers (in the API's shape, see
 * {@link io.canvass.questionnaire.Answers}). No HTTP, no database: what is stored, and whether a
 * quota cell is full, is for the caller. Pages are counted from 0.
 */
public final class Interview {

    private Interview() {
    }

    /**
     * Every problem with a whole set of answers, each naming its question, and who is screened
     * out. Answers are required up to the page of the question that screens out, if any.
     */
    public static AnswerCheck checkAll(SurveyPlan plan, ObjectNode answers) {
        return AnswerRules.checkAll(plan, answers);
    }

    /**
     * The problems of one page's answers, as {@link #checkAll} reports them for that page's
     * questions; the answers of the other pages are context only.
     */
    public static AnswerCheck checkPage(SurveyPlan plan, int pageIndex, ObjectNode answers) {
        return AnswerRules.check(plan, answers, pageIndex);
    }

    /** The question that screens the respondent out, if any. */
    public static Optional<Question> screenedOutBy(SurveyPlan plan, ObjectNode answers) {
        return plan.screenedOutBy(answers).map(QuestionPlan::question);
    }

    /** The quota cells a complete with these answers takes a place in. */
    public static List<QuotaCell> quotaCells(SurveyPlan plan, ObjectNode answers) {
        return plan.quotaCells(answers);
    }

    /**
     * Where to go after a page: screened out by a question, on to the next page that shows
     * anything, or complete; with the quota cells the answered page puts the respondent in.
     */
    public static Route route(SurveyPlan plan, int pageIndex, ObjectNode answers) {
        Optional<QuestionPlan> screening = plan.screenedOutBy(answers);
        if (screening.isPresent()) {
            return new Route.ScreenedOut(screening.get().question());
        }
        List<QuotaCell> cells = plan.quotaCellsOnPage(pageIndex, answers);
        int next = nextPage(plan, pageIndex, answers);
        return next < 0 ? new Route.Complete(cells) : new Route.NextPage(next, cells);
    }

    /** The next page after this one that shows anything, or -1 when there is none. */
    public static int nextPage(SurveyPlan plan, int pageIndex, ObjectNode answers) {
        for (int p = pageIndex + 1; p < plan.pageCount(); p++) {
            if (showsAnything(plan, p, answers)) {
                return p;
            }
        }
        return -1;
    }

    /** The nearest earlier page that shows anything, or this page itself when none does. */
    public static int previousPage(SurveyPlan plan, int pageIndex, ObjectNode answers) {
        for (int p = pageIndex - 1; p >= 0; p--) {
            if (showsAnything(plan, p, answers)) {
                return p;
            }
        }
        return pageIndex;
    }

    /**
     * The questions a page shows: those whose condition holds, plus those whose condition tests an
     * earlier question of the same page (revealed as the respondent answers, with or without script).
     */
    public static List<Question> shownOnPage(SurveyPlan plan, int pageIndex, ObjectNode answers) {
        List<QuestionPlan> onPage = plan.page(pageIndex).questions();
        List<Question> shown = new ArrayList<>(onPage.size());
        for (QuestionPlan question : onPage) {
            if (isShownOnPage(plan, question, answers)) {
                shown.add(question.question());
            }
        }
        return shown;
    }

    private static boolean showsAnything(SurveyPlan plan, int pageIndex, ObjectNode answers) {
        for (QuestionPlan question : plan.page(pageIndex).questions()) {
            if (isShownOnPage(plan, question, answers)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isShownOnPage(SurveyPlan plan, QuestionPlan question, ObjectNode answers) {
        Condition condition = question.question().condition();
        if (condition != null && condition.question() != null) {
            QuestionPlan tested = plan.questionOrNull(condition.question());
            if (tested != null && tested.pageIndex() == question.pageIndex() && tested.index() < question.index()) {
                return true;
            }
        }
        return plan.isShown(question, answers);
    }

    /**
     * The quality flags a complete raises by itself (README "Data quality"): a straight-lined matrix, a
     * duration under the speeder threshold, a filled honeypot. Whether it duplicates an earlier complete
     * is for the store to say, by its {@link #answerFingerprint}. The answers are the stored ones
     * (personal data apart).
     */
    public static Set<QualityFlag> qualityFlags(SurveyPlan plan, ObjectNode answers, QualitySignals signals,
            QualityThresholds thresholds) {
        return QualityRules.flags(plan, answers, signals, thresholds);
    }

    /**
     * The fingerprint of a complete's coded answers (SHA-256, hex): two completes have the same one exactly
     * when they gave the same answers, free text and personal data aside. Empty without any coded answer.
     */
    public static Optional<String> answerFingerprint(SurveyPlan plan, ObjectNode answers) {
        return QualityRules.fingerprint(plan, answers);
    }

    /**
     * The answers without personal data, and the personal data apart. The answers are copied only
     * when they hold personal data; the copy shares the (unchanged) answer values with the original.
     */
    public static SplitAnswers split(SurveyPlan plan, ObjectNode answers) {
        Map<String, String> personal = null;
        boolean anyKey = false;
        for (QuestionPlan question : plan.personalData()) {
            JsonNode value = answers.get(question.id());
            if (value != null) {
                anyKey = true;
                if (!AnswerCodes.absent(value)) {
                    personal = personal == null ? new LinkedHashMap<>() : personal;
                    personal.put(question.id(), value.asText());
                }
            }
        }
        if (!anyKey) {
            return new SplitAnswers(answers, Map.of());
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = answers.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            QuestionPlan question = plan.questionOrNull(field.getKey());
            if (question == null || !question.holdsPersonalData()) {
                kept.set(field.getKey(), field.getValue());
            }
        }
        return new SplitAnswers(kept, personal == null ? Map.of() : Collections.unmodifiableMap(personal));
    }
}
