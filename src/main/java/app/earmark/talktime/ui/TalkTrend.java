package app.earmark.talktime.ui;

import app.earmark.base.DisplayFormats;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.springframework.web.util.HtmlUtils;

/**
 * A small chart of one figure over time as SVG markup (built from numbers only): a dot per recording at its
 * discussion's date, joined in date order, on a scale from 0 to {@code max}, with an optional dashed reference line
 * (e.g. half the talk) and a text alternative that reads every value out.
 */
final class TalkTrend {

    /** One recording's value of the figure, on the date its discussion was held. */
    record Point(LocalDate date, double value) {
    }

    private static final int WIDTH = 600;
    private static final int HEIGHT = 120;
    private static final int LEFT = 44;
    private static final int TOP = 8;
    private static final int BOTTOM = 20;
    private static final int SPOKEN = 12;

    private TalkTrend() {
    }

    /**
     * @param label     what the figure is, for the text alternative ("Learner share")
     * @param points    the values, in any order
     * @param max       the top of the scale (values above it are drawn at the top)
     * @param format    how a value reads (axis, dot titles and the text alternative)
     * @param reference a value to mark with a dashed line, or {@code null}
     */
    static String chart(String label, List<Point> points, double max, DoubleFunction<String> format, Double reference) {
        List<Point> sorted = points.stream().sorted(Comparator.comparing(Point::date)).toList();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d'"
                + " width='100%%' role='img' aria-label='%s' style='max-width:38rem;display:block'>",
                LEFT + WIDTH + 8, TOP + HEIGHT + BOTTOM, HtmlUtils.htmlEscape(spoken(label, sorted, format))));
        for (double tick : new double[] {0, max / 2, max}) {
            double y = y(tick, max);
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f'"
                    + " stroke='var(--lumo-contrast-10pct)'/>", LEFT, LEFT + WIDTH, y, y));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11' text-anchor='end'"
                    + " fill='var(--lumo-secondary-text-color)'>%s</text>", LEFT - 4, y + 4,
                    HtmlUtils.htmlEscape(format.apply(tick))));
        }
        if (reference != null) {
            double y = y(reference, max);
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke-dasharray='4 3'"
                    + " stroke='var(--lumo-contrast-50pct)'/>", LEFT, LEFT + WIDTH, y, y));
        }
        if (sorted.isEmpty()) {
            return svg.append("</svg>").toString();
        }
        LocalDate first = sorted.get(0).date();
        LocalDate last = sorted.get(sorted.size() - 1).date();
        long days = ChronoUnit.DAYS.between(first, last);
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (Point p : sorted) {
            double x = x(p.date(), first, days);
            double y = y(p.value(), max);
            line.append(line.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            dots.append(String.format(Locale.ROOT, "<circle class='talk-trend-point' cx='%.1f' cy='%.1f' r='4'"
                    + " fill='%s'><title>%s: %s</title></circle>", x, y, TalkLanes.LEARNER_COLOUR,
                    DisplayFormats.date(p.date()), HtmlUtils.htmlEscape(format.apply(p.value()))));
        }
        if (sorted.size() > 1) {
            svg.append("<polyline fill='none' stroke-width='1.5' stroke='").append(TalkLanes.LEARNER_COLOUR)
                    .append("' points='").append(line).append("'/>");
        }
        svg.append(dots);
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' fill='var(--lumo-secondary-text-color)'>"
                + "%s</text>", LEFT, TOP + HEIGHT + BOTTOM - 4, DisplayFormats.date(first)));
        if (days > 0) {
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' text-anchor='end'"
                    + " fill='var(--lumo-secondary-text-color)'>%s</text>", LEFT + WIDTH, TOP + HEIGHT + BOTTOM - 4,
                    DisplayFormats.date(last)));
        }
        return svg.append("</svg>").toString();
    }

    /** Where a date goes: spread by time from the first date to the last; all on one day, in the middle. */
    static double x(LocalDate date, LocalDate first, long days) {
        if (days == 0) {
            return LEFT + WIDTH / 2.0;
        }
        return LEFT + (double) ChronoUnit.DAYS.between(first, date) * WIDTH / days;
    }

    /** Where a value goes: 0 at the bottom, {@code max} (or more) at the top. */
    static double y(double value, double max) {
        double share = max <= 0 ? 0 : Math.min(1, Math.max(0, value / max));
        return TOP + HEIGHT * (1 - share);
    }

    /** The text alternative: every value with its date (the first few, then how many more). */
    private static String spoken(String label, List<Point> sorted, DoubleFunction<String> format) {
        if (sorted.isEmpty()) {
            return label + " over time: no recordings.";
        }
        StringBuilder text = new StringBuilder(label).append(" over time, ").append(sorted.size())
                .append(sorted.size() == 1 ? " recording: " : " recordings: ");
        for (int i = 0; i < Math.min(SPOKEN, sorted.size()); i++) {
            text.append(i == 0 ? "" : "; ").append(DisplayFormats.date(sorted.get(i).date())).append(' ')
                    .append(format.apply(sorted.get(i).value()));
        }
        if (sorted.size() > SPOKEN) {
            text.append("; and ").append(sorted.size() - SPOKEN).append(" more");
        }
        return text.append('.').toString();
    }
}
