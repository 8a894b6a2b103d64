package io.canvass.export;

import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A published version as its respondents answered it: the questions by id, the page each stands
 * on, and the answer keys that hold personal data. Responses are read against their own version.
 */
final class AnsweredVersion {

    final SurveyDefinition definition;
    final Map<String, Question> questionsById;
    private final Map<String, Integer> pageOf = new HashMap<>();
    final Set<String> personalDataKeys;

    AnsweredVersion(SurveyDefinition definition) {
        this.definition = definition;
        this.questionsById = definition.questionsById();
        for (int page = 0; page < definition.pages().size(); page++) {
            for (Question q : definition.pages().get(page).questions()) {
                pageOf.putIfAbsent(q.id(), page);
            }
        }
        this.personalDataKeys = questionsById.values().stream()
                .filter(AnsweredVersion::isPersonal)
                .map(Question::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Personal data never leaves in an export: flagged questions, and e-mail addresses even when not flagged. */
    static boolean isPersonal(Question question) {
        return question.holdsPersonalData() || question.type() == QuestionType.EMAIL;
    }

    /** The page of a question, or of the question a {@code question.option} key belongs to; -1 when unknown. */
    int pageOf(String answerKey) {
        Integer page = pageOf.get(answerKey);
        if (page == null) {
            int dot = answerKey.indexOf('.');
            page = dot < 0 ? null : pageOf.get(answerKey.substring(0, dot));
        }
        return page == null ? -1 : page;
    }
}
