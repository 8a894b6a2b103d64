package io.canvass.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a request's CPU goes, from a JFR recording: the execution samples of the request threads
 * (event loops and workers), each counted once under the step it was in. A sample belongs to the
 * handler it ran in: its stack is cut at the nearest handler-chain dispatch (Vert.x routing,
 * RESTEasy Reactive's handler loop), since filters and interceptors call everything after them;
 * below the cut the leaf-most frame of a named step decides, failing that the first layer that
 * appears. Used by {@code PROFILE=1 src/test/bench/pages.sh}:
 * {@code java -cp target/test-classes io.canvass.bench.RequestProfile recording.jfr fromMillis toMillis [step]}
 * (the samples between those epoch milliseconds; with a step's name, also its most frequent stacks).
 */
public final class RequestProfile {

    private static final Pattern DISPATCH = Pattern.compile("RoutingContextImplBase\\.iterateNext|RouteState\\.handleContext"
            + "|ResteasyReactiveContext\\.invokeHandler");
    private static final Pattern REQUEST_THREAD = Pattern.compile("executor-thread-.*|vert\\.x-eventloop-thread-.*");

    /** Steps of a request by name, the leaf-most frame of one deciding. */
    private static final Map<String, Pattern> STEPS = steps(
            "Qute render", "io\\.quarkus\\.qute\\.|resteasy\\.reactive\\.qute",
            "Stencil fill (respondent/PageStencil)", "io\\.canvass\\.respondent\\.PageStencil",
            "CSRF cookie repair (protection/CsrfCookieRepair)", "CsrfCookieRepair|io\\.canvass\\.protection\\.CookieHeader",
            "CSRF filter (cookie parse, token, Set-Cookie)", "io\\.quarkus\\.csrf\\.",
            "Request ids", "io\\.canvass\\.observability\\.RequestIds",
            "Rate-limit filter", "io\\.canvass\\.protection\\.RateLimit",
            "Security headers (quarkus.http.filter.pages.*)", "HttpServerCommonHandlers|vertx\\.http\\.runtime\\.filters\\.Filter",
            "Security checks (@PermitAll interceptors, HTTP auth)",
            "io\\.quarkus\\.security\\.|EagerSecurity|vertx\\.http\\.runtime\\.security",
            "Micrometer HTTP metrics", "io\\.micrometer\\.|io\\.quarkus\\.micrometer",
            "H2 statement (one read)", "org\\.h2\\.|io\\.agroal\\.",
            "Jackson parse of stored answers", "com\\.fasterxml\\.jackson",
            "Journey, plan, questions shown", "io\\.canvass\\.");

    /** Layers, the first that appears anywhere below the cut deciding. */
    private static final Map<String, Pattern> LAYERS = steps(
            "Writing the response (RR writer, Vert.x end, headers, buffers)",
            "ServerSerialisers|ResponseWriterHandler|Http1xServerResponse\\.(end|write)|HttpObjectEncoder|ByteBufUtil",
            "HTTP request decode", "HttpObjectDecoder|HttpServerCodec",
            "Socket I/O and event loop", "sun\\.nio\\.ch|io\\.netty\\.channel|SingleThreadEventExecutor",
            "RESTEasy Reactive (routing, parameters, other handlers)", "org\\.jboss\\.resteasy\\.reactive|io\\.quarkus\\.resteasy\\.reactive",
            "Worker hand-off", "org\\.jboss\\.threads",
            "Vert.x routing, contexts, other framework", "io\\.vertx\\.|io\\.quarkus\\.|io\\.smallrye|io\\.netty");

    private RequestProfile() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> stacks = new TreeMap<>();
        int total = 0;
        Instant from = Instant.ofEpochMilli(Long.parseLong(args[1]));
        Instant to = Instant.ofEpochMilli(Long.parseLong(args[2]));
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)
                    || event.getThread("sampledThread") == null || event.getStackTrace() == null
                    || !REQUEST_THREAD.matcher(String.valueOf(event.getThread("sampledThread").getJavaName())).matches()) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                if (DISPATCH.matcher(name).find()) {
                    break;
                }
                frames.add(name);
            }
            String step = classify(frames);
            counts.merge(step, 1, Integer::sum);
            stacks.computeIfAbsent(step, s -> new TreeMap<>())
                    .merge(String.join(" < ", frames.subList(0, Math.min(5, frames.size()))), 1, Integer::sum);
            total++;
        }
        System.out.printf("%d samples of request threads%n%n| Share | What |%n|---|---|%n", total);
        int samples = total;
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("| %.1f %% | %s |%n", 100.0 * e.getValue() / samples, e.getKey()));
        if (args.length > 3 && stacks.containsKey(args[3])) {
            System.out.println();
            stacks.get(args[3]).entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(20).forEach(e -> System.out.printf("%5d  %s%n", e.getValue(), e.getKey()));
        }
    }

    private static String classify(List<String> frames) {
        if (frames.isEmpty()) {
            return "Handler dispatch (Vert.x routing, RESTEasy Reactive's handler loop)";
        }
        for (String frame : frames) {
            for (Map.Entry<String, Pattern> step : STEPS.entrySet()) {
                if (step.getValue().matcher(frame).find()) {
                    return step.getKey();
                }
            }
        }
        for (Map.Entry<String, Pattern> layer : LAYERS.entrySet()) {
            for (String frame : frames) {
                if (layer.getValue().matcher(frame).find()) {
                    return layer.getKey();
                }
            }
        }
        return "Other (JDK only)";
    }

    private static Map<String, Pattern> steps(String... namesAndPatterns) {
        Map<String, Pattern> steps = new LinkedHashMap<>();
        for (int i = 0; i < namesAndPatterns.length; i += 2) {
            steps.put(namesAndPatterns[i], Pattern.compile(namesAndPatterns[i + 1]));
        }
        return steps;
    }
}
