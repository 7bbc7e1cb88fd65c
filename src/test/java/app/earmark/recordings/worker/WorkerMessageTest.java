package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The stdout protocol: one JSON object a line, told apart by "type", read back into the same records. */
class WorkerMessageTest {

    @Test
    void writesTheAgreedShapes() {
        assertThat(new WorkerMessage.PhaseStarted(WorkerMessage.Phase.PROBING).toJson())
                .isEqualTo("{\"type\":\"phase\",\"phase\":\"PROBING\"}");
        assertThat(new WorkerMessage.Progress(0.37).toJson()).isEqualTo("{\"type\":\"progress\",\"fraction\":0.37}");
        assertThat(new WorkerMessage.Copied(5, 900, "reserved").toJson())
                .isEqualTo("{\"type\":\"copied\",\"chapters\":5,\"packets\":900,\"indexAtFront\":\"reserved\"}");
        assertThat(new WorkerMessage.Failed(FailureCode.NO_AUDIO, "No sound.").toJson())
                .isEqualTo("{\"type\":\"failed\",\"code\":\"NO_AUDIO\",\"message\":\"No sound.\"}");
        assertThat(new WorkerMessage.Probed(new Probe("mp3", null, null, null)).toJson())
                .isEqualTo("{\"type\":\"probe\",\"probe\":{\"format\":\"mp3\",\"durationMillis\":null,\"audio\":null,"
                        + "\"video\":null}}");
    }

    @Test
    void readsBackWhatItWrites() {
        Probe probe = new Probe("mov,mp4,m4a,3gp,3g2,mj2", 600_000L,
                new Probe.AudioStream("aac", 2, 48000, 128_000L), new Probe.VideoStream("h264", 1280, 720, 25.0));
        IngestResult result = new IngestResult(probe,
                new IngestResult.Rendition("rendition.mp4", "video/mp4", true, "mp4", "h264", "aac"),
                List.of(new IngestResult.Peaks("peaks-256.dat", 256, 48000, 112_500)), "poster.jpg", 600_010, 599_990);
        List<WorkerMessage> messages = List.of(new WorkerMessage.PhaseStarted(WorkerMessage.Phase.PROCESSING),
                new WorkerMessage.Probed(probe), new WorkerMessage.Progress(0.5), new WorkerMessage.Done(result),
                new WorkerMessage.Failed(FailureCode.TRUNCATED, "Stops at 29:58 of 59:57."),
                new WorkerMessage.Copied(301, 276_768, "reserved"), new WorkerMessage.Copied(5, 900, null));

        for (WorkerMessage message : messages) {
            assertThat(message.toJson()).doesNotContain("\n");
            assertThat(WorkerMessage.fromJson(message.toJson())).isEqualTo(message);
        }
    }

    @Test
    void formatsDurationsForPeople() {
        assertThat(Durations.format(0)).isEqualTo("0:00");
        assertThat(Durations.format(5_999_999)).isEqualTo("0:05");
        assertThat(Durations.format(1_798_000_000L)).isEqualTo("29:58");
        assertThat(Durations.format(3_600_000_000L)).isEqualTo("1:00:00");
        assertThat(Durations.format(7_384_000_000L)).isEqualTo("2:03:04");
    }
}
