package io.canvass.access;

/** The roles a staff token carries in its {@code groups} claim. Respondents need no token. */
public final class Roles {

    /** Designs, publishes and runs surveys; may also read results. */
    public static final String RESEARCHER = "researcher";
    /** Reads results. */
    public static final String ANALYST = "analyst";

    private Roles() {
    }
}
