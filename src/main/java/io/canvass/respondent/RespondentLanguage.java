package io.canvass.respondent;

import io.canvass.protection.UnreadableAcceptLanguage;
import io.canvass.questionnaire.LanguageNames;
import io.canvass.questionnaire.PageLanguages;
import io.canvass.questionnaire.SurveyDefinition;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which language a respondent sees: the one they asked for with {@code ?lang=}, else the best of the
 * survey's languages for their browser's {@code Accept-Language}, else the survey's default. Once a
 * response is opened, its stored language is the one: for every page, the resume link and the endings.
 */
public final class RespondentLanguage {

    private static final Map<String, RespondentMessages> BUNDLES = new ConcurrentHashMap<>();

    private RespondentLanguage() {
    }

    /** The language to show a survey in for a visitor who has no response yet. */
    public static String choose(SurveyDefinition definition, String requested, String acceptLanguage) {
        return choose(definition.respondentLanguages(), requested, acceptLanguage);
    }

    /** The same choice among {@code offered}, the first being the default. */
    static String choose(List<String> offered, String requested, String acceptLanguage) {
        if (requested != null && offered.contains(requested)) {
            return requested;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            // A header no browser sends reads as none: the default.
            String best = UnreadableAcceptLanguage.ranges(acceptLanguage)
                    .map(ranges -> Locale.lookupTag(ranges, offered)).orElse(null);
            if (best != null) {
                // lookupTag answers in lower case; hand back the survey's own spelling.
                return offered.stream().filter(best::equalsIgnoreCase).findFirst().orElse(offered.get(0));
            }
        }
        return offered.get(0);
    }

    /** The language of a page that belongs to no survey (an error before one is known): among every language Canvass has. */
    static String forAnyPage(String requested, String acceptLanguage) {
        return choose(PageLanguages.all(), requested, acceptLanguage);
    }

    /** The pages' fixed texts in {@code language} (English for one Canvass has no texts in). */
    public static RespondentMessages texts(String language) {
        String known = PageLanguages.available(language) ? language : PageLanguages.BUNDLE_DEFAULT;
        return BUNDLES.computeIfAbsent(known, RespondentLanguage::bundle);
    }

    private static RespondentMessages bundle(String language) {
        if (!language.equals(PageLanguages.BUNDLE_DEFAULT)) {
            try {
                return MessageBundles.get(RespondentMessages.class, Localized.Literal.of(language));
            } catch (RuntimeException noTranslation) {
                // No msg_<language>.properties in this build: the English texts rather than no page.
            }
        }
        return MessageBundles.get(RespondentMessages.class);
    }

    /** The locale a template renders its {@code msg:} texts in. */
    static Locale locale(String language) {
        return Locale.forLanguageTag(language);
    }

    /** The survey's languages for the switcher, the current one marked; empty for a one-language survey. */
    static List<Choice> switcher(SurveyDefinition definition, String current) {
        List<String> languages = definition.respondentLanguages();
        if (languages.size() < 2) {
            return List.of();
        }
        return languages.stream().map(code -> new Choice(code, LanguageNames.of(code), code.equals(current))).toList();
    }

    /** One entry of the language switcher: the language's code and its own name for itself. */
    public record Choice(String code, String name, boolean current) {
    }
}
