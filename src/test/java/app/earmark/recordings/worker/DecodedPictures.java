package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A video file's pictures as Debian's own FFmpeg (the {@code ffmpeg} and {@code ffprobe} commands, not the worker's
 * JavaCV) decodes them: each frame with its presentation time, looked at one by one (RGB) without keeping them.
 */
public final class DecodedPictures {

    /** What was seen in one frame at its time (seconds). */
    public record Seen<T>(double seconds, T what) {
    }

    /** One decoded frame, RGB, {@code width × height}. */
    public record Picture(byte[] rgb, int width, int height) {

        /** The mean colour of the square of side {@code 2 r + 1} around (x, y), as {r, g, b}. */
        public int[] colour(int x, int y, int r) {
            long[] sum = new long[3];
            int n = 0;
            for (int yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
                for (int xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
                    int i = (yy * width + xx) * 3;
                    for (int c = 0; c < 3; c++) {
                        sum[c] += rgb[i + c] & 0xFF;
                    }
                    n++;
                }
            }
            return new int[] {(int) (sum[0] / n), (int) (sum[1] / n), (int) (sum[2] / n)};
        }

        /** The brightest channel value in the rectangle (to find light text on a dark panel). */
        public int brightest(int x0, int y0, int x1, int y1) {
            int max = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int i = (y * width + x) * 3;
                    for (int c = 0; c < 3; c++) {
                        max = Math.max(max, rgb[i + c] & 0xFF);
                    }
                }
            }
            return max;
        }
    }

    private DecodedPictures() {
    }

    /** Every frame of the file's first video stream, in order, with what {@code look} sees in it. */
    public static <T> List<Seen<T>> read(Path file, int width, int height, Function<Picture, T> look)
            throws Exception {
        List<Double> times = times(file);
        Process process = new ProcessBuilder("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:v:0",
                "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Seen<T>> seen = new ArrayList<>();
        byte[] frame = new byte[width * height * 3];
        try (DataInputStream in = new DataInputStream(process.getInputStream())) {
            while (true) {
                try {
                    in.readFully(frame);
                } catch (EOFException end) {
                    break;
                }
                assertThat(seen.size()).as("more frames decoded than ffprobe listed").isLessThan(times.size());
                seen.add(new Seen<>(times.get(seen.size()), look.apply(new Picture(frame, width, height))));
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(seen).hasSameSizeAs(times);
        return seen;
    }

    /**
     * The file's streams as ffprobe reads them: for each, {@code codec_type}, {@code codec_name}, {@code width},
     * {@code height}, {@code r_frame_rate}, {@code channels}, {@code sample_rate} (those it has).
     */
    public static List<java.util.Map<String, String>> streams(Path file) throws Exception {
        List<java.util.Map<String, String>> streams = new ArrayList<>();
        for (String line : ffprobe("-show_entries",
                "stream=codec_type,codec_name,width,height,r_frame_rate,channels,sample_rate", "-of", "compact=p=0",
                file.toString())) {
            java.util.Map<String, String> stream = new java.util.TreeMap<>();
            for (String pair : line.split("\\|")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    stream.put(kv[0].trim(), kv[1].trim());
                }
            }
            streams.add(stream);
        }
        return streams;
    }

    /** The presentation times of the first video stream's frames, in decoding order (ffprobe). */
    static List<Double> times(Path file) throws Exception {
        List<Double> times = new ArrayList<>();
        for (String line : ffprobe("-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time",
                "-of", "csv=p=0", file.toString())) {
            times.add(Double.parseDouble(line.replace(",", "").trim()));
        }
        return times;
    }

    private static List<String> ffprobe(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out.toString().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }
}
