package io.canvass.interview;

import java.net.IDN;
import java.util.regex.Pattern;

/**
 * Whether a text is an e-mail address Canvass accepts: the address syntax Hibernate Validator's
 * {@code @Email} accepts (dot-separated words or quoted strings before the {@code @}, a host
 * name or a bracketed IPv4 address after it), plus one {@code @}, no white space and a dot in
 * the domain, because a report copy must be deliverable on the Internet. Patterns are compiled
 * once; a full Bean Validation call per answer cost more than the rest of the checks together.
 */
final class EmailAddress {

    private static final int LOCAL_PART_MAX_LENGTH = 64;
    private static final int DOMAIN_MAX_LENGTH = 255;
    private static final int LABEL_MAX_LENGTH = 63;

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private static final String WORD_CHAR = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]";
    private static final String QUOTED_CHAR = "(?:" + WORD_CHAR + "|[.(),<>\\[\\]:;]|\\\\[\\\\\"])";
    private static final String LOCAL_WORD = "(?:" + WORD_CHAR + "+|\"" + QUOTED_CHAR + "+\")";
    private static final Pattern LOCAL_PART = Pattern.compile(LOCAL_WORD + "(?:\\." + LOCAL_WORD + ")*");

    private static final String LABEL_CHAR = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF]";
    private static final String LABEL = LABEL_CHAR + "+(?:-+" + LABEL_CHAR + "+)*";
    private static final Pattern DOMAIN = Pattern.compile(
            LABEL + "(?:\\." + LABEL + ")*" + "|\\[[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}]");

    private EmailAddress() {
    }

    static boolean isValid(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return false;
        }
        int at = text.indexOf('@');
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        return local.length() <= LOCAL_PART_MAX_LENGTH && LOCAL_PART.matcher(local).matches()
                && DOMAIN.matcher(domain).matches() && fitsTheDomainNameSystem(domain);
    }

    /** Labels of at most 63 and names of at most 255 characters, counted as the DNS sees them (punycode). */
    private static boolean fitsTheDomainNameSystem(String domain) {
        if (isAscii(domain)) {
            int label = 0;
            for (int i = 0; i < domain.length(); i++) {
                label = domain.charAt(i) == '.' ? 0 : label + 1;
                if (label > LABEL_MAX_LENGTH) {
                    return false;
                }
            }
            return domain.length() <= DOMAIN_MAX_LENGTH;
        }
        try {
            return IDN.toASCII(domain).length() <= DOMAIN_MAX_LENGTH;
        } catch (IllegalArgumentException notInternationalisable) {
            return false;
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
