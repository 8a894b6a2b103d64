package io.canvass.audit;

import java.util.Set;

/**
 * Which entries of the audit log the signed-in reader may see. Declared here and implemented where
 * survey access is decided ({@code survey.SurveyAccess}), so that the survey package may write to
 * the audit log without the audit log depending on surveys.
 */
public interface AuditReadScope {

    /** The caller's scope. */
    Readable readable();

    /**
     * Every entry, or those of the listed surveys plus the reader's own entries that concern no
     * survey (their sign-ins and sign-outs).
     */
    record Readable(boolean everything, String reader, Set<String> surveys) {

        public Readable {
            surveys = Set.copyOf(surveys);
        }

        public static Readable everything(String reader) {
            return new Readable(true, reader, Set.of());
        }
    }
}
