package io.canvass.respondent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the respondent pages. */
@ConfigMapping(prefix = "canvass.respondent")
public interface RespondentConfig {

    /**
     * How long resume links keep working after their survey closes (for its ending pages; a closed
     * survey shows no saved answers). Reopening the survey within that time brings them back.
     */
    @WithDefault("P30D")
    Duration resumeLinksAfterClose();

    /**
     * Page stencils kept in memory, one per page layout of a published version (a page whose
     * conditions show other questions, or that becomes the last, has a layout of its own); each is
     * about the size of its page. Beyond this the least used are compiled again when next viewed.
     */
    @WithDefault("500")
    int pageStencils();
}
