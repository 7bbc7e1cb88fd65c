package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not usable recordings are refused with a specific code and a message that says why. */
class HostileFilesTest {

    @TempDir
    static Path media;

    static Path m4a;
    static Path mp4Faststart;

    @TempDir
    Path output;

    @BeforeAll
    static void generate() {
        m4a = TestMedia.m4aAac(media, 10);
        mp4Faststart = TestMedia.mp4H264Aac(media, 10, 320, 240, true);
    }

    @Test
    void emptyFile() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.empty(media), output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.EMPTY_FILE);
        assertThat(failure.message()).contains("empty (0 bytes)");
    }

    @Test
    void textRenamedToMp4() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.textAsMp4(media), output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.NOT_MEDIA);
        assertThat(failure.message()).contains("looks like a text file");
    }

    @Test
    void pngRenamedToMp4() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.pngAsMp4(media), output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.NOT_MEDIA);
        assertThat(failure.message()).contains("looks like a PNG image");
    }

    @Test
    void imageThatOnlyFfmpegRecognises() throws Exception {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Path bmp = media.resolve("drawing.mp4");
        ImageIO.write(image, "bmp", bmp.toFile());

        WorkerMessage.Failed failure = Ingest.run(bmp, output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.NOT_MEDIA);
        assertThat(failure.message()).contains("FFmpeg reads it as \"bmp_pipe\"");
    }

    @Test
    void randomBytesNamedMp4() throws Exception {
        byte[] bytes = new byte[100_000];
        new Random(42).nextBytes(bytes);
        Path noise = Files.write(media.resolve("noise.mp4"), bytes);

        WorkerMessage.Failed failure = Ingest.run(noise, output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.NOT_MEDIA);
        assertThat(failure.message()).contains("not an audio or video recording that FFmpeg recognises");
    }

    @Test
    void mp4CutInHalf() throws Exception {
        Ingest ingest = Ingest.run(TestMedia.truncated(mp4Faststart, media), output);
        WorkerMessage.Failed failure = ingest.failure();
        assertThat(failure.code()).isEqualTo(FailureCode.TRUNCATED);
        assertThat(failure.message()).matches(".*stops at 0:0[45] of 0:10, and the file ends before the size its"
                + " container declares\\. The upload or copy was cut off.*");
        assertThat(ingest.messages).anySatisfy(message -> assertThat(message).isInstanceOf(WorkerMessage.Probed.class));
    }

    @Test
    void m4aDamagedFromItsMiddleOnIsSaidToBeDamagedNotCutOff() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.damaged(m4a, media, 0.5, 1.0), output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.DAMAGED);
        assertThat(failure.message()).matches("The recording has damaged data from 0:0[3-5] onwards: only 0:0[3-5] of"
                + " its 0:10 of sound could be decoded\\. The file is complete .*, not cut off: .*");
    }

    @Test
    void m4aDamagedInItsMiddleIsSaidToBeDamagedThereNotCutOff() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.damaged(m4a, media, 0.3, 0.6), output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.DAMAGED);
        assertThat(failure.message()).matches("The recording has damaged data from 0:0[2-3] to 0:0[5-6]: only 0:0[6-8]"
                + " of its 0:10 of sound could be decoded\\. The file is complete .*");
    }

    @Test
    void mp4DamagedInItsMiddleIsSaidToBeDamagedNotCutOff() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.damaged(mp4Faststart, media, 0.3, 0.6), output)
                .failure();
        assertThat(failure.code()).isEqualTo(FailureCode.DAMAGED);
        assertThat(failure.message()).startsWith("The recording has damaged data from 0:0").contains("not cut off")
                .doesNotContain("incomplete");
    }

    @Test
    void mp4WithoutIndex() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.indexMissing(mp4Faststart, media), output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.INDEX_MISSING);
        assertThat(failure.message()).contains("moov atom not found");
    }

    @Test
    void unknownSoundCodec() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.unsupportedCodec(m4a, media), output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.UNSUPPORTED_CODEC);
        assertThat(failure.message()).contains("sound track", "'" + TestMedia.UNKNOWN_FOURCC + "'");
    }

    @Test
    void videoWithoutSound() {
        WorkerMessage.Failed failure = Ingest.run(TestMedia.videoOnlyMp4(media, 5), output).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.NO_AUDIO);
        assertThat(failure.message()).contains("no sound track", "h264", "needs its sound");
    }

    @Test
    void longerThanTheLimitByItsHeader() throws Exception {
        Ingest ingest = Ingest.run(m4a, output, Duration.ofSeconds(5));
        WorkerMessage.Failed failure = ingest.failure();
        assertThat(failure.code()).isEqualTo(FailureCode.TOO_LONG);
        assertThat(failure.message()).contains("is 0:10 long", "at most 0:05");
        assertThat(ingest.messages).doesNotContain(new WorkerMessage.PhaseStarted(WorkerMessage.Phase.PROCESSING));
        try (var files = Files.list(output)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void longerThanTheLimitWithoutADeclaredDuration() {
        Path webm = TestMedia.webmOpusOnly(media, 10);
        WorkerMessage.Failed failure = Ingest.run(webm, output, Duration.ofSeconds(5)).failure();
        assertThat(failure.code()).isEqualTo(FailureCode.TOO_LONG);
        assertThat(failure.message()).contains("longer than 0:05", "still going at 0:07");
    }
}
