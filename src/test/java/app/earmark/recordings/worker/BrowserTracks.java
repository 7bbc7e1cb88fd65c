package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Tracks as a room party's browser records them (Opus in WebM, VP8 with a picture), made by Debian's ffmpeg. */
public final class BrowserTracks {

    private BrowserTracks() {
    }

    /**
     * A track of {@code seconds}: a tone at {@code hz} ({@code amplitude} of full scale) for {@code burst} seconds from
     * each of {@code starts}, silence between; with {@code picture} (an ffmpeg source) as VP8 video when not null.
     */
    public static Path webm(Path file, double seconds, int hz, double amplitude, double burst, String picture,
            double... starts) throws Exception {
        StringBuilder gate = new StringBuilder("0");
        for (double start : starts) {
            gate.append("+between(t\\,").append(start).append("\\,").append(start + burst).append(')');
        }
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        if (picture != null) {
            command.addAll(List.of("-f", "lavfi", "-i", picture));
        }
        command.addAll(List.of("-f", "lavfi", "-i", "aevalsrc=" + amplitude + "*sin(2*PI*" + hz + "*t)*(" + gate
                + "):s=48000:d=" + seconds));
        if (picture != null) {
            command.addAll(List.of("-c:v", "libvpx", "-b:v", "1M"));
        }
        command.addAll(List.of("-c:a", "libopus", "-b:a", "64k", file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.size(file)).isPositive();
        return file;
    }
}
