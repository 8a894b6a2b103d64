package io.canvass.questionnaire;

import java.util.Locale;
import java.util.Optional;

/** The two notations a definition may be written in; a definition is exported in the one it was written in. */
public enum DefinitionFormat {
    YAML("application/yaml"), JSON("application/json");

    private final String mediaType;

    DefinitionFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<DefinitionFormat> ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return Optional.of(YAML);
        }
        if (lower.endsWith(".json") && !lower.endsWith(".schema.json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }
}
