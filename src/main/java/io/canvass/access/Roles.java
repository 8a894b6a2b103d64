package io.canvass.access;

/** The roles a staff token carries in its {@code groups} claim. Respondents need no token. */
public final class Roles {

    /** Designs, publishes and runs surveys; reads their results and row-level exports. */
    public static final String RESEARCHER = "researcher";
    /** Reads aggregate results: never a row-level export. */
    public static final String ANALYST = "analyst";
    /**
     * Staff who manage access: may list every survey and grant or revoke access to any of them.
     * Not a data role: reading a survey's data still needs a grant (or an open survey).
     */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
