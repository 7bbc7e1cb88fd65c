package app.earmark.bench;

import app.earmark.recordings.ChapteredCopies.Chapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference for a chaptered copy: the {@code ffmpeg} command remuxing the rendition with the chapters from an
 * FFMETADATA file, {@code -map 0 -map_chapters 1 -c copy -movflags +faststart}. Each run's time includes starting
 * the process, as Earmark's includes starting its worker JVM.
 */
final class CliChapters {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private CliChapters() {
    }

    /** The command as the report shows it ({@code IN}, {@code chapters.ffmeta}, {@code OUT.mp4}). */
    static String command() {
        return String.join(" ", command(Path.of("IN"), Path.of("chapters.ffmeta"), Path.of("OUT.mp4"), -1));
    }

    /** The same, with the index written into reserved room instead of {@code +faststart} (for comparison only). */
    static String reservedCommand() {
        return String.join(" ", command(Path.of("IN"), Path.of("chapters.ffmeta"), Path.of("OUT.mp4"), 0));
    }

    /**
     * Runs the command and returns its wall time in seconds.
     *
     * @param reservedIndexBytes room for the index ({@code -moov_size}), or -1 for {@code +faststart}
     */
    static double run(Path input, Path metadata, Path output, long reservedIndexBytes) {
        delete(output);
        long started = System.nanoTime();
        OwnedProcess.run(command(input, metadata, output, reservedIndexBytes),
                Bench.dir("bench-cli-logs").resolve("chapters.log"), LIMIT);
        return (System.nanoTime() - started) / 1e9;
    }

    /** Writes the chapters as an FFMETADATA file, times in milliseconds. */
    static Path metadata(Path file, List<Chapter> chapters) {
        StringBuilder text = new StringBuilder(";FFMETADATA1\n");
        for (Chapter chapter : chapters) {
            text.append("[CHAPTER]\nTIMEBASE=1/1000\nSTART=").append(chapter.startMs()).append("\nEND=")
                    .append(chapter.endMs()).append("\ntitle=").append(escape(chapter.title())).append('\n');
        }
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(Path input, Path metadata, Path output, long reservedIndexBytes) {
        List<String> command = new ArrayList<>(List.of(Tools.ffmpeg().path(), "-nostdin", "-v", "error", "-y", "-i",
                input.toString(), "-i", metadata.toString(), "-map", "0", "-map_chapters", "1", "-c", "copy"));
        if (reservedIndexBytes < 0) {
            command.addAll(List.of("-movflags", "+faststart"));
        } else {
            command.addAll(List.of("-moov_size", reservedIndexBytes == 0 ? "R" : Long.toString(reservedIndexBytes)));
        }
        command.add(output.toString());
        return command;
    }

    /** FFMETADATA escapes '=', ';', '#', '\' and line breaks with a backslash. */
    private static String escape(String value) {
        return value.replaceAll("([=;#\\\\\\n])", "\\\\$1");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
