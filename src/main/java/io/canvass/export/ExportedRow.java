package io.canvass.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.Answers;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SkipLogic;
import io.canvass.response.ResponseStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A stored response ready to be written: its parsed answers (personal data removed) and the version it answered. */
final class ExportedRow {

    /** What a respondent saw of a multiple choice: nothing (not asked), or its options and the ones chosen. */
    record MultipleChoice(Set<String> offered, List<String> chosen) {
        static final MultipleChoice NOT_ASKED = new MultipleChoice(Set.of(), List.of());
    }

    private final StoredResponse stored;
    private final String exportedId;
    private final String exportedSubmittedAt;
    private final ObjectNode answers;
    private final AnsweredVersion version;
    private final int furthestPage;
    // One row's multiple choices, worked out once for all their option columns.
    private final Map<String, MultipleChoice> multipleChoices = new HashMap<>();

    private ExportedRow(StoredResponse stored, ObjectNode answers, AnsweredVersion version, String exportedId,
            String exportedSubmittedAt) {
        this.stored = stored;
        this.exportedId = exportedId;
        this.exportedSubmittedAt = exportedSubmittedAt;
        this.answers = answers;
        this.version = version;
        this.furthestPage = ExportColumns.furthestPage(answers, version);
    }

    /**
     * @param exportedId          the id the export shows: the stored one, or a pseudonym
     * @param exportedSubmittedAt the submission as the export shows it (a moment, or a day), null while in progress
     */
    static ExportedRow of(StoredResponse stored, ObjectNode answers, AnsweredVersion version, String exportedId,
            String exportedSubmittedAt) {
        answers.remove(version.personalDataKeys);
        return new ExportedRow(stored, answers, version, exportedId, exportedSubmittedAt);
    }

    StoredResponse stored() {
        return stored;
    }

    String exportedId() {
        return exportedId;
    }

    String exportedSubmittedAt() {
        return exportedSubmittedAt;
    }

    ObjectNode answers() {
        return answers;
    }

    /**
     * A multiple choice counts as asked where the question exists in the response's version, its
     * condition held there, and the respondent got as far as its page (a complete response did).
     */
    MultipleChoice multipleChoice(String questionId) {
        return multipleChoices.computeIfAbsent(questionId, id -> {
            Question asked = version.questionsById.get(id);
            if (asked == null || asked.type() != QuestionType.MULTIPLE) {
                return MultipleChoice.NOT_ASKED;
            }
            Answers given = Answers.of(answers);
            if (!SkipLogic.isShown(asked, given, version.questionsById)) {
                return MultipleChoice.NOT_ASKED;
            }
            if (!stored.status().completedTheSurvey() && !given.has(id) && version.pageOf(id) > furthestPage) {
                return MultipleChoice.NOT_ASKED;
            }
            return new MultipleChoice(asked.options().stream().map(Option::code).collect(Collectors.toUnmodifiableSet()),
                    given.codes(asked));
        });
    }
}
