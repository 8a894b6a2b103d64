package io.canvass.problem;

/**
 * Tells a form body the framework could not decode (a {@code %} that starts no escape, bytes that are
 * not in the declared charset) from a fault in the code. Quarkus REST reports both as an
 * IllegalArgumentException while reading the form, before any resource runs: the first is the
 * client's mistake and worth a 400, the second a 500.
 */
final class MalformedFormEncoding {

    private static final String URL_DECODER = "org.jboss.resteasy.reactive.common.util.URLUtils";
    private static final String FORM_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.FormEncodedDataDefinition";

    private MalformedFormEncoding() {
    }

    static boolean causedBy(Throwable failure) {
        if (!(failure instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith(URL_DECODER) || type.startsWith(FORM_PARSER)) {
                return true;
            }
        }
        return false;
    }
}
