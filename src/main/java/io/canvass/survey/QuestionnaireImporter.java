package io.canvass.survey;

import io.canvass.CanvassConfig;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.DefinitionProblem;
import io.canvass.questionnaire.InvalidDefinitionException;
import io.canvass.questionnaire.SurveyDefinition;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Imports the definitions under the questionnaire folders at start-up. Every file is parsed
 * before anything is stored, and one broken file stops the start with a message naming the
 * file, the place inside it and what is wrong.
 */
@ApplicationScoped
public class QuestionnaireImporter {

    private static final Logger LOG = Logger.getLogger(QuestionnaireImporter.class);

    private final CanvassConfig config;
    private final SurveyCatalog catalog;

    public QuestionnaireImporter(CanvassConfig config, SurveyCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    void onStart(@Observes StartupEvent event) {
        for (LoadedDefinition loaded : loadAll(config.questionnaireDirs().stream().map(Path::of).toList())) {
            boolean stored;
            try {
                stored = catalog.importPublished(loaded.definition(), loaded.text(), loaded.format());
            } catch (RuntimeException conflict) {
                // Replicas starting together on an empty database race to import: one wins, the others find it.
                if (!catalog.hasVersion(loaded.definition().id(), loaded.definition().version())) {
                    throw conflict;
                }
                stored = false;
            }
            LOG.infof("%s %s version %d from %s", stored ? "Imported" : "Already have", loaded.definition().id(),
                    loaded.definition().version(), loaded.file());
        }
    }

    /** Reads and validates every definition file in the folders; throws on the first folder with a broken one. */
    public static List<LoadedDefinition> loadAll(List<Path> folders) {
        List<LoadedDefinition> loaded = new ArrayList<>();
        List<InvalidDefinitionException> broken = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                LOG.warnf("Questionnaire folder %s does not exist; no definitions imported from it", folder.toAbsolutePath());
                continue;
            }
            for (Path file : definitionFiles(folder)) {
                DefinitionFormat format = DefinitionFormat.ofFileName(file.getFileName().toString()).orElseThrow();
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    loaded.add(new LoadedDefinition(file, text, format, DefinitionParser.parse(text, format, file.toString())));
                } catch (InvalidDefinitionException e) {
                    broken.add(e);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read survey definition " + file, e);
                }
            }
        }
        if (!broken.isEmpty()) {
            if (broken.size() == 1) {
                throw broken.get(0);
            }
            List<DefinitionProblem> all = broken.stream()
                    .flatMap(e -> e.problems().stream().map(p -> new DefinitionProblem(e.source() + " " + p.pointer(), p.message())))
                    .toList();
            throw new InvalidDefinitionException(broken.size() + " files", all);
        }
        checkUniqueVersions(loaded);
        return loaded;
    }

    private static void checkUniqueVersions(List<LoadedDefinition> loaded) {
        for (int i = 0; i < loaded.size(); i++) {
            for (int j = i + 1; j < loaded.size(); j++) {
                SurveyDefinition a = loaded.get(i).definition();
                SurveyDefinition b = loaded.get(j).definition();
                if (a.id().equals(b.id()) && a.version().equals(b.version())) {
                    throw new InvalidDefinitionException(loaded.get(j).file().toString(), List.of(new DefinitionProblem("/id",
                            "survey '" + a.id() + "' version " + a.version() + " is also defined in " + loaded.get(i).file())));
                }
            }
        }
    }

    private static List<Path> definitionFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> DefinitionFormat.ofFileName(f.getFileName().toString()).isPresent())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    /** A definition file read from disk. */
    public record LoadedDefinition(Path file, String text, DefinitionFormat format, SurveyDefinition definition) {
    }
}
