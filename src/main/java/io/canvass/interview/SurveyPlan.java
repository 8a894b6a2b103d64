package io.canvass.interview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Page;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.Quota;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A survey version compiled for interviewing: its questions by id with their pages and codes,
 * their conditions, who is screened out, the quota cells, the personal-data questions and the
 * keys of "other, please specify" texts. Built once per published version (published versions
 * never change) and immutable, so any number of threads share it.
 */
public final class SurveyPlan {

    /**
     * Plans of definitions in use, by the definition object's identity: a published version's
     * definition is parsed once and kept by the catalog, so its plan is compiled once; a draft's
     * plan goes with its definition.
     */
    private static final Cache<SurveyDefinition, SurveyPlan> COMPILED = Caffeine.newBuilder()
            .weakKeys().weakValues().build();

    private final SurveyDefinition definition;
    private final List<QuestionPlan> questions;
    private final Map<String, QuestionPlan> byId;
    private final List<PagePlan> pages;
    private final List<QuestionPlan> screening;
    private final List<QuotaRule> quotas;
    private final List<QuestionPlan> personalData;
    private final Map<String, SpecifyKey> specifyKeys;

    private SurveyPlan(SurveyDefinition definition) {
        this.definition = definition;
        Map<String, QuestionPlan> plans = new LinkedHashMap<>();
        for (int p = 0; p < definition.pages().size(); p++) {
            for (Question question : definition.pages().get(p).questions()) {
                if (!plans.containsKey(question.id())) {
                    plans.put(question.id(), new QuestionPlan(question, plans.size(), p));
                }
            }
        }
        this.byId = Collections.unmodifiableMap(plans);
        this.questions = List.copyOf(plans.values());
        questions.forEach(q -> q.compileCondition(byId));
        this.screening = questions.stream().filter(QuestionPlan::screens).toList();
        this.personalData = questions.stream().filter(QuestionPlan::holdsPersonalData).toList();
        Map<String, SpecifyKey> specify = new HashMap<>();
        for (QuestionPlan question : questions) {
            if (question.question().options() != null) {
                for (Option option : question.question().options()) {
                    if (option.takesSpecifyText()) {
                        String key = question.id() + "." + option.code();
                        specify.put(key, new SpecifyKey(key, question, option.code()));
                    }
                }
            }
        }
        this.specifyKeys = Map.copyOf(specify);
        List<QuotaRule> quotaRules = new ArrayList<>();
        for (Quota quota : definition.quotas()) {
            QuestionPlan question = byId.get(quota.question());
            if (question == null || question.question().options() == null) {
                continue;
            }
            Map<String, Integer> caps = new LinkedHashMap<>();
            for (Option option : question.question().options()) {
                OptionalInt cap = quota.capFor(option.code());
                if (cap.isPresent()) {
                    caps.put(option.code(), cap.getAsInt());
                }
            }
            quotaRules.add(new QuotaRule(quota.id(), question, Collections.unmodifiableMap(caps)));
        }
        this.quotas = List.copyOf(quotaRules);
        List<PagePlan> pagePlans = new ArrayList<>();
        for (int p = 0; p < definition.pages().size(); p++) {
            Page page = definition.pages().get(p);
            List<QuestionPlan> onPage = page.questions().stream().map(q -> byId.get(q.id())).toList();
            int index = p;
            List<QuotaRule> asked = quotas.stream().filter(rule -> rule.question().pageIndex() == index).toList();
            pagePlans.add(new PagePlan(p, page, onPage, asked));
        }
        this.pages = List.copyOf(pagePlans);
    }

    /** Compiles a definition; for drafts and previews, which are not kept. */
    public static SurveyPlan compile(SurveyDefinition definition) {
        return new SurveyPlan(definition);
    }

    /**
     * The plan of this definition object, compiled on first use and kept as long as the
     * definition is: for callers that hold a published version's definition rather than its plan.
     */
    public static SurveyPlan of(SurveyDefinition definition) {
        return COMPILED.get(definition, SurveyPlan::new);
    }

    public SurveyDefinition definition() {
        return definition;
    }

    /** Every question in survey order, which is also the order conditions depend on each other. */
    public List<QuestionPlan> questions() {
        return questions;
    }

    public Optional<QuestionPlan> question(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    QuestionPlan questionOrNull(String id) {
        return byId.get(id);
    }

    public int pageCount() {
        return pages.size();
    }

    /** A page by its index, from 0. */
    public PagePlan page(int pageIndex) {
        return pages.get(pageIndex);
    }

    /** The index of the page a question stands on, or -1 for no question of this survey. */
    public int pageIndexOf(String questionId) {
        QuestionPlan question = byId.get(questionId);
        return question == null ? -1 : question.pageIndex();
    }

    /** The questions whose answers are personal data, in survey order. */
    public List<QuestionPlan> personalData() {
        return personalData;
    }

    /** The quotas, in definition order, each with the caps of its cells. */
    public List<QuotaRule> quotas() {
        return quotas;
    }

    /** What an {@code "question.option"} key names, or null when it is not the text of a specify option. */
    SpecifyKey specifyKey(String key) {
        return specifyKeys.get(key);
    }

    /** Whether a question is shown with these answers: it has no condition, or its condition holds. */
    public boolean isShown(QuestionPlan question, ObjectNode answers) {
        return question.condition() == null || question.condition().holds(answers);
    }

    /**
     * The question that screens the respondent out, if any: the first shown question, in survey
     * order, whose answer includes an option marked {@code screenOut}.
     */
    public Optional<QuestionPlan> screenedOutBy(ObjectNode answers) {
        for (QuestionPlan question : screening) {
            if (isShown(question, answers) && AnswerCodes.test(question, answers.get(question.id()), null,
                    question.screenOutCodes()) == AnswerCodes.SOME_IN) {
                return Optional.of(question);
            }
        }
        return Optional.empty();
    }

    /** The quota cells the answers fall in, in quota order: what a complete takes a place in. */
    public List<QuotaCell> quotaCells(ObjectNode answers) {
        return cellsOf(quotas, answers);
    }

    /** The quota cells the answers fall in, of the quotas whose question is asked on this page. */
    public List<QuotaCell> quotaCellsOnPage(int pageIndex, ObjectNode answers) {
        return cellsOf(pages.get(pageIndex).quotasAsked(), answers);
    }

    private static List<QuotaCell> cellsOf(List<QuotaRule> rules, ObjectNode answers) {
        List<QuotaCell> cells = null;
        for (QuotaRule rule : rules) {
            String code = AnswerCodes.singleCode(answers.get(rule.question().id()));
            Integer cap = code == null ? null : rule.caps().get(code);
            if (cap != null) {
                if (cells == null) {
                    cells = new ArrayList<>(rules.size());
                }
                cells.add(new QuotaCell(rule.id(), code, cap));
            }
        }
        return cells == null ? List.of() : cells;
    }

    /** One page: its questions' plans and the quotas whose question it asks. */
    public record PagePlan(int index, Page page, List<QuestionPlan> questions, List<QuotaRule> quotasAsked) {
    }

    /** A quota on a single-choice question: the cap of each capped code, in option order. */
    public record QuotaRule(String id, QuestionPlan question, Map<String, Integer> caps) {
    }

    /** The key of an "other, please specify" text, {@code question.option}, and what it belongs to. */
    record SpecifyKey(String key, QuestionPlan question, String code) {
    }
}
