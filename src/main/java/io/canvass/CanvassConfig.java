package io.canvass;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Canvass's own settings; every one has a default that makes the embedded run work as it is. */
@ConfigMapping(prefix = "canvass")
public interface CanvassConfig {

    /** Where the embedded database (and generated keys) live. */
    @WithDefault("./data")
    String dataDir();

    /** Folders whose survey definitions are imported at start-up. */
    @WithDefault("questionnaire")
    List<String> questionnaireDirs();

    /** The address respondents reach the service at, used in invitation links. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Largest accepted response submission, in bytes. */
    @WithDefault("65536")
    int maxSubmissionBytes();

    /** Invitations one survey may have in all: bounds what researchers can make the database and its lists hold. */
    @WithDefault("20000")
    int maxInvitationsPerSurvey();
}
