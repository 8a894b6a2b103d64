package io.canvass.questionnaire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
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
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
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
    /**
     * How deep a definition's JSON may nest. The deepest legitimate path (a question's condition nested
     * {@value DefinitionRules#MAX_CONDITION_DEPTH} levels) is 21 levels; far deeper input would make the schema
     * validator and the deserializer recurse until the stack overflows, so it is refused before either runs.
     */
    static final int MAX_NESTING = 32;

    private DefinitionParser() {
    }

    /** Parses and validates; {@code source} names the definition in error messages (a file name, or "request"). */
    public static SurveyDefinition parse(String text, DefinitionFormat format, String source) {
        JsonNode tree = readTree(text, format, source);
        String tooDeep = firstPointerBeyond(tree, MAX_NESTING);
        if (tooDeep != null) {
            throw new InvalidDefinitionException(source, List.of(new DefinitionProblem(tooDeep,
                    "nested too deeply: a definition nests at most " + MAX_NESTING + " levels (conditions at most "
                            + DefinitionRules.MAX_CONDITION_DEPTH + ")")));
        }
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
            // Past the schema this is not expected; Jackson's message names Java types, so say where instead.
            String pointer = e instanceof JsonMappingException mapping
                    ? pointerOf(mapping.getPath()) : "";
            throw new InvalidDefinitionException(source, List.of(new DefinitionProblem(pointer,
                    "a value here does not have the type the definition format expects")));
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

    /**
     * A stored definition checked again against this release's schema and rules, as a definition sent today
     * would be: an earlier release may have stored one that no longer passes (a scale of four billion
     * points, before the limits were checked without overflow). Its canonical JSON is written again first,
     * so a property only an earlier release knew counts for nothing. {@link InvalidDefinitionException}
     * with every problem when it does not pass.
     */
    public static SurveyDefinition fromStoredJson(String json, String source) {
        SurveyDefinition stored;
        try {
            stored = fromCanonicalJson(json);
        } catch (IllegalStateException unreadable) {
            throw new InvalidDefinitionException(source, List.of(new DefinitionProblem("",
                    "the stored definition cannot be read by this release")));
        }
        // Writing it out costs nothing per scale point or code: answer codes are only listed on demand.
        return parse(toJson(stored), DefinitionFormat.JSON, source);
    }

    /**
     * Reads back the canonical JSON written by {@link #toJson} without checking it again: for what a
     * definition says about itself (anonymity, grants, which questions hold personal data). Anything that
     * lists its answer codes or compiles it wants {@link #fromStoredJson}.
     */
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
            String why = e instanceof StreamConstraintsException
                    ? "nested too deeply or too large (a definition nests at most " + MAX_NESTING + " levels)"
                    : e.getOriginalMessage();
            throw new InvalidDefinitionException(source, List.of(new DefinitionProblem("",
                    "not valid " + format.name() + where + ": " + why)));
        }
    }

    /** The JSON pointer of the first node deeper than {@code limit} levels, or null; iterative, whatever the depth. */
    static String firstPointerBeyond(JsonNode root, int limit) {
        Deque<Nested> pending = new ArrayDeque<>();
        pending.push(new Nested(root, "", 1));
        while (!pending.isEmpty()) {
            Nested next = pending.pop();
            JsonNode node = next.node();
            if (!node.isContainerNode()) {
                continue;
            }
            if (next.depth() > limit) {
                return next.pointer();
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(new Nested(node.get(i), next.pointer() + "/" + i, next.depth() + 1));
                }
            } else {
                node.fields().forEachRemaining(field -> pending.push(new Nested(field.getValue(),
                        next.pointer() + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), next.depth() + 1)));
            }
        }
        return null;
    }

    private record Nested(JsonNode node, String pointer, int depth) {
    }

    private static String pointerOf(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return pointer.toString();
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
