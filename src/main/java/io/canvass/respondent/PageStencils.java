package io.canvass.respondent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Survey pages as the bytes sent: from the page's stencil, compiled on its first view and kept
 * (published versions never change); a page with problems, which is rare, through the Qute
 * template itself.
 */
@ApplicationScoped
class PageStencils {

    private static final Logger LOG = Logger.getLogger(PageStencils.class);

    private final Cache<PageStencil.Key, Optional<PageStencil>> stencils;

    PageStencils(RespondentConfig config) {
        // Bounded: a stencil is about the size of its page (~20 KB for the 2023 survey's longest).
        this.stencils = Caffeine.newBuilder().maximumSize(config.pageStencils()).build();
    }

    /** The page's HTML, UTF-8, byte for byte what the page template renders for it. */
    byte[] html(ShownPage page, String csrfToken) {
        if (!page.hasProblems()) {
            Optional<PageStencil> stencil = stencilFor(page);
            if (stencil.isPresent()) {
                return stencil.get().fill(page.answers(), page.token(), csrfToken);
            }
        }
        return render(page.view(), csrfToken).getBytes(StandardCharsets.UTF_8);
    }

    /** The stencil that lays out this page, compiled on first use; empty if the page cannot have one. */
    Optional<PageStencil> stencilFor(ShownPage page) {
        PageStencil.Key key = page.stencilKey();
        Optional<PageStencil> kept = stencils.getIfPresent(key);
        return kept != null ? kept : stencils.get(key, k -> compile(page));
    }

    /** Compiles the stencil of the page's layout, without keeping it. */
    static Optional<PageStencil> compile(ShownPage page) {
        PageView base = new ShownPage(page.plan(), page.surveyVersion(), PageStencil.TOKEN_MARK, page.pageNumber(),
                page.questions(), JsonNodeFactory.instance.objectNode(), List.of(), page.last(), page.language()).view();
        long start = System.nanoTime();
        Optional<PageStencil> stencil = PageStencil.compile(base, PageStencils::render);
        LOG.debugf("Compiled page %d of survey %s version %d in %d ms", page.pageNumber(), page.plan().definition().id(),
                page.surveyVersion(), (System.nanoTime() - start) / 1_000_000);
        if (stencil.isEmpty()) {
            LOG.warnf("Page %d of survey %s version %d is rendered in full on every view: its template output could "
                    + "not be split into a stencil", page.pageNumber(), page.plan().definition().id(), page.surveyVersion());
        }
        return stencil;
    }

    private static String render(PageView view, String csrfToken) {
        return RespondentResource.Templates.page(view, csrfToken).setLocale(RespondentLanguage.locale(view.language()))
                .render();
    }
}
