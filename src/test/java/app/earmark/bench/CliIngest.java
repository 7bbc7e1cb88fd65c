package app.earmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The same work as Earmark's ingest, done with the ffmpeg command line, one step after the other as Earmark's worker
 * does them: probe ({@code ffprobe}); the playable copy (stream copy into the browser's container with the index at
 * the front, or an AAC transcode of what browsers cannot play); waveform peaks (ffmpeg decodes the sound to 16-bit
 * mono PCM on a pipe and {@link PcmPeaks} reduces it to the same four zoom levels); and, for video, a poster JPEG.
 * Every command's time includes starting its process, as Earmark's includes starting its worker JVM.
 */
final class CliIngest {

    private static final Duration STEP_LIMIT = Duration.ofMinutes(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Seconds per step, the whole, and what was made. */
    record Result(double seconds, double probe, double rendition, double peaks, double poster, long renditionBytes,
            long samples) {
    }

    private CliIngest() {
    }

    /** The commands, as the report lists them ({@code IN} is the recording, {@code OUT} the output folder). */
    static List<String> commands(BenchMedia.Kind kind) {
        List<String> commands = new ArrayList<>();
        commands.add(String.join(" ", probe(Path.of("IN"))));
        commands.add(String.join(" ", rendition(kind, Path.of("IN"), Path.of("OUT"), -1)));
        commands.add(String.join(" ", peaks(Path.of("IN"))) + " | PcmPeaks (min/max at 256, 1024, 4096 and 16384"
                + " samples per pixel, 8-bit, to OUT/peaks-N.dat)");
        if (kind.video) {
            commands.add(String.join(" ", poster(Path.of("IN"), Path.of("OUT"))));
        }
        return commands;
    }

    static Result run(BenchMedia.Kind kind, Path input, Path out) {
        Path logs = Bench.dir("bench-cli-logs");
        long started = System.nanoTime();
        Path probeOutput = out.resolve("probe.json");
        long t0 = System.nanoTime();
        try (OwnedProcess probe = OwnedProcess.startPiped(probe(input), logs.resolve("ffprobe.log"))) {
            Files.copy(probe.stdout(), probeOutput);
            probe.awaitSuccess(STEP_LIMIT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Sound sound = sound(probeOutput);
        long t1 = System.nanoTime();
        OwnedProcess.run(rendition(kind, input, out, sound.aacBitrate()),
                logs.resolve("rendition-" + kind.shortName() + ".log"), STEP_LIMIT);
        long t2 = System.nanoTime();
        long samples;
        try (OwnedProcess decode = OwnedProcess.startPiped(peaks(input), logs.resolve("peaks.log"));
                InputStream pcm = decode.stdout()) {
            samples = PcmPeaks.reduce(pcm, out, sound.sampleRate());
            decode.awaitSuccess(STEP_LIMIT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t3 = System.nanoTime();
        if (kind.video) {
            OwnedProcess.run(poster(input, out), logs.resolve("poster.log"), STEP_LIMIT);
            if (!Files.isRegularFile(out.resolve("poster.jpg"))) {
                throw new IllegalStateException("ffmpeg wrote no poster for " + input);
            }
        }
        long t4 = System.nanoTime();
        long renditionBytes = size(out.resolve(renditionName(kind)));
        return new Result((t4 - started) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                renditionBytes, samples);
    }

    private static List<String> probe(Path input) {
        return List.of(Tools.ffprobe().path(), "-v", "error", "-show_format", "-show_streams", "-of", "json",
                input.toString());
    }

    /** @param aacBitrate the bit rate of a transcode; -1 for the report, which shows Earmark's rule instead */
    private static List<String> rendition(BenchMedia.Kind kind, Path input, Path out, int aacBitrate) {
        List<String> command = new ArrayList<>(List.of(Tools.ffmpeg().path(), "-nostdin", "-v", "error", "-y", "-i",
                input.toString()));
        if (kind.video) {
            command.addAll(List.of("-map", "0:v:0"));
        }
        command.addAll(List.of("-map", "0:a:0"));
        if (kind.playable) {
            command.addAll(List.of("-c", "copy"));
        } else {
            command.addAll(List.of("-c:a", "aac", "-b:a", aacBitrate < 0 ? "RATE" : Integer.toString(aacBitrate)));
        }
        if (kind == BenchMedia.Kind.WEBM) {
            command.addAll(List.of("-f", "webm"));
        } else {
            command.addAll(List.of("-f", "mp4", "-movflags", "+faststart"));
        }
        command.add(out.resolve(renditionName(kind)).toString());
        return command;
    }

    private static List<String> peaks(Path input) {
        return List.of(Tools.ffmpeg().path(), "-nostdin", "-v", "error", "-i", input.toString(), "-map", "0:a:0",
                "-ac", "1", "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1");
    }

    private static List<String> poster(Path input, Path out) {
        return List.of(Tools.ffmpeg().path(), "-nostdin", "-v", "error", "-y", "-ss", "1", "-i", input.toString(),
                "-map", "0:v:0", "-frames:v", "1", "-vf", "scale=min(640\\,iw):-2", "-q:v", "3",
                out.resolve("poster.jpg").toString());
    }

    static String renditionName(BenchMedia.Kind kind) {
        return switch (kind) {
            case MP4 -> "rendition.mp4";
            case WEBM -> "rendition.webm";
            case M4A, WMA -> "rendition.m4a";
        };
    }

    /** The sound track as ffprobe reports it. */
    private record Sound(int sampleRate, int channels) {

        /**
         * The bit rate Earmark's transcoder chooses, so that both encode alike: 96 kb/s mono, 128 kb/s stereo, less at
         * low sample rates (4 bits per sample and channel).
         */
        int aacBitrate() {
            int kept = Math.min(2, Math.max(1, channels));
            return Math.min(kept == 1 ? 96_000 : 128_000, 4 * sampleRate * kept);
        }
    }

    private static Sound sound(Path probeJson) {
        try {
            for (JsonNode stream : JSON.readTree(probeJson.toFile()).path("streams")) {
                if ("audio".equals(stream.path("codec_type").asText())) {
                    return new Sound(stream.path("sample_rate").asInt(), stream.path("channels").asInt());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("ffprobe found no sound in " + probeJson);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException("ffmpeg made no " + file, e);
        }
    }
}
