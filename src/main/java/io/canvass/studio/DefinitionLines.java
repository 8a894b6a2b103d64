package io.canvass.studio;

import java.io.StringReader;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The line of a definition's text that a problem's JSON pointer points at, so the studio can list
 * problems by line beside the text. The text is composed (not constructed) by SnakeYAML, which keeps
 * each node's position; JSON is YAML too. A syntax error has no pointer: its line is in the message.
 */
final class DefinitionLines {

    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line (\\d+)");

    private final Node root;

    private DefinitionLines(Node root) {
        this.root = root;
    }

    static DefinitionLines of(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1024 * 1024);
        try {
            return new DefinitionLines(new Yaml(options).compose(new StringReader(text)));
        } catch (RuntimeException notYaml) {
            return new DefinitionLines(null);
        }
    }

    /** The 1-based line of the deepest node the pointer reaches (its parent's when the field is missing). */
    OptionalInt lineOf(String pointer, String message) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            Matcher inMessage = LINE_IN_MESSAGE.matcher(message == null ? "" : message);
            return inMessage.find() ? OptionalInt.of(Integer.parseInt(inMessage.group(1))) : OptionalInt.empty();
        }
        if (root == null) {
            return OptionalInt.empty();
        }
        Node node = root;
        for (String token : pointer.substring(1).split("/", -1)) {
            String step = token.replace("~1", "/").replace("~0", "~");
            Node next = child(node, step);
            if (next == null) {
                break;
            }
            node = next;
        }
        return OptionalInt.of(node.getStartMark().getLine() + 1);
    }

    private static Node child(Node node, String step) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple entry : mapping.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals(step)) {
                    // A scalar value sits on its key's line; a nested block starts on the next one.
                    return entry.getValueNode() instanceof ScalarNode ? entry.getKeyNode() : entry.getValueNode();
                }
            }
            return null;
        }
        if (node instanceof SequenceNode sequence && step.matches("\\d{1,6}")) {
            int index = Integer.parseInt(step);
            return index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
        }
        return null;
    }
}
