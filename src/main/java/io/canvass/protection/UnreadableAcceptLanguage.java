package io.canvass.protection;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Takes an {@code Accept-Language} header that cannot be read (e.g. {@code en;q=bad}) away before the
 * pages see it. Quarkus REST parses the header to choose a template variant before any of our code
 * runs, and answers 500 to one it cannot parse; a respondent behind a proxy that mangles the header
 * would get no page at all. Without it, a page is served in the survey's default language, as for a
 * browser that names no language.
 */
@ApplicationScoped
public class UnreadableAcceptLanguage {

    /** Longer than any browser sends: not worth parsing, and not worth a choice of language. */
    static final int LONGEST = 500;

    void register(@Observes Filters filters) {
        filters.register(this::drop, 200);
    }

    void drop(RoutingContext context) {
        HttpServerRequest request = context.request();
        String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (header != null && !readable(header)) {
            request.headers().remove(HttpHeaders.ACCEPT_LANGUAGE);
        }
        context.next();
    }

    /** Whether the header is a list of language ranges with qualities between 0 and 1 (RFC 9110 §12.5.4). */
    static boolean readable(String header) {
        return ranges(header).isPresent();
    }

    /**
     * The header's language ranges, best first, or empty when it cannot be read: the one reading of
     * the header, for this filter and for whatever chooses a page's language.
     */
    public static Optional<List<Locale.LanguageRange>> ranges(String header) {
        if (header.length() > LONGEST) {
            return Optional.empty();
        }
        try {
            return Optional.of(Locale.LanguageRange.parse(header));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
