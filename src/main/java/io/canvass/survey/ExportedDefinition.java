package io.canvass.survey;

import io.canvass.questionnaire.DefinitionFormat;

/** A version's definition exactly as its author wrote it, in the notation it was written in. */
public record ExportedDefinition(String surveyId, int version, String text, DefinitionFormat format) {
}
