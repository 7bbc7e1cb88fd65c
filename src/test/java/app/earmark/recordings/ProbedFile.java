package app.earmark.recordings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A media file as Debian's ffprobe reads it (another FFmpeg than Earmark's, so an independent reader): its chapters,
 * and its streams with their packets counted.
 */
public record ProbedFile(List<Chapter> chapters, List<Stream> streams) {

    private static final String FFPROBE = "/usr/bin/ffprobe";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Chapter(long startMs, long endMs, String title) {
    }

    /** @param packets how many packets ffprobe read */
    public record Stream(String type, String codec, long packets) {
    }

    public static ProbedFile of(Path file) {
        try {
            Path out = Files.createTempFile("ffprobe", ".json");
            Path err = Files.createTempFile("ffprobe", ".err");
            try {
                Process process = new ProcessBuilder(FFPROBE, "-v", "error", "-count_packets", "-show_chapters",
                        "-show_streams", "-of", "json", file.toString())
                        .redirectInput(new File("/dev/null")).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("ffprobe did not finish reading " + file);
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("ffprobe could not read " + file + ": " + Files.readString(err));
                }
                return parse(JSON.readTree(out.toFile()));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sound and picture streams, without a chapter track (which ffprobe lists as a data stream). */
    public List<Stream> media() {
        return streams.stream().filter(s -> s.type().equals("audio") || s.type().equals("video")).toList();
    }

    private static ProbedFile parse(JsonNode root) {
        List<Chapter> chapters = new ArrayList<>();
        for (JsonNode chapter : root.path("chapters")) {
            chapters.add(new Chapter(millis(chapter.path("start_time").asText()),
                    millis(chapter.path("end_time").asText()), chapter.path("tags").path("title").asText(null)));
        }
        List<Stream> streams = new ArrayList<>();
        for (JsonNode stream : root.path("streams")) {
            streams.add(new Stream(stream.path("codec_type").asText(), stream.path("codec_name").asText(),
                    stream.path("nb_read_packets").asLong(-1)));
        }
        return new ProbedFile(chapters, streams);
    }

    private static long millis(String seconds) {
        return Math.round(Double.parseDouble(seconds) * 1000);
    }
}
