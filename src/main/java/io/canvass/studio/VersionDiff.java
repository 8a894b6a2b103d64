package io.canvass.studio;

import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two versions of a survey, in a researcher's words: questions added and
 * removed, and for a question in both, its wording, type, requirement and each option, row or
 * column added, removed or relabelled. Compared by id and code, the contract analysts rely on.
 */
record VersionDiff(int from, int to, List<Change> changes) {

    /** One line of the diff: {@code kind} is added, removed or changed. */
    record Change(String kind, String where, String what) {
    }

    static VersionDiff between(SurveyDefinition older, SurveyDefinition newer) {
        List<Change> changes = new ArrayList<>();
        if (!Objects.equals(older.title(), newer.title())) {
            changes.add(new Change("changed", "title", "“" + older.title() + "” → “" + newer.title() + "”"));
        }
        Map<String, Question> before = byId(older.questions(), Question::id);
        Map<String, Question> after = byId(newer.questions(), Question::id);
        before.forEach((id, question) -> {
            if (!after.containsKey(id)) {
                changes.add(new Change("removed", "question " + id, question.text().defaultText()));
            }
        });
        after.forEach((id, question) -> {
            Question old = before.get(id);
            if (old == null) {
                changes.add(new Change("added", "question " + id, question.text().defaultText()));
                return;
            }
            String where = "question " + id;
            if (!Objects.equals(old.text(), question.text())) {
                changes.add(new Change("changed", where + " text", "“" + old.text().defaultText() + "” → “" + question.text().defaultText() + "”"));
            }
            if (old.type() != question.type()) {
                changes.add(new Change("changed", where + " type", old.type().code() + " → " + question.type().code()));
            }
            if (old.requiresAnswer() != question.requiresAnswer()) {
                changes.add(new Change("changed", where, question.requiresAnswer() ? "now required" : "now optional"));
            }
            options(changes, where + " option", old.options(), question.options());
            options(changes, where + " row", old.rows(), question.rows());
            options(changes, where + " column", old.columns(), question.columns());
        });
        return new VersionDiff(older.version(), newer.version(), changes);
    }

    private static void options(List<Change> changes, String where, List<Option> older, List<Option> newer) {
        Map<String, Option> before = byId(older == null ? List.of() : older, Option::code);
        Map<String, Option> after = byId(newer == null ? List.of() : newer, Option::code);
        before.forEach((code, option) -> {
            if (!after.containsKey(code)) {
                changes.add(new Change("removed", where + " " + code, option.label().defaultText()));
            }
        });
        after.forEach((code, option) -> {
            Option old = before.get(code);
            if (old == null) {
                changes.add(new Change("added", where + " " + code, option.label().defaultText()));
            } else if (!Objects.equals(old.label(), option.label())) {
                changes.add(new Change("changed", where + " " + code, "“" + old.label().defaultText() + "” → “" + option.label().defaultText() + "”"));
            }
        });
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }
}
