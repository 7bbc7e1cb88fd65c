package app.earmark.talktime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The trend chart puts each recording at its date (spread by time) and its value (clamped to the scale). */
class TalkTrendTest {

    private static final Pattern POINT = Pattern.compile("cx='([0-9.]+)' cy='([0-9.]+)'");

    @Test
    void pointsSitAtTheirDateAndValueInDateOrder() {
        LocalDate first = LocalDate.of(2026, 1, 1);
        String svg = TalkTrend.chart("Learner share", List.of(
                new TalkTrend.Point(first.plusDays(30), 100),
                new TalkTrend.Point(first, 0),
                new TalkTrend.Point(first.plusDays(10), 150)), 100,
                v -> String.format(Locale.ROOT, "%.0f %%", v), 50.0);
        Matcher m = POINT.matcher(svg);
        double[][] points = new double[3][];
        for (int i = 0; i < 3; i++) {
            assertThat(m.find()).isTrue();
            points[i] = new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
        }
        assertThat(m.find()).isFalse();
        // x: 1 January at the left edge, 31 January at the right, 11 January a third of the way.
        double left = points[0][0];
        double right = points[2][0];
        assertThat(right).isGreaterThan(left);
        assertThat((points[1][0] - left) / (right - left)).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(0.01));
        // y: 0 % at the bottom, 100 % at the top, 150 % drawn at the top too.
        assertThat(points[0][1]).isGreaterThan(points[2][1]);
        assertThat(points[1][1]).isEqualTo(points[2][1]);
        assertThat(svg).contains("aria-label='Learner share over time, 3 recordings: 01/01/2026 0 %; 11/01/2026 150 %;"
                + " 31/01/2026 100 %.'");
        assertThat(svg).contains("stroke-dasharray");
    }

    @Test
    void oneDayIsDrawnInTheMiddleAndNoneSaysSo() {
        String one = TalkTrend.chart("Median thinking time", List.of(new TalkTrend.Point(LocalDate.of(2026, 2, 3), 2)),
                4, v -> String.format(Locale.ROOT, "%.1f s", v), null);
        Matcher m = POINT.matcher(one);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isEqualTo(TalkTrend.x(LocalDate.of(2026, 2, 3),
                LocalDate.of(2026, 2, 3), 0));
        assertThat(one).doesNotContain("stroke-dasharray").doesNotContain("<polyline");
        assertThat(TalkTrend.chart("Learner share", List.of(), 100, v -> "", 50.0))
                .contains("aria-label='Learner share over time: no recordings.'");
    }
}
