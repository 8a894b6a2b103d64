package io.canvass.access;

import java.util.regex.Pattern;

/**
 * Where sign-in may send the browser afterwards: only the dashboard's and the studio's own pages, as a relative
 * path. Anything else (another host, {@code //host}, a backslash, a scheme, dot segments) falls
 * back to the survey list, so the sign-in page cannot be used as an open redirect; so does a
 * query with a broken percent-escape, which is no valid address to redirect to.
 */
public final class SignInTarget {

    public static final String DEFAULT = "/dashboard";
    private static final Pattern DASHBOARD_PATH = Pattern.compile(
            "/(dashboard(/[A-Za-z0-9_-]{1,100})?|studio(/[A-Za-z0-9_-]{1,100}){0,2})/?(\\?[A-Za-z0-9_.~%:,=&+-]{0,2000})?");
    /** A % that does not start an escape: the redirect would not be a valid URI. */
    private static final Pattern STRAY_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private SignInTarget() {
    }

    public static String of(String next) {
        if (next == null || !DASHBOARD_PATH.matcher(next).matches() || STRAY_PERCENT.matcher(next).find()) {
            return DEFAULT;
        }
        return next;
    }
}
