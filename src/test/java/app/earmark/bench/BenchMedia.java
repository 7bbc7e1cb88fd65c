package app.earmark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The synthetic recordings the ingest benchmark reads, made with the ffmpeg command (JavaCV's encoders are far too
 * slow for hours of video on this machine) and cached under {@code target/bench-media}, so later runs start at once.
 * A five-minute segment of each kind is encoded once; copies of it are joined by the concat demuxer with stream copy
 * to the length wanted. A file is renamed into place only when complete, so a run cut short never leaves a
 * half-written recording in the cache.
 *
 * <p>The sound is speech-like: a voice-pitched tone in syllable-length bursts with phrase-level loudness changes, a
 * pause of 0.6 s every 2.3 s and a little noise underneath, so waveform peaks have realistic shape.
 */
final class BenchMedia {

    /** Part of the sound's file name: change it, and every kind's recipe, when the sound's recipe changes. */
    private static final String TONE_RECIPE = "v1";
    static final int SEGMENT_SECONDS = 300;
    private static final Duration ENCODE_LIMIT = Duration.ofMinutes(20);
    private static final String TONE = "0.5*sin(2*PI*(190+30*sin(2*PI*0.25*t))*t)*abs(sin(2*PI*2.1*t))"
            + "*(0.4+0.6*abs(sin(PI*t/6.1)))*lt(mod(t\\,2.3)\\,1.7)+0.01*(2*random(0)-1)";

    /** The kinds of recording, with how each segment is encoded and how copies are joined. */
    enum Kind {
        M4A("v1", "AAC-LC 48 kHz stereo 128 kb/s in M4A (audio only), index at the end", "m4a", false, true,
                List.of("-map", "0:a", "-c:a", "aac", "-b:a", "128k"), List.of("-f", "ipod")),
        WEBM("v1", "Opus 48 kHz stereo 64 kb/s + VP8 640×360 30 fps ~1 Mb/s in WebM, written as a live stream (no"
                + " duration, no cues) as a browser's MediaRecorder does", "webm", true, true,
                List.of("-map", "0:v", "-map", "1:a", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8",
                        "-b:v", "1000k", "-g", "150", "-pix_fmt", "yuv420p", "-c:a", "libopus", "-b:a", "64k"),
                List.of("-f", "webm", "-live", "1")),
        MP4("v1", "H.264 (x264 veryfast) 1280×720 30 fps ~1.5 Mb/s + AAC-LC 48 kHz stereo 128 kb/s in MP4, index"
                + " (moov) at the end as a meeting tool exports", "mp4", true, true,
                List.of("-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "1500k",
                        "-maxrate", "2000k", "-bufsize", "3000k", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac",
                        "-b:a", "128k"),
                List.of("-f", "mp4")),
        WMA("v2", "WMA v2 22.05 kHz mono 48 kb/s in ASF (audio only), as a dictaphone records in its voice mode; no"
                + " browser plays it", "wma", false, false,
                List.of("-map", "0:a", "-c:a", "wmav2", "-b:a", "48k", "-ar", "22050", "-ac", "1"),
                List.of("-f", "asf"));

        /** Part of the kind's file names: change it when the kind's recipe changes, and its files are made again. */
        final String recipe;
        final String description;
        final String extension;
        final boolean video;
        final boolean playable;
        final List<String> encode;
        final List<String> join;

        Kind(String recipe, String description, String extension, boolean video, boolean playable,
                List<String> encode, List<String> join) {
            this.recipe = recipe;
            this.description = description;
            this.extension = extension;
            this.video = video;
            this.playable = playable;
            this.encode = encode;
            this.join = join;
        }

        String shortName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private BenchMedia() {
    }

    /** A recording of the kind, {@code minutes} long (a multiple of five), from the cache or made now. */
    static synchronized Path recording(Kind kind, int minutes) {
        if (minutes * 60 % SEGMENT_SECONDS != 0) {
            throw new IllegalArgumentException("Recordings are made of five-minute segments, not " + minutes + " min");
        }
        Path file = dir().resolve(kind.shortName() + "-" + minutes + "min-" + kind.recipe + "." + kind.extension);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path segment = segment(kind);
        Path list = dir().resolve(kind.shortName() + "-" + minutes + "min.concat.txt");
        write(list, String.join("", Collections.nCopies(minutes * 60 / SEGMENT_SECONDS,
                "file '" + segment.toString().replace("'", "'\\''") + "'\n")));
        List<String> command = new ArrayList<>(ffmpeg());
        command.addAll(List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-map", "0", "-c", "copy"));
        command.addAll(kind.join);
        return produce(command, file);
    }

    /** The first seconds of the kind's segment (stream copy), for the fixed costs of an ingest. */
    static synchronized Path clip(Kind kind, int seconds) {
        Path file = dir().resolve(kind.shortName() + "-" + seconds + "s-" + kind.recipe + "." + kind.extension);
        if (Files.isRegularFile(file)) {
            return file;
        }
        List<String> command = new ArrayList<>(ffmpeg());
        command.addAll(List.of("-i", segment(kind).toString(), "-t", Integer.toString(seconds), "-map", "0", "-c",
                "copy"));
        command.addAll(kind.join);
        return produce(command, file);
    }

    /** The five-minute segment of the kind. */
    private static Path segment(Kind kind) {
        Path file = dir().resolve("segment-" + kind.shortName() + "-" + kind.recipe + "." + kind.extension);
        if (Files.isRegularFile(file)) {
            return file;
        }
        List<String> command = new ArrayList<>(ffmpeg());
        if (kind.video) {
            String size = kind == Kind.MP4 ? "1280x720" : "640x360";
            command.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30:duration="
                    + SEGMENT_SECONDS));
        }
        command.addAll(List.of("-i", tone().toString(), "-t", Integer.toString(SEGMENT_SECONDS)));
        command.addAll(kind.encode);
        command.addAll(kind.join.subList(0, 2));
        return produce(command, file);
    }

    /** Five minutes of the speech-like sound, 48 kHz stereo PCM. */
    private static Path tone() {
        Path file = dir().resolve("tone-" + TONE_RECIPE + ".wav");
        if (Files.isRegularFile(file)) {
            return file;
        }
        List<String> command = new ArrayList<>(ffmpeg());
        command.addAll(List.of("-f", "lavfi", "-i", "aevalsrc=exprs=" + TONE + ":s=48000:d=" + SEGMENT_SECONDS,
                "-ac", "2", "-c:a", "pcm_s16le", "-f", "wav"));
        return produce(command, file);
    }

    /** Runs the command with a temporary output file, then renames it into place. */
    private static Path produce(List<String> command, Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        List<String> full = new ArrayList<>(command);
        full.add(partial.toString());
        Path log = dir().resolve("logs").resolve(file.getFileName() + ".log");
        System.out.println("[bench] making " + file.getFileName() + " with the ffmpeg command");
        long started = System.nanoTime();
        OwnedProcess.run(full, log, ENCODE_LIMIT);
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("[bench] made %s in %.1f s%n", file.getFileName(), (System.nanoTime() - started) / 1e9);
        return file;
    }

    private static List<String> ffmpeg() {
        return List.of(Tools.ffmpeg().path(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y");
    }

    private static Path dir() {
        return Bench.dir("bench-media");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
