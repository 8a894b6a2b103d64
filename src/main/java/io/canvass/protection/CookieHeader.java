package io.canvass.protection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Reads and trims a request's {@code Cookie} header ({@code name=value; name=value}, RFC 6265 §4.2),
 * for filters that must take a cookie away before the rest of the service sees the request.
 */
public final class CookieHeader {

    private CookieHeader() {
    }

    /** Whether the header carries a cookie of that name. */
    public static boolean has(String header, String name) {
        return any(header, (cookie, value) -> cookie.equals(name));
    }

    /**
     * Whether the header (may be null) carries a cookie for which {@code test} holds (given name and
     * value). Read in place, without building the list of pairs: filters ask this of every request.
     */
    public static boolean any(String header, BiPredicate<String, String> test) {
        if (header == null) {
            return false;
        }
        for (int from = 0; from <= header.length(); ) {
            int end = header.indexOf(';', from);
            end = end < 0 ? header.length() : end;
            String pair = header.substring(from, end).strip();
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                if (test.test(nameOf(pair), equals < 0 ? "" : pair.substring(equals + 1))) {
                    return true;
                }
            }
            from = end + 1;
        }
        return false;
    }

    /**
     * The header without the cookies for which {@code drop} holds (given name and value), or null when
     * none is left.
     */
    public static String without(String header, BiPredicate<String, String> drop) {
        List<String> kept = new ArrayList<>();
        for (String pair : pairs(header)) {
            int equals = pair.indexOf('=');
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (!drop.test(nameOf(pair), value)) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? null : String.join("; ", kept);
    }

    private static List<String> pairs(String header) {
        List<String> pairs = new ArrayList<>();
        for (String pair : header.split(";")) {
            if (!pair.isBlank()) {
                pairs.add(pair.strip());
            }
        }
        return pairs;
    }

    private static String nameOf(String pair) {
        int equals = pair.indexOf('=');
        return (equals < 0 ? pair : pair.substring(0, equals)).strip();
    }
}
