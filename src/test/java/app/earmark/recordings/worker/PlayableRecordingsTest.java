package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.earmark.recordings.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Recordings every current browser plays are copied into a new container, nothing re-encoded. */
class PlayableRecordingsTest {

    private static final int SECONDS = 10;

    @TempDir
    static Path media;

    @TempDir
    Path output;

    record Recording(String name, Function<Path, Path> generate, String fileName, String mimeType, String videoCodec,
            String audioCodec) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Recording> recordings() {
        return Stream.of(
                new Recording("AAC in M4A", dir -> TestMedia.m4aAac(dir, SECONDS),
                        "rendition.m4a", "audio/mp4", null, "aac"),
                new Recording("VP8 and Opus WebM from a browser", dir -> TestMedia.webmOpusVp8(dir, SECONDS, 320, 240),
                        "rendition.webm", "video/webm", "vp8", "opus"),
                new Recording("Opus WebM from a browser", dir -> TestMedia.webmOpusOnly(dir, SECONDS),
                        "rendition.webm", "audio/webm", null, "opus"),
                new Recording("H.264 and AAC MP4 with the index at the end",
                        dir -> TestMedia.mp4H264Aac(dir, SECONDS, 320, 240),
                        "rendition.mp4", "video/mp4", "h264", "aac"),
                new Recording("MP3", dir -> TestMedia.mp3(dir, SECONDS),
                        "rendition.mp3", "audio/mpeg", null, "mp3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void copiesThePacketsIntoAPlayableContainer(Recording recording) throws Exception {
        IngestResult result = Ingest.run(recording.generate().apply(media), output).result();

        assertThat(result.rendition()).isEqualTo(new IngestResult.Rendition(recording.fileName(),
                recording.mimeType(), true, containerOf(recording.fileName()), recording.videoCodec(),
                recording.audioCodec()));
        Probe source = result.probe();
        Probe copy = MediaProbe.probe(output.resolve(recording.fileName())).probe();
        assertThat(copy.audio()).usingRecursiveComparison().ignoringFields("bitRate").isEqualTo(source.audio());
        if (source.video() == null) {
            assertThat(copy.video()).isNull();
        } else {
            assertThat(copy.video()).usingRecursiveComparison().ignoringFields("frameRate").isEqualTo(source.video());
        }
        assertThat(copy.durationMillis()).as("rendition duration").isCloseTo(SECONDS * 1000L, within(SECONDS * 10L));
        assertThat(result.decodedDurationMillis()).isCloseTo(SECONDS * 1000L, within(SECONDS * 10L));
        if (source.durationMillis() != null) {
            assertThat(copy.durationMillis()).isCloseTo(source.durationMillis(), within(SECONDS * 10L));
        }
        if (recording.fileName().endsWith(".mp4") || recording.fileName().endsWith(".m4a")) {
            List<String> boxes = Mp4Boxes.topLevel(output.resolve(recording.fileName()));
            assertThat(boxes.indexOf("moov")).as("moov in %s", boxes).isBetween(0, boxes.indexOf("mdat"));
        }
        assertThat(result.peaks()).hasSize(4);
        assertPoster(result, recording.videoCodec() != null);
    }

    @Test
    void aVideoShorterThanASecondGetsItsFirstPictureAsPoster() throws Exception {
        IngestResult result = Ingest.run(TestMedia.mp4H264Aac(media, 1, 1280, 720, true), output).result();

        assertThat(result.poster()).isEqualTo(PosterFrame.FILE_NAME);
        BufferedImage image = ImageIO.read(output.resolve(PosterFrame.FILE_NAME).toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
    }

    private void assertPoster(IngestResult result, boolean video) throws Exception {
        Path poster = output.resolve(PosterFrame.FILE_NAME);
        if (!video) {
            assertThat(result.poster()).isNull();
            assertThat(poster).doesNotExist();
            return;
        }
        assertThat(result.poster()).isEqualTo(PosterFrame.FILE_NAME);
        byte[] bytes = Files.readAllBytes(poster);
        assertThat(bytes).startsWith(0xFF, 0xD8, 0xFF);
        BufferedImage image = ImageIO.read(poster.toFile());
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
    }

    private static String containerOf(String fileName) {
        return fileName.endsWith(".webm") ? "webm" : fileName.endsWith(".mp3") ? "mp3" : "mp4";
    }
}
