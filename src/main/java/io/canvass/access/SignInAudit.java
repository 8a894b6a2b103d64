package io.canvass.access;

/**
 * Where dashboard sign-ins and sign-outs are recorded. Declared here and implemented by the audit
 * log, which already depends on this package: access stays below audit, with no cycle between them.
 */
public interface SignInAudit {

    void signedIn(String subject);

    void signedOut(String subject);
}
