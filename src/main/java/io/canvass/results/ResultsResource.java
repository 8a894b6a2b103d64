package io.canvass.results;

import io.canvass.access.Roles;
import io.canvass.observability.StreamSubscribers;
import io.canvass.problem.Problem;
import io.canvass.problem.ProblemType;
import io.canvass.survey.SurveyAccess;
import io.canvass.survey.SurveyRole;
import io.canvass.survey.SurveyViewer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

@Path("/api/surveys/{surveyId}/results")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.RESEARCHER})
@SecurityRequirement(name = "jwt")
@Tag(name = "Results", description = "Aggregate results of the completes: exact and live for the survey's researchers; "
        + "for analysts, published states with cell-key perturbed counts (docs/confidentiality.md, \"Disclosure control\")")
@APIResponse(responseCode = "400", description = "A filter or variable that names nothing countable, or more filters "
        + "(canvass.results.filters.max) or codes in one (canvass.results.filters.max-codes) than a query takes",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Neither analyst nor researcher",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such published survey, or none you have access to",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ResultsResource {

    /** Streams send at most one event per period, and a refresh of an unchanged result as a keep-alive. */
    static final Duration STREAM_PERIOD = Duration.ofMillis(500);
    private static final Duration STREAM_CHECK = Duration.ofMillis(100);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /** How soon a client refused a stream should try again. */
    private static final int STREAM_RETRY_AFTER_SECONDS = 30;

    private final ResultsService results;
    private final SurveyAccess access;
    private final ResultsStreams streams;
    private final JsonWebToken token;
    private final StreamSubscribers subscribers;
    private final StreamShutdown streamShutdown;

    public ResultsResource(ResultsService results, SurveyAccess access, ResultsStreams streams, JsonWebToken token,
            StreamSubscribers subscribers, StreamShutdown streamShutdown) {
        this.results = results;
        this.access = access;
        this.streams = streams;
        this.token = token;
        this.subscribers = subscribers;
        this.streamShutdown = streamShutdown;
    }

    @GET
    @Operation(operationId = "getResults", summary = "Results of the completes",
            description = "Counts and percents per question in survey order (percents of the completes shown the "
                    + "question, one decimal), scale statistics, the fieldwork funnel and quota fill. Filters "
                    + "(repeatable, combined with AND) keep the completes with any of the listed codes; a filtered "
                    + "group smaller than the survey's minimum group size comes back suppressed. completesAtState "
                    + "says which state the numbers are of: every complete so far for the survey's researchers, the "
                    + "last published state (a multiple of minGroupSize completes) for analysts. An analyst's "
                    + "filtered counts are perturbed by at most disclosureControl.maxAdjustment. quality counts the "
                    + "completes with quality flags (speeder, straightliner, duplicate, bot); ?quality=clean leaves them "
                    + "out, which for an analyst is a filter like any other.")
    @APIResponse(responseCode = "200", description = "The results document")
    public ResultsDocument results(@PathParam("surveyId") String surveyId,
            @Parameter(description = "question:code[,code…], or question.row:code for a matrix row; repeat it for AND",
                    example = "[\"industry:it,financial\", \"hq_region:eu\"]") @QueryParam("filter") List<String> filters,
            @Parameter(description = "clean: only the completes without any quality flag") @QueryParam("quality")
            String quality) {
        SurveyViewer viewer = access.requireAudited(surveyId, SurveyRole.ANALYST, "results.read",
                describe(filters, quality));
        QualityFilter qualityFilter = QualityFilter.parse(quality);
        return results.results(surveyId, filters, qualityFilter, ResultsAudience.of(viewer));
    }

    @GET
    @Path("/crosstab")
    @Operation(operationId = "getCrosstab", summary = "Crosstab of two variables",
            description = "Counts and column percents for every pair of codes, with row and column totals, over "
                    + "the completes that answered both and match the filters. Small rows and columns are suppressed. "
                    + "For analysts every count, cells and totals alike, is perturbed, over the last published state.")
    @APIResponse(responseCode = "200", description = "The crosstab")
    public CrosstabDocument crosstab(@PathParam("surveyId") String surveyId,
            @Parameter(example = "genai_priority_2023") @QueryParam("rows") String rows,
            @Parameter(example = "hq_region") @QueryParam("columns") String columns,
            @QueryParam("filter") List<String> filters,
            @Parameter(description = "clean: only the completes without any quality flag") @QueryParam("quality")
            String quality) {
        SurveyViewer viewer = access.requireAudited(surveyId, SurveyRole.ANALYST, "results.crosstab",
                "rows " + rows + ", columns " + columns + "; " + describe(filters, quality));
        QualityFilter qualityFilter = QualityFilter.parse(quality);
        return results.crosstab(surveyId, rows, columns, filters, qualityFilter, ResultsAudience.of(viewer));
    }

    @GET
    @Path("/stream")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamResults", summary = "Live results as Server-Sent Events",
            description = "The results document on connect, then again after changes: for the survey's researchers "
                    + "at most one event every 500 ms, within a second of a submission; for analysts only when a new "
                    + "state is published. A refresh every 15 s while nothing changes. The stream ends when the "
                    + "token expires, and after canvass.results.streams.max-age at the latest: reconnect.")
    @APIResponse(responseCode = "200", description = "An event stream of results documents")
    @APIResponse(responseCode = "429", description = "You hold as many open streams as allowed; Retry-After says when to try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The instance holds as many open streams as it serves",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<ResultsDocument> stream(@PathParam("surveyId") String surveyId,
            @QueryParam("filter") List<String> filters, @QueryParam("quality") String quality) {
        // Access, survey and filters are checked before the stream opens, so that a refusal is a plain problem response.
        SurveyViewer viewer = access.requireAudited(surveyId, SurveyRole.ANALYST, "results.stream",
                describe(filters, quality));
        QualityFilter qualityFilter = QualityFilter.parse(quality);
        ResultsAudience audience = ResultsAudience.of(viewer);
        AtomicLong versionSent = new AtomicLong(results.version(surveyId, audience));
        ResultsDocument first = results.results(surveyId, filters, qualityFilter, audience);
        ResultsStreams.Lease lease = streams.open(viewer.subject(), tokenExpiry(), Instant.now());
        AtomicLong lastSent = new AtomicLong(System.nanoTime());
        Multi<ResultsDocument> updates = Multi.createFrom().ticks().every(STREAM_CHECK)
                .onOverflow().drop()
                .select().first(tick -> !streamShutdown.stopping() && Instant.now().isBefore(lease.ends()))
                // Ticks may arrive on an I/O thread; results read the survey's state in a transaction.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .filter(tick -> {
                    long sinceLast = System.nanoTime() - lastSent.get();
                    long version = results.version(surveyId, audience);
                    boolean due = version != versionSent.get() ? sinceLast >= STREAM_PERIOD.toNanos()
                            : sinceLast >= KEEP_ALIVE.toNanos();
                    if (due) {
                        versionSent.set(version);
                        lastSent.set(System.nanoTime());
                    }
                    return due;
                })
                .map(tick -> results.results(surveyId, filters, qualityFilter, audience));
        return subscribers.track(surveyId, Multi.createBy().concatenating().streams(Multi.createFrom().item(first), updates))
                .onTermination().invoke(lease::close);
    }

    /** A refused stream: 429 when the caller holds too many, 503 when the instance does. */
    @ServerExceptionMapper
    public Response tooManyStreams(TooManyStreamsException refused, UriInfo uri) {
        String detail = refused.forSubject()
                ? "You have " + refused.limit() + " live results streams open, as many as one person may. Close one "
                        + "(a dashboard tab) and try again."
                : "This instance serves as many live results streams as it can. Try again shortly, or read the results "
                        + "without the stream.";
        Problem problem = Problem.of(refused.forSubject() ? ProblemType.TOO_MANY_STREAMS : ProblemType.STREAMS_BUSY,
                detail, uri.getPath(), List.of());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, STREAM_RETRY_AFTER_SECONDS)
                .entity(problem).build();
    }

    /** When the caller's token stops being valid; null when it states no expiry. */
    private Instant tokenExpiry() {
        long expiresAt = token == null ? 0 : token.getExpirationTime();
        return expiresAt > 0 ? Instant.ofEpochSecond(expiresAt) : null;
    }

    /** The filters of a read as the audit log keeps them: a run of filtered reads is how differencing shows. */
    private static String describe(List<String> filters, String quality) {
        String described = filters == null || filters.isEmpty() ? "unfiltered" : "filter " + String.join("; ", filters);
        return quality == null || quality.isEmpty() ? described : described + "; quality " + quality;
    }
}
