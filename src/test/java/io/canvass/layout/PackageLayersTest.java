package io.canvass.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feature packages form layers: no package reaches, through any chain of imports, back to
 * itself. A newcomer can then read the code from the ground floor up ({@code problem}, then
 * {@code questionnaire}, the interview engine, storage, and the resources at the top), and a change
 * low down never depends on something built above it.
 */
class PackageLayersTest {

    private static final Path SOURCES = Path.of("src/main/java/io/canvass");
    // Any mention of another feature package, in an import or written out in full in the code.
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.canvass\\.([a-z]\\w*)\\.[A-Za-z]");

    /** package → the packages it refers to → the first place each reference is made. */
    private static final Map<String, Map<String, String>> GRAPH = new TreeMap<>();

    @BeforeAll
    static void readTheImports() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path folder = SOURCES.relativize(file.getParent());
                String from = folder.getNameCount() == 0 || folder.toString().isEmpty() ? "(root)" : folder.getName(0).toString();
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("package ")) {
                        continue;
                    }
                    Matcher reference = REFERENCE.matcher(lines.get(i));
                    while (reference.find()) {
                        String to = reference.group(1);
                        if (!to.equals(from)) {
                            GRAPH.computeIfAbsent(from, k -> new TreeMap<>())
                                    .putIfAbsent(to, file.getFileName() + ":" + (i + 1));
                        }
                    }
                }
            }
        }
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        List<List<String>> cycles = stronglyConnected().stream().filter(group -> group.size() > 1).toList();
        StringBuilder explanation = new StringBuilder();
        for (List<String> cycle : cycles) {
            explanation.append("\nThese packages import one another: ").append(cycle);
            for (String from : cycle) {
                GRAPH.getOrDefault(from, Map.of()).forEach((to, where) -> {
                    if (cycle.contains(to)) {
                        explanation.append("\n  ").append(from).append(" → ").append(to).append(" (").append(where).append(')');
                    }
                });
            }
        }
        assertTrue(cycles.isEmpty(), explanation.toString());
    }

    @Test
    void problemIsTheGroundFloor() {
        assertEquals(Map.of(), GRAPH.getOrDefault("problem", Map.of()),
                "problem/ maps errors for every feature and so imports none of them");
    }

    @Test
    void questionnaireIsDataAndParsingOnly() {
        Set<String> allowed = Set.of("problem", "(root)");
        Map<String, String> outside = new TreeMap<>(GRAPH.getOrDefault("questionnaire", Map.of()));
        outside.keySet().removeAll(allowed);
        assertEquals(Map.of(), outside, "questionnaire/ is the definition model and its parser: no storage, no HTTP");
    }

    @Test
    void theGraphIsReadFromTheSources() {
        // Guards the test itself: if the sources moved, an empty graph would pass everything above.
        assertTrue(GRAPH.containsKey("response") && GRAPH.get("response").containsKey("interview"), GRAPH.toString());
    }

    /** Tarjan's algorithm: the groups of packages that can each reach every other one of the group. */
    private static List<List<String>> stronglyConnected() {
        Set<String> nodes = new TreeSet<>(GRAPH.keySet());
        GRAPH.values().forEach(targets -> nodes.addAll(targets.keySet()));
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> groups = new ArrayList<>();
        for (String node : nodes) {
            if (!index.containsKey(node)) {
                visit(node, index, low, stack, onStack, groups);
            }
        }
        return groups;
    }

    private static void visit(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<List<String>> groups) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : GRAPH.getOrDefault(node, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                visit(next, index, low, stack, onStack, groups);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> group = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                group.add(member);
            } while (!member.equals(node));
            groups.add(group);
        }
    }
}
