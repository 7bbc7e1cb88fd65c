package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.TestMedia;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording's duration is the rendition's as another FFmpeg (Debian's ffprobe) reads it, to the millisecond: so the
 * last chapter, which ends at that duration, never runs past the media.
 */
class RenditionDurationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"webm", "webm-audio", "mp4", "m4a-44k", "wav-48k"})
    void theDurationIsWhereTheRenditionsStreamsEnd(String kind) throws Exception {
        Function<Path, Path> media = switch (kind) {
            case "webm" -> d -> TestMedia.webmOpusVp8(d, 20, 320, 240);
            case "webm-audio" -> d -> TestMedia.webmOpusOnly(d, 20);
            case "mp4" -> d -> TestMedia.mp4H264Aac(d, 20, 320, 240);
            case "m4a-44k" -> d -> TestMedia.m4aAac(d, 20);
            default -> d -> TestMedia.wavPcm(d, 20);
        };
        Path output = Files.createDirectory(dir.resolve("out"));

        IngestResult result = Ingest.run(media.apply(dir), output).result();

        long ffprobe = ffprobeMillis(output.resolve(result.rendition().fileName()));
        System.out.printf("%s: ffprobe %d ms, packets %d ms, decoded sound %d ms%n", kind, ffprobe,
                result.durationMillis(), result.decodedDurationMillis());
        assertThat(result.durationMillis()).as("the duration against ffprobe's %d ms", ffprobe)
                .isBetween(ffprobe - 1, ffprobe);
    }

    private Path ffprobeOutput;

    private long ffprobeMillis(Path file) throws Exception {
        ffprobeOutput = dir.resolve("ffprobe.txt");
        Process process = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "default=noprint_wrappers=1:nokey=1", file.toString()).redirectInput(new File("/dev/null"))
                .redirectErrorStream(true).redirectOutput(ffprobeOutput.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(ffprobeOutput).strip();
        assertThat(process.exitValue()).as(text).isZero();
        return Math.round(Double.parseDouble(text) * 1000);
    }
}
