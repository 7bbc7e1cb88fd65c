package app.earmark.base;

import com.vaadin.flow.component.UI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/**
 * Dates and times as people read them, in one place. The locale is the centre's (default en-GB: dates
 * {@code 13/12/2026}, 24-hour times {@code 14:30}), else the browser's; it is set once on each UI, so that
 * lists, grids and the date and time pickers all follow it. Instants are shown in UK time.
 */
public final class DisplayFormats {

    /** The locale of UK centres, which Earmark serves: day/month/year and a 24-hour clock. */
    public static final Locale DEFAULT = Locale.UK;

    /** Instants are shown in UK time, as the awarding body reads them. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private DisplayFormats() {
    }

    /** The locale of the current UI, or the default outside one (PDFs, exports, background work). */
    public static Locale current() {
        UI ui = UI.getCurrent();
        return ui != null && ui.getLocale() != null ? ui.getLocale() : DEFAULT;
    }

    /**
     * A language tag as a centre setting ("en-GB"), if it names a locale Java can format dates for.
     *
     * @return empty for a blank, malformed or unknown tag
     */
    public static Optional<Locale> parseTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
            boolean known = java.util.Arrays.stream(Locale.getAvailableLocales())
                    .anyMatch(available -> available.getLanguage().equals(locale.getLanguage()));
            return known && !locale.getLanguage().isEmpty() ? Optional.of(locale) : Optional.empty();
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    /** The locale's short date pattern with a four-digit year: "dd/MM/yyyy" for en-GB. */
    public static String datePattern(Locale locale) {
        String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null,
                IsoChronology.INSTANCE, locale);
        return pattern.replaceAll("y+", "yyyy");
    }

    /** The locale's short time pattern: "HH:mm" for en-GB. */
    public static String timePattern(Locale locale) {
        return DateTimeFormatterBuilder.getLocalizedDateTimePattern(null, FormatStyle.SHORT, IsoChronology.INSTANCE,
                locale);
    }

    public static DateTimeFormatter dateFormatter(Locale locale) {
        return DATES.computeIfAbsent(locale, l -> DateTimeFormatter.ofPattern(datePattern(l), l));
    }

    public static DateTimeFormatter timeFormatter(Locale locale) {
        return TIMES.computeIfAbsent(locale, l -> DateTimeFormatter.ofPattern(timePattern(l), l));
    }

    private static final java.util.Map<Locale, DateTimeFormatter> DATES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<Locale, DateTimeFormatter> TIMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** "13/12/2026" in the current locale; empty for none. */
    public static String date(LocalDate date) {
        return date(date, current());
    }

    public static String date(LocalDate date, Locale locale) {
        return date == null ? "" : dateFormatter(locale).format(date);
    }

    /** "14:30" in the current locale; empty for none. */
    public static String time(LocalTime time) {
        return time(time, current());
    }

    public static String time(LocalTime time, Locale locale) {
        return time == null ? "" : timeFormatter(locale).format(time);
    }

    /** "13/12/2026 14:30" (UK time) in the current locale; empty for none. */
    public static String dateTime(Instant at) {
        return dateTime(at, current());
    }

    /** "13/12/2026 14:30:05" (UK time), for the audit trail. */
    public static String dateTimeToSecond(Instant at) {
        if (at == null) {
            return "";
        }
        Locale locale = current();
        var local = at.atZone(ZONE);
        String seconds = DateTimeFormatterBuilder.getLocalizedDateTimePattern(null, FormatStyle.MEDIUM,
                IsoChronology.INSTANCE, locale);
        return date(local.toLocalDate(), locale) + " " + DateTimeFormatter.ofPattern(seconds, locale)
                .format(local.toLocalTime());
    }

    public static String dateTime(Instant at, Locale locale) {
        if (at == null) {
            return "";
        }
        var local = at.atZone(ZONE);
        return date(local.toLocalDate(), locale) + " " + time(local.toLocalTime(), locale);
    }
}
