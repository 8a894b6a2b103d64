package io.canvass.questionnaire;

import java.util.Locale;
import java.util.Set;

/** How a language calls itself (日本語, 한국어, Deutsch), for switchers and labels, and which way it is written. */
public final class LanguageNames {

    /** Languages written right to left (their BCP 47 primary subtags). */
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps",
            "sd", "ur", "yi");

    private LanguageNames() {
    }

    /** The language's own name for itself, capitalised as a menu entry; the code when Java knows no name. */
    public static String of(String code) {
        Locale locale = Locale.forLanguageTag(code);
        String name = locale.getDisplayName(locale);
        if (name.isEmpty() || name.equals(code)) {
            return code;
        }
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    /** {@code rtl} or {@code ltr}, for the {@code dir} attribute. */
    public static String direction(String code) {
        return RIGHT_TO_LEFT.contains(Locale.forLanguageTag(code).getLanguage()) ? "rtl" : "ltr";
    }
}
