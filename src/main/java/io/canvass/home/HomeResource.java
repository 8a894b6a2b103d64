package io.canvass.home;

import io.canvass.results.DisclosureConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The landing page at {@code /}: what Canvass is, where respondents find their survey (in their
 * invitation: no survey is listed here) and where staff sign in. A page for people, so it is not in
 * the API document.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class HomeResource {

    private final DisclosureConfig disclosure;

    public HomeResource(DisclosureConfig disclosure) {
        this.disclosure = disclosure;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(int minGroupSize);
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance home() {
        return Templates.home(disclosure.minGroupSizeFloor());
    }
}
