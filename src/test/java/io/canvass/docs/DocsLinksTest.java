package io.canvass.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything the README and docs/ point a reader to is there: each relative link (and the heading its
 * {@code #anchor} names), and each repository path or Markdown file written in {@code code} form.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** [text](target) and ![alt](target); the target up to a space or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    /** The top of the repository: a path in code form starting with one of these names a file that must exist. */
    private static final List<String> REPOSITORY_ROOTS = List.of("src/", "questionnaire/", "deploy/", "docs/", ".ci/", ".mvn/");
    private static final Set<String> REPOSITORY_FILES = Set.of("pom.xml", "mvnw", "canvass", "README.md", "BENCHMARKS.md");

    private static List<Path> documents;

    @BeforeAll
    static void findTheDocuments() throws IOException {
        documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("deploy", "README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        assertTrue(documents.size() > 5, "expected the README and the reference under docs/: " + documents);
    }

    @Test
    void everyRelativeLinkAndAnchorExists() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            String text = withoutCodeBlocks(Files.readString(document));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*") || target.startsWith("//")) {
                    continue; // http:, https:, mailto: …: not in the repository
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? document : document.getParent() == null ? Path.of(file)
                        : document.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(document + ": " + target + " (no " + resolved + ")");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(document + ": " + target + " (" + resolved + " has no heading #" + anchor + ")");
                }
            }
        }
        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    @Test
    void everyRepositoryPathInCodeFormExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path document : documents) {
            Matcher code = CODE.matcher(Files.readString(document));
            while (code.find()) {
                for (String word : code.group(1).split("\\s+")) {
                    String path = word.replaceAll("[),;:.]+$", "").replaceFirst("^\\./", "");
                    if (namesARepositoryFile(path) && !Files.exists(ROOT.resolve(path))
                            && !(document.getParent() != null && Files.exists(document.getParent().resolve(path)))) {
                        missing.add(document + ": `" + code.group(1) + "` names " + path + ", which is not in the repository");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "paths the documentation names that do not exist");
    }

    @Test
    void theReadmeIsShortAndTheReferenceIsUnderDocs() throws IOException {
        long lines = Files.readAllLines(Path.of("README.md")).size();
        assertTrue(lines < 150, "the README is a start, not the reference: " + lines + " lines (keep it under 150)");
        for (String reference : List.of("api.md", "configuration.md", "operations.md", "confidentiality.md", "definitions.md",
                "benchmarks.md", "testing.md", "dependencies.md")) {
            assertTrue(Files.exists(Path.of("docs", reference)), "docs/" + reference + " is missing");
        }
    }

    /** A path from the repository's top (src/…, deploy/…, a root file) or a bare Markdown file name; no globs, no placeholders. */
    private static boolean namesARepositoryFile(String path) {
        if (path.isEmpty() || path.contains("*") || path.contains("{") || path.contains("$") || path.contains("<")) {
            return false;
        }
        if (REPOSITORY_FILES.contains(path) || path.matches("[A-Za-z0-9_.-]+\\.md")) {
            return true;
        }
        return REPOSITORY_ROOTS.stream().anyMatch(path::startsWith);
    }

    /** GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : withoutCodeBlocks(Files.readString(markdown)).split("\n")) {
            Matcher heading = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$").matcher(line);
            if (heading.matches()) {
                String slug = heading.group(1).toLowerCase(Locale.ROOT).replace("`", "")
                        .replaceAll("[^\\p{L}\\p{N}\\s_-]", "").trim().replaceAll("\\s", "-");
                String unique = slug;
                for (int n = 1; !anchors.add(unique); n++) {
                    unique = slug + "-" + n;
                }
            }
        }
        return anchors;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?ms)^```.*?^```", "");
    }
}
