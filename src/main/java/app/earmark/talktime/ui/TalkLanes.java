package app.earmark.talktime.ui;

import app.earmark.base.TimeFormat;
import app.earmark.talktime.Segment;
import app.earmark.talktime.TalkAnalysis;
import java.util.List;
import java.util.Locale;

/**
 * The small charts of a talk-time analysis as SVG markup (built from numbers only): two lanes of speech along the
 * recording's time line, assessor above learner, with a tick every minute or so; and the talk-share bar.
 */
final class TalkLanes {

    static final String ASSESSOR_COLOUR = "var(--lumo-primary-color)";
    static final String LEARNER_COLOUR = "var(--lumo-success-color)";
    private static final int WIDTH = 1000;
    private static final int LANE = 18;
    private static final int LABEL = 70;

    private TalkLanes() {
    }

    /** Two lanes, as one {@code <svg>} element with a text alternative. */
    static String lanes(TalkAnalysis analysis) {
        long duration = Math.max(1, analysis.durationMs());
        int height = 2 * LANE + 26;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d'"
                + " width='100%%' role='img' aria-label='%s' style='max-width:60rem;display:block'>", WIDTH + LABEL,
                height, "Who spoke when: assessor " + analysis.assessor().size() + " stretches of speech, learner "
                        + analysis.learner().size()));
        lane(svg, "Assessor", analysis.assessor(), 0, duration, ASSESSOR_COLOUR);
        lane(svg, "Learner", analysis.learner(), LANE + 4, duration, LEARNER_COLOUR);
        long step = tickStep(duration);
        for (long t = 0; t <= duration; t += step) {
            double x = LABEL + (double) t * WIDTH / duration;
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d'"
                    + " stroke='var(--lumo-contrast-50pct)'/>", x, x, 2 * LANE + 4, 2 * LANE + 9));
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='11' text-anchor='middle'"
                    + " fill='var(--lumo-secondary-text-color)'>%s</text>", x, height - 2, TimeFormat.clock(t)));
        }
        return svg.append("</svg>").toString();
    }

    private static void lane(StringBuilder svg, String label, List<Segment> segments, int y, long duration,
            String colour) {
        svg.append(String.format(Locale.ROOT, "<text x='0' y='%d' font-size='12' fill='var(--lumo-body-text-color)'>"
                + "%s</text>", y + LANE - 5, label));
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d'"
                + " fill='var(--lumo-contrast-5pct)'/>", LABEL, y, WIDTH, LANE));
        for (Segment s : segments) {
            double x = LABEL + (double) s.startMs() * WIDTH / duration;
            double w = Math.max(0.5, (double) s.lengthMs() * WIDTH / duration);
            svg.append(String.format(Locale.ROOT, "<rect x='%.2f' y='%d' width='%.2f' height='%d' fill='%s'>"
                    + "<title>%s %s–%s</title></rect>", x, y, w, LANE, colour, label, TimeFormat.clock(s.startMs()),
                    TimeFormat.clock(s.endMs())));
        }
    }

    /** About six ticks: every 10 s, 30 s, 1, 5, 10 or 30 minutes. */
    static long tickStep(long duration) {
        long[] steps = {10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000};
        for (long step : steps) {
            if (duration / step <= 8) {
                return step;
            }
        }
        return 3_600_000;
    }

    /** The share bar: the assessor's part and the learner's part of all speech. */
    static String shareBar(double assessorPct, double learnerPct) {
        return String.format(Locale.ROOT, "<div role='img' aria-label='Talk share: assessor %.0f %%, learner %.0f %%'"
                + " style='display:flex;height:0.9rem;max-width:30rem;border-radius:var(--lumo-border-radius-s);"
                + "overflow:hidden'><div style='width:%.2f%%;background:%s'></div><div style='width:%.2f%%;"
                + "background:%s'></div></div>", assessorPct, learnerPct, assessorPct, ASSESSOR_COLOUR, learnerPct,
                LEARNER_COLOUR);
    }
}
