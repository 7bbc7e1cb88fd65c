package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A file's sound read back by Debian's ffmpeg command, independently of Earmark's own decoding, and its clicks. */
public final class DecodedSound {

    /** The sample rate the sound is decoded at. */
    public static final int RATE = 48_000;

    private DecodedSound() {
    }

    /** The file's first sound stream decoded to 48 kHz 16-bit stereo, one array per channel. */
    public static short[][] stereo(Path file) throws Exception {
        Process process = new ProcessBuilder("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:a:0", "-f",
                "s16le", "-ac", "2", "-ar", String.valueOf(RATE), "-").redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int frames = bytes.remaining() / 4;
        short[][] channels = new short[2][frames];
        for (int i = 0; i < frames; i++) {
            channels[0][i] = bytes.getShort();
            channels[1][i] = bytes.getShort();
        }
        return channels;
    }

    /** Where each click starts (ms): the first sample over a tenth of full scale after at least 0.5 s below it. */
    public static List<Long> onsets(short[] samples) {
        List<Long> onsets = new ArrayList<>();
        long lastLoud = Long.MIN_VALUE / 2;
        for (int i = 0; i < samples.length; i++) {
            if (Math.abs(samples[i]) > 3277) {
                if (i - lastLoud > RATE / 2) {
                    onsets.add(i * 1000L / RATE);
                }
                lastLoud = i;
            }
        }
        return onsets;
    }
}
