package io.canvass.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canvass.questionnaire.DefinitionFormat;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.RespondentView;
import io.canvass.questionnaire.SurveyDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fills a survey with demo data through the normal submission path, reproducing the figures of
 * a figures file exactly:
 *
 * <pre>java -cp "target/quarkus-app/app/*:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*" \
 *     io.canvass.demo.DemoDataLoader --url http://localhost:8080 --figures questionnaire/demo/aiia-genai-2023.demo.yaml</pre>
 *
 * ({@code lib/boot} holds the JBoss LogManager the libraries' SLF4J logging binds to.)
 *
 * Every respondent is a {@code POST /api/surveys/{id}/responses} with its own Idempotency-Key, so
 * a re-run after an interruption replays what was stored and adds only the rest. Each receipt is
 * checked against the plan; the exit status is 0 only when every one matched.
 */
public final class DemoDataLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;
    private static final String USAGE = "usage: DemoDataLoader --figures FILE [--url http://localhost:8080] "
            + "[--definition FILE] [--survey ID] [--workers 4] [--force]";

    private final Options options;
    private final PrintStream out;
    private final HttpClient http;
    private final AtomicBoolean toldOfRateLimit = new AtomicBoolean();

    public DemoDataLoader(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            LoadSummary summary = new DemoDataLoader(options, System.out).load();
            System.out.print(summary.report());
            System.exit(summary.matchesPlan() ? 0 : 1);
        } catch (RefusedException | InvalidFiguresException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Plans and submits every respondent; throws {@link RefusedException} when loading would spoil the figures. */
    public LoadSummary load() {
        DemoPlan plan = plan(options);
        String surveyId = plan.definition().id();
        checkServerHasSameSurvey(plan.definition());
        out.printf("Loading %d respondents into %s at %s (%s) ...%n", plan.respondents().size(), surveyId,
                options.url(), plan.expectedOutcomes());

        LoadSummary summary = new LoadSummary();
        List<PlannedRespondent> all = plan.respondents();
        LoadProgress progress = new LoadProgress(out, all.size(), options.progressInPlace());
        // The first respondent goes alone: its receipt says whether the survey is in the state the plan assumes.
        PlannedRespondent first = all.get(0);
        Result probe = submit(surveyId, first);
        summary.add(first, probe);
        progress.update(summary);
        if (!probe.failed() && probe.replayed()) {
            out.println("An earlier run of these figures (seed " + plan.figures().seed() + ") is stored already: "
                    + "respondents it stored are replayed, not stored again.");
        } else if (!options.force() && (probe.failed() || !first.expected().equals(probe.outcome()))) {
            throw new RefusedException("Refusing to load: the first respondent came back '" + probe.describe()
                    + "' where an empty survey gives '" + first.expected().label() + "'. " + surveyId
                    + " already has responses (or differs from the definition); load into an empty database, "
                    + "or pass --force to load anyway (the figures will then not be exact).");
        }

        List<PlannedRespondent> concurrent = all.stream().skip(1).filter(r -> !r.afterQuotasFill()).toList();
        ExecutorService workers = Executors.newFixedThreadPool(options.workers());
        try {
            List<Future<Result>> results = new ArrayList<>();
            for (PlannedRespondent respondent : concurrent) {
                results.add(workers.submit(() -> submit(surveyId, respondent)));
            }
            for (int i = 0; i < concurrent.size(); i++) {
                summary.add(concurrent.get(i), results.get(i).get());
                progress.update(summary);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException("Interrupted; run the same command again to finish (nothing is duplicated).");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
        }
        // Quota-full attempts only once every complete is stored, one by one, so their cells are full.
        for (PlannedRespondent respondent : all.stream().skip(1).filter(PlannedRespondent::afterQuotasFill).toList()) {
            summary.add(respondent, submit(surveyId, respondent));
            progress.update(summary);
        }
        return summary;
    }

    /** The plan these options describe: the figures file, the definition beside it (or given), the survey id. */
    public static DemoPlan plan(Options options) {
        DemoFigures figures = DemoFigures.read(options.figures());
        if (options.surveyId() != null) {
            figures = figures.forSurvey(options.surveyId());
        }
        Path definitionFile = options.definition() != null ? options.definition()
                : resolveBeside(options.figures(), figures.definition());
        return DemoPlan.of(readDefinition(definitionFile), figures);
    }

    private static Path resolveBeside(Path figuresFile, String definition) {
        if (definition == null) {
            throw new InvalidFiguresException(figuresFile + ": 'definition' (the survey's file) is missing; or pass --definition");
        }
        Path folder = figuresFile.toAbsolutePath().getParent();
        return folder.resolve(definition).normalize();
    }

    private static SurveyDefinition readDefinition(Path file) {
        DefinitionFormat format = DefinitionFormat.ofFileName(file.getFileName().toString())
                .orElseThrow(() -> new InvalidFiguresException(file + " is not a YAML or JSON definition"));
        try {
            return DefinitionParser.parse(Files.readString(file), format, file.toString());
        } catch (IOException e) {
            throw new InvalidFiguresException("Cannot read the definition " + file + ": " + e.getMessage());
        }
    }

    /** Answers built from one definition are only valid for the same questions and quotas on the server. */
    private void checkServerHasSameSurvey(SurveyDefinition local) {
        HttpRequest request = HttpRequest.newBuilder(surveyUri(local.id(), ""))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RefusedException("Cannot reach " + options.url() + " (is the service running?): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException("Interrupted");
        }
        if (response.statusCode() == 404) {
            throw new RefusedException("The server at " + options.url() + " has no published survey '" + local.id() + "'.");
        }
        if (response.statusCode() != 200) {
            throw new RefusedException("GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        SurveyDefinition served = DefinitionParser.fromCanonicalJson(response.body());
        // The public view leaves out screen-out flags and quotas: compare it with the same view of the local definition.
        SurveyDefinition expected = DefinitionParser.fromCanonicalJson(RespondentView.json(local));
        if (!served.pages().equals(expected.pages())) {
            throw new RefusedException("The server's published '" + local.id() + "' (version " + served.version()
                    + ") asks other questions than the local definition; "
                    + "plan against the same definition (--definition).");
        }
    }

    private Result submit(String surveyId, PlannedRespondent respondent) {
        String body;
        try {
            body = JSON.writeValueAsString(respondent.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(surveyUri(surveyId, "/responses"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", respondent.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        String lastProblem = null;
        // Retrying is safe: the Idempotency-Key makes a repeat return the first receipt.
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
                    return Result.of(PlannedOutcome.ofReceipt(JSON.readTree(response.body())), replayed);
                }
                lastProblem = response.statusCode() + " " + response.body();
                if (response.statusCode() == 429) {
                    // The service's per-client rate limit: wait as told and try again (not a failed attempt).
                    if (!toldOfRateLimit.getAndSet(true)) {
                        out.println("The service limits submissions per client (429 Too Many Requests): waiting as it says. "
                                + "Start it with CANVASS_RATE_LIMIT_ENABLED=false to load in seconds instead of minutes.");
                    }
                    long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                    sleep(TimeUnit.SECONDS.toMillis(Math.max(1, seconds)));
                    attempt--;
                    continue;
                }
                if (response.statusCode() < 500) {
                    return Result.failure(lastProblem);
                }
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.failure("interrupted");
            }
            sleep(200L * attempt);
        }
        return Result.failure(lastProblem);
    }

    private URI surveyUri(String surveyId, String suffix) {
        String base = options.url().endsWith("/") ? options.url().substring(0, options.url().length() - 1) : options.url();
        return URI.create(base + "/api/surveys/" + URLEncoder.encode(surveyId, StandardCharsets.UTF_8) + suffix);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line. {@code definition} and {@code surveyId} override the figures file's. */
    public record Options(String url, Path figures, Path definition, String surveyId, int workers, boolean force,
            boolean progressInPlace) {

        public Options(String url, Path figures, Path definition, String surveyId, int workers, boolean force) {
            this(url, figures, definition, surveyId, workers, force, false);
        }

        public static Options parse(String[] args) {
            String url = "http://localhost:8080";
            Path figures = null;
            Path definition = null;
            String survey = null;
            int workers = 4;
            boolean force = false;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--url" -> { url = required(args[i], value); i++; }
                    case "--figures" -> { figures = Path.of(required(args[i], value)); i++; }
                    case "--definition" -> { definition = Path.of(required(args[i], value)); i++; }
                    case "--survey" -> { survey = required(args[i], value); i++; }
                    case "--workers" -> { workers = positive(required(args[i], value)); i++; }
                    case "--force" -> force = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (figures == null) {
                throw new IllegalArgumentException("--figures is required");
            }
            // On a terminal the progress line is rewritten in place; in a log it is a line at every tenth.
            return new Options(url, figures, definition, survey, workers, force, System.console() != null);
        }

        private static String required(String flag, String value) {
            if (value == null || value.startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return value;
        }

        private static int positive(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= 64) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("--workers takes a number from 1 to 64");
        }
    }

    /** Loading would not give the figures (or cannot start); the message says why and what to do. */
    public static class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** What the server answered one respondent: its outcome, or why there is none. */
    record Result(PlannedOutcome outcome, boolean replayed, String failure) {

        static Result of(PlannedOutcome outcome, boolean replayed) {
            return new Result(outcome, replayed, null);
        }

        static Result failure(String problem) {
            return new Result(null, false, problem == null ? "no answer" : problem);
        }

        boolean failed() {
            return failure != null;
        }

        String describe() {
            return failed() ? "error " + failure : outcome.label();
        }
    }
}
