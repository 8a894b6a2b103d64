package io.canvass.access;

import java.util.regex.Pattern;

/**
 * Where sign-in may send the browser afterwards: only the dashboard's own pages, as a relative
 * path. Anything else (another host, {@code //host}, a backslash, a scheme, dot segments) falls
 * back to the survey list, so the sign-in page cannot be used as an open redirect.
 */
public final class SignInTarget {

    public static final String DEFAULT = "/dashboard";
    private static final Pattern DASHBOARD_PATH = Pattern.compile(
            "/dashboard(/[A-Za-z0-9_-]{1,100})?/?(\\?[A-Za-z0-9_.~%:,=&+-]{0,2000})?");

    private SignInTarget() {
    }

    public static String of(String next) {
        if (next == null || !DASHBOARD_PATH.matcher(next).matches()) {
            return DEFAULT;
        }
        return next;
    }
}
