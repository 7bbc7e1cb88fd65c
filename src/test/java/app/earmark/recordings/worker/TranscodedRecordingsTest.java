package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import app.earmark.recordings.TestMedia;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What browsers cannot play is re-encoded: H.264 and AAC in MP4, or AAC alone in M4A. */
class TranscodedRecordingsTest {

    private static final int SECONDS = 8;

    @TempDir
    static Path media;

    @TempDir
    Path output;

    record Recording(String name, Function<Path, Path> generate, boolean video) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Recording> recordings() {
        return Stream.of(
                new Recording("PCM WAV", dir -> TestMedia.wavPcm(dir, SECONDS), false),
                new Recording("AMR-NB in 3GP", dir -> TestMedia.amr3gp(dir, SECONDS), false),
                new Recording("MPEG-4 Part 2 and PCM in AVI", dir -> TestMedia.aviMpeg4(dir, SECONDS), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void reencodesIntoAPlayableRendition(Recording recording) throws Exception {
        IngestResult result = Ingest.run(recording.generate().apply(media), output).result();

        IngestResult.Rendition rendition = result.rendition();
        assertThat(rendition).isEqualTo(recording.video()
                ? new IngestResult.Rendition("rendition.mp4", "video/mp4", false, "mp4", "h264", "aac")
                : new IngestResult.Rendition("rendition.m4a", "audio/mp4", false, "mp4", null, "aac"));
        Path file = output.resolve(rendition.fileName());
        List<String> boxes = Mp4Boxes.topLevel(file);
        assertThat(boxes.indexOf("moov")).as("moov in %s", boxes).isBetween(0, boxes.indexOf("mdat"));

        ProbedMedia copy = MediaProbe.probe(file);
        assertThat(RenditionPlan.choose(copy).remux()).as("plays in browsers as it is").isTrue();
        Probe source = result.probe();
        assertThat(copy.probe().audio().codec()).isEqualTo("aac");
        assertThat(copy.probe().audio().channels()).isEqualTo(source.audio().channels());
        assertThat(copy.probe().audio().sampleRate()).isEqualTo(source.audio().sampleRate());
        assertThat(copy.probe().durationMillis()).isCloseTo(SECONDS * 1000L, within(SECONDS * 10L));
        assertThat(result.decodedDurationMillis()).isCloseTo(SECONDS * 1000L, within(SECONDS * 10L));
        if (recording.video()) {
            assertThat(copy.probe().video().codec()).isEqualTo("h264");
            assertThat(copy.probe().video().width()).isEqualTo(source.video().width());
            assertThat(copy.probe().video().height()).isEqualTo(source.video().height());
            assertThat(copy.videoPixelFormat()).isEqualTo(AV_PIX_FMT_YUV420P);
            assertThat(result.poster()).isEqualTo(PosterFrame.FILE_NAME);
            assertThat(output.resolve(PosterFrame.FILE_NAME)).isNotEmptyFile();
        } else {
            assertThat(copy.probe().video()).isNull();
            assertThat(result.poster()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"320, 240", "330, 186"})
    void keepsThePictureIntact(int width, int height) throws Exception {
        Path source = TestMedia.aviMpeg4(media, 2, width, height);
        IngestResult result = Ingest.run(source, output).result();

        BufferedImage before = pictureAtOneSecond(source);
        BufferedImage after = pictureAtOneSecond(output.resolve(result.rendition().fileName()));
        assertThat(after.getWidth()).isEqualTo(width);
        assertThat(after.getHeight()).isEqualTo(height);
        // The gradient in the top left corner, away from the moving square, in the same colours.
        for (int[] spot : new int[][] {{10, 10}, {width / 3, 20}, {20, height / 5}}) {
            Color expected = new Color(before.getRGB(spot[0], spot[1]));
            Color actual = new Color(after.getRGB(spot[0], spot[1]));
            assertThat(Math.abs(expected.getRed() - actual.getRed())
                    + Math.abs(expected.getGreen() - actual.getGreen())
                    + Math.abs(expected.getBlue() - actual.getBlue())).as("colour difference at %s,%s", spot[0], spot[1])
                    .isLessThan(40);
        }
    }

    private static BufferedImage pictureAtOneSecond(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame = null;
            for (int i = 0; i < 25; i++) {
                frame = grabber.grabImage();
            }
            BufferedImage image = converter.convert(frame);
            BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            copy.getGraphics().drawImage(image, 0, 0, null);
            return copy;
        }
    }

    @Test
    void choosesAacSampleRatesAndBitrates() {
        assertThat(Transcoder.aacSampleRate(8000)).isEqualTo(8000);
        assertThat(Transcoder.aacSampleRate(44100)).isEqualTo(44100);
        assertThat(Transcoder.aacSampleRate(11000)).isEqualTo(11025);
        assertThat(Transcoder.aacSampleRate(192000)).isEqualTo(48000);
        assertThat(Transcoder.audioBitrate(8000, 1)).isEqualTo(32_000);
        assertThat(Transcoder.audioBitrate(48000, 2)).isEqualTo(128_000);
        assertThat(Transcoder.videoBitrate(1280, 720, 25)).isEqualTo(1_843_200);
    }
}
