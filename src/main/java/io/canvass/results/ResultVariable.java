package io.canvass.results;

import io.canvass.questionnaire.LanguageNames;
import io.canvass.questionnaire.Option;
import io.canvass.questionnaire.Question;
import io.canvass.questionnaire.QuestionType;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Something results can be broken down by: a single, multiple or scale question, or one row of a
 * matrix ({@code question.row}), with its categories (answer codes) in survey order. Each category
 * maps to one bitmap of the index: for a multiple choice, the completes who chose that option.
 */
record ResultVariable(String id, Question question, String row, List<Category> categories) {

    /** One answer code, its label, and where its completes are in the index. */
    record Category(String code, String label, String variableKey, int value) {
    }

    /** The variable {@code name} names in the definition, or a problem naming the request parameter. */
    static ResultVariable resolve(SurveyDefinition definition, String name, String parameter) {
        if (name == null || name.isBlank()) {
            throw new InvalidResultsQueryException(parameter, "Name a question, or a matrix row as question.row");
        }
        if (name.equals(LANGUAGE) && definition.question(LANGUAGE).isEmpty()) {
            return language(definition);
        }
        int dot = name.indexOf('.');
        String questionId = dot < 0 ? name : name.substring(0, dot);
        String row = dot < 0 ? null : name.substring(dot + 1);
        Question question = definition.question(questionId)
                .orElseThrow(() -> new InvalidResultsQueryException(parameter, "The survey has no question '" + questionId + "'"));
        if (question.type() == QuestionType.TEXT || question.type() == QuestionType.EMAIL) {
            throw new InvalidResultsQueryException(parameter,
                    "Question '" + questionId + "' is free text; results can only be broken down by coded answers");
        }
        if (question.type() == QuestionType.MATRIX) {
            if (row == null || question.row(row).isEmpty()) {
                throw new InvalidResultsQueryException(parameter,
                        "Matrix question '" + questionId + "' needs one of its rows, as " + questionId + ".<row>");
            }
        } else if (row != null) {
            throw new InvalidResultsQueryException(parameter, "Question '" + questionId + "' has no rows");
        }
        List<Category> categories = new ArrayList<>();
        switch (question.type()) {
            case SINGLE -> question.options().forEach(o -> categories.add(
                    new Category(o.code(), o.label().defaultText(), SurveyTally.key(question, null), -1)));
            case SCALE -> question.answerCodes().forEach(code -> categories.add(
                    new Category(code, code, SurveyTally.key(question, null), -1)));
            case MATRIX -> question.columns().forEach(c -> categories.add(
                    new Category(c.code(), c.label().defaultText(), SurveyTally.key(question, row), -1)));
            case MULTIPLE -> {
                for (Option o : question.options()) {
                    categories.add(new Category(o.code(), o.label().defaultText(), SurveyTally.key(question, o.code()),
                            SurveyTally.FIRST_CODE));
                }
            }
            default -> throw new IllegalStateException(question.type().code());
        }
        return new ResultVariable(name, question, row, List.copyOf(categories));
    }

    /** The language completes were answered in: {@code filter=language:ja}, {@code rows=language}, unless a question is called so. */
    static final String LANGUAGE = "language";

    static ResultVariable language(SurveyDefinition definition) {
        List<Category> categories = definition.respondentLanguages().stream()
                .map(code -> new Category(code, LanguageNames.of(code), SurveyTally.LANGUAGE, -1)).toList();
        return new ResultVariable(LANGUAGE, null, null, categories);
    }

    /** The variable's type as documents name it: the question's, or "language". */
    String type() {
        return question == null ? LANGUAGE : question.type().code();
    }

    /** The variable's text as documents show it. */
    String text() {
        return question == null ? "Language of the response" : question.text().defaultText();
    }

    Category category(String code, String parameter) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new InvalidResultsQueryException(parameter,
                        "'" + code + "' is not an answer code of " + id));
    }

    /** The bitmap of each category, in order (null for a code no complete has). */
    List<RowBitmap> bitmaps(SurveyTally.Snapshot snapshot) {
        List<RowBitmap> bitmaps = new ArrayList<>(categories.size());
        for (Category category : categories) {
            bitmaps.add(bitmapOf(category, snapshot));
        }
        return bitmaps;
    }

    /** The completes who answered the variable at all, as a mask of {@code words} words (rows beyond a reading included). */
    long[] answeredRows(SurveyTally.Snapshot snapshot, int words) {
        long[] rows = new long[words];
        if (question != null && question.type() == QuestionType.MULTIPLE) {
            SurveyTally.VariableView presence = snapshot.variables().get(SurveyTally.key(question, null));
            if (presence != null && presence.bitmaps().size() > SurveyTally.FIRST_CODE) {
                presence.bitmaps().get(SurveyTally.FIRST_CODE).orInto(rows);
            }
        } else {
            for (Category category : categories) {
                RowBitmap bitmap = bitmapOf(category, snapshot);
                if (bitmap != null) {
                    bitmap.orInto(rows);
                }
            }
        }
        return rows;
    }

    /** The completes in one category, or null when no complete ever had its code. */
    static RowBitmap bitmapOf(Category category, SurveyTally.Snapshot snapshot) {
        SurveyTally.VariableView view = snapshot.variables().get(category.variableKey());
        if (view == null) {
            return null;
        }
        int value = category.value() >= 0 ? category.value() : view.valueOf(category.code());
        return value >= 0 && value < view.bitmaps().size() ? view.bitmaps().get(value) : null;
    }

    static long[] and(long[] target, long[] other) {
        for (int i = 0; i < target.length; i++) {
            target[i] &= other[i];
        }
        return target;
    }
}
