package io.canvass.results;

import io.canvass.access.Roles;
import io.canvass.observability.StreamSubscribers;
import io.canvass.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/surveys/{surveyId}/results")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.RESEARCHER})
@SecurityRequirement(name = "jwt")
@Tag(name = "Results", description = "Live aggregate results of the completes")
@APIResponse(responseCode = "400", description = "A filter or variable that names nothing countable",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No valid staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Neither analyst nor researcher",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such published survey",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ResultsResource {

    /** Streams send at most one event per period, and a refresh of an unchanged result as a keep-alive. */
    static final Duration STREAM_PERIOD = Duration.ofMillis(500);
    private static final Duration STREAM_CHECK = Duration.ofMillis(100);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final ResultsService results;
    private final StreamSubscribers subscribers;
    private final StreamShutdown streamShutdown;

    public ResultsResource(ResultsService results, StreamSubscribers subscribers, StreamShutdown streamShutdown) {
        this.results = results;
        this.subscribers = subscribers;
        this.streamShutdown = streamShutdown;
    }

    @GET
    @Operation(summary = "Results of the completes",
            description = "Counts and percents per question in survey order (percents of the completes shown the "
                    + "question, one decimal), scale statistics, the fieldwork funnel and quota fill. Filters "
                    + "(repeatable, combined with AND) keep the completes with any of the listed codes; a filtered "
                    + "group smaller than the survey's minimum group size comes back suppressed.")
    @APIResponse(responseCode = "200", description = "The results document")
    public ResultsDocument results(@PathParam("surveyId") String surveyId,
            @Parameter(description = "question:code[,code…], or question.row:code for a matrix row",
                    example = "industry:it,financial") @QueryParam("filter") List<String> filters) {
        return results.results(surveyId, filters);
    }

    @GET
    @Path("/crosstab")
    @Operation(summary = "Crosstab of two variables",
            description = "Counts and column percents for every pair of codes, with row and column totals, over "
                    + "the completes that answered both and match the filters. Small rows and columns are suppressed.")
    @APIResponse(responseCode = "200", description = "The crosstab")
    public CrosstabDocument crosstab(@PathParam("surveyId") String surveyId,
            @Parameter(example = "genai_priority_2023") @QueryParam("rows") String rows,
            @Parameter(example = "hq_region") @QueryParam("columns") String columns,
            @QueryParam("filter") List<String> filters) {
        return results.crosstab(surveyId, rows, columns, filters);
    }

    @GET
    @Path("/stream")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live results as Server-Sent Events",
            description = "The results document on connect, then again after changes: at most one event every "
                    + "500 ms, within a second of a submission, and a refresh every 15 s while nothing changes.")
    @APIResponse(responseCode = "200", description = "An event stream of results documents")
    public Multi<ResultsDocument> stream(@PathParam("surveyId") String surveyId,
            @QueryParam("filter") List<String> filters) {
        // Computed before the stream opens, so that a bad filter or survey is a plain problem response.
        AtomicLong changesSent = new AtomicLong(results.changes(surveyId));
        ResultsDocument first = results.results(surveyId, filters);
        AtomicLong lastSent = new AtomicLong(System.nanoTime());
        Multi<ResultsDocument> updates = Multi.createFrom().ticks().every(STREAM_CHECK)
                .onOverflow().drop()
                .select().first(tick -> !streamShutdown.stopping())
                // Ticks may arrive on an I/O thread; results read the survey's state in a transaction.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .filter(tick -> {
                    long sinceLast = System.nanoTime() - lastSent.get();
                    long changes = results.changes(surveyId);
                    boolean due = changes != changesSent.get() ? sinceLast >= STREAM_PERIOD.toNanos()
                            : sinceLast >= KEEP_ALIVE.toNanos();
                    if (due) {
                        changesSent.set(changes);
                        lastSent.set(System.nanoTime());
                    }
                    return due;
                })
                .map(tick -> results.results(surveyId, filters));
        return subscribers.track(surveyId, Multi.createBy().concatenating().streams(Multi.createFrom().item(first), updates));
    }
}
