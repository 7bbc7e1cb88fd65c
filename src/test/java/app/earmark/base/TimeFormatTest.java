package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One form of time counter everywhere, the source documents' ("1m 55s"), in whole seconds rounded down. */
class TimeFormatTest {

    @Test
    void aCounterIsMinutesAndTwoDigitSecondsUnderAnHourRoundedDown() {
        assertThat(TimeFormat.counter(0)).isEqualTo("0m 00s");
        assertThat(TimeFormat.counter(999)).isEqualTo("0m 00s");
        assertThat(TimeFormat.counter(1000)).isEqualTo("0m 01s");
        assertThat(TimeFormat.counter(61_000)).isEqualTo("1m 01s");
        assertThat(TimeFormat.counter(115_999)).isEqualTo("1m 55s");
        assertThat(TimeFormat.counter(3_599_999)).isEqualTo("59m 59s");
    }

    @Test
    void fromAnHourACounterHasHoursMinutesAndSeconds() {
        assertThat(TimeFormat.counter(3_600_000)).isEqualTo("1h 00m 00s");
        assertThat(TimeFormat.counter(3_723_500)).isEqualTo("1h 02m 03s");
    }

    @Test
    void theClockRoundsDownToo() {
        assertThat(TimeFormat.clock(999)).isEqualTo("0:00");
        assertThat(TimeFormat.clock(3_599_999)).isEqualTo("59:59");
    }
}
