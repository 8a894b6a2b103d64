package io.canvass.questionnaire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * Turns definition text (YAML or JSON) into a {@link SurveyDefinition}: first the JSON Schema that
 * researchers' editors use, then the rules a schema cannot express ({@link DefinitionRules}).
 * Every problem is reported at once, each with a JSON pointer into the definition.
 */
public final class DefinitionParser {

    /** The schema shipped beside the definitions in {@code questionnaire/}, copied onto the classpath by the build. */
    public static final String SCHEMA_RESOURCE = "schema/survey-definition.schema.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonSchema SCHEMA = loadSchema();

    private DefinitionParser() {
    }

    /** Parses and validates; {@code source} names the definition in error messages (a file name, or "request"). */
    public static SurveyDefinition parse(String text, DefinitionFormat format, String source) {
        JsonNode tree = readTree(text, format, source);
        List<DefinitionProblem> schemaProblems = SCHEMA.validate(tree).stream()
                .map(DefinitionParser::toProblem)
                .sorted(Comparator.comparing(DefinitionProblem::pointer))
                .distinct()
                .toList();
        if (!schemaProblems.isEmpty()) {
            throw new InvalidDefinitionException(source, schemaProblems);
        }
        SurveyDefinition definition;
        try {
            definition = JSON.treeToValue(tree, SurveyDefinition.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(source, List.of(new DefinitionProblem("", e.getOriginalMessage())));
        }
        List<DefinitionProblem> ruleProblems = DefinitionRules.check(definition);
        if (!ruleProblems.isEmpty()) {
            throw new InvalidDefinitionException(source, ruleProblems);
        }
        return definition;
    }

    /** The canonical JSON of a definition, as the API publishes it. */
    public static String toJson(SurveyDefinition definition) {
        try {
            return JSON.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed definition always serialises", e);
        }
    }

    /** Reads back the canonical JSON written by {@link #toJson}; it was validated when it was stored. */
    public static SurveyDefinition fromCanonicalJson(String json) {
        try {
            return JSON.readValue(json, SurveyDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored definition is not readable", e);
        }
    }

    private static JsonNode readTree(String text, DefinitionFormat format, String source) {
        try {
            JsonNode tree = (format == DefinitionFormat.YAML ? YAML : JSON).readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new InvalidDefinitionException(source, List.of(new DefinitionProblem("", "the definition is empty")));
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidDefinitionException(source, List.of(new DefinitionProblem("",
                    "not valid " + format.name() + where + ": " + e.getOriginalMessage())));
        }
    }

    private static DefinitionProblem toProblem(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        String text = message.getMessage();
        // The library prefixes each message with the instance location; the pointer carries it already.
        if (text.startsWith(pointer + ": ")) {
            text = text.substring(pointer.length() + 2);
        }
        if ("additionalProperties".equals(message.getType()) && message.getProperty() != null) {
            pointer = pointer + "/" + message.getProperty();
            text = "unknown property '" + message.getProperty() + "'";
        }
        return new DefinitionProblem(pointer, text);
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + SCHEMA_RESOURCE + " on the classpath");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(JSON.readTree(in), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
