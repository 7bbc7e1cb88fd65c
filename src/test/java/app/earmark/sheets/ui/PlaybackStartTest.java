package app.earmark.sheets.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where playback starts for the {@code t} a link asks for, and the message when it cannot start there. */
class PlaybackStartTest {

    @Test
    void startsAtTheSecondsAsked() {
        assertThat(PlaybackView.start(Optional.of("12.0"), 30_000L)).isEqualTo(new PlaybackView.Start(12_000,
                Optional.empty()));
        assertThat(PlaybackView.start(Optional.of("115.5"), null).millis()).isEqualTo(115_500);
        assertThat(PlaybackView.start(Optional.empty(), 30_000L)).isEqualTo(new PlaybackView.Start(0,
                Optional.empty()));
        assertThat(PlaybackView.start(Optional.of("30"), 30_000L).problem()).isEmpty();
    }

    @Test
    void aTimeOutsideTheRecordingOpensAtTheStartWithAMessage() {
        assertThat(PlaybackView.start(Optional.of("31"), 30_000L)).isEqualTo(new PlaybackView.Start(0,
                Optional.of("0m 31s is after the end of this recording, which lasts 0m 30s, so it opens at the start.")));
        assertThat(PlaybackView.start(Optional.of("-1"), 30_000L).problem()).hasValueSatisfying(p ->
                assertThat(p).startsWith("\"-1\" is not a moment of the recording"));
        assertThat(PlaybackView.start(Optional.of("NaN"), 30_000L).problem()).isPresent();
        assertThat(PlaybackView.start(Optional.of("1e400"), 30_000L).problem()).isPresent();
        assertThat(PlaybackView.start(Optional.of("<script>"), 30_000L).millis()).isZero();
    }
}
