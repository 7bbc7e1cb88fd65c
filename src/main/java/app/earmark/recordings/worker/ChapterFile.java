package app.earmark.recordings.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The chapters job's input file: a JSON array of {@link ChapterMark}s. The web application writes it; the worker reads
 * it, and refuses a file larger than any sane chapter list before parsing it.
 */
public final class ChapterFile {

    static final long MAX_BYTES = 4L * 1024 * 1024;

    private ChapterFile() {
    }

    public static void write(Path file, List<ChapterMark> chapters) {
        try {
            WorkerJson.MAPPER.writeValue(file.toFile(), chapters);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the chapter list " + file, e);
        }
    }

    static List<ChapterMark> read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("The chapter list " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        List<ChapterMark> chapters = WorkerJson.MAPPER.readValue(file.toFile(), new TypeReference<List<ChapterMark>>() {
        });
        return List.copyOf(chapters);
    }
}
