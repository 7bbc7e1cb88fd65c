package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.media.SharedFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where live recordings' parts wait: the recordings that have some, in a folder and in the object store's keys. */
class LivePartsTest {

    @TempDir
    Path dir;

    @Test
    void theRecordingsWithPartsInTheFolderAreTheFoldersOfParts() throws IOException {
        Path incoming = Files.createDirectories(dir.resolve("incoming"));
        LiveParts parts = LiveParts.in(incoming);
        parts.put(7, 0, part("a"));
        parts.put(12, 3, part("b"));
        Files.createTempFile(incoming, "live-9-part-", ".tmp"); // a part still arriving: not a recording's folder
        Files.createDirectories(incoming.resolve("live-x"));

        assertThat(parts.recordingIds()).containsExactly(7L, 12L);

        parts.deleteAll(7);
        assertThat(parts.recordingIds()).containsExactly(12L);
    }

    @Test
    void theRecordingsWithPartsInTheObjectStoreAreReadFromThePartsKeys() throws IOException {
        var files = new KeysOnly();
        LiveParts parts = LiveParts.in(files);
        parts.put(7, 0, part("a"));
        parts.put(7, 1, part("b"));
        parts.put(12, 3, part("c"));
        files.stored.put("live/readme", "");
        files.stored.put("evidence/ab12", "");

        assertThat(parts.recordingIds()).containsExactly(7L, 12L);

        parts.deleteAll(12);
        assertThat(parts.recordingIds()).containsExactly(7L);
    }

    @Test
    void aWindowHasThePartsInARowOrTheFirstKeptAfterAGapInTheFolderAndInTheObjectStore() throws IOException {
        for (LiveParts parts : List.of(LiveParts.in(Files.createDirectories(dir.resolve("incoming"))),
                LiveParts.in(new KeysOnly()))) {
            for (int sequence : new int[] {0, 1, 2, 4, 90}) {
                parts.put(7, sequence, part("p" + sequence));
            }
            parts.put(8, 3, part("another recording's"));

            assertThat(parts.window(7, 0, 15)).as("%s: in a row up to the gap", parts)
                    .isEqualTo(new LiveParts.Window(3, -1));
            assertThat(parts.window(7, 1, 1)).as("%s: at most max", parts).isEqualTo(new LiveParts.Window(1, -1));
            assertThat(parts.window(7, 3, 15)).as("%s: part 3 missing, 4 kept", parts)
                    .isEqualTo(new LiveParts.Window(0, 4));
            assertThat(parts.window(7, 4, 15)).isEqualTo(new LiveParts.Window(1, -1));
            assertThat(parts.window(7, 5, 15)).as("%s: a gap of 85 parts", parts)
                    .isEqualTo(new LiveParts.Window(0, 90));
            assertThat(parts.window(7, 91, 15)).as("%s: nothing after the newest", parts)
                    .isEqualTo(new LiveParts.Window(0, -1));
            assertThat(parts.window(7, 3, 0)).as("%s: nothing asked", parts).isEqualTo(new LiveParts.Window(0, -1));
            assertThat(parts.window(9, 0, 15)).as("%s: no parts at all", parts)
                    .isEqualTo(new LiveParts.Window(0, -1));
        }
    }

    private Path part(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "part", ".tmp"), text);
    }

    /** Keys and their text in memory: enough for what LiveParts asks of the store. */
    private static final class KeysOnly implements SharedFiles {
        final TreeMap<String, String> stored = new TreeMap<>();

        @Override
        public void put(String key, Path file) throws IOException {
            stored.put(key, Files.readString(file));
        }

        @Override
        public InputStream open(String key) throws IOException {
            if (!stored.containsKey(key)) {
                throw new NoSuchFileException(key);
            }
            return new ByteArrayInputStream(stored.get(key).getBytes());
        }

        @Override
        public boolean contains(String key) {
            return stored.containsKey(key);
        }

        @Override
        public List<String> keys(String prefix) {
            return stored.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        }

        @Override
        public List<String> keys(String prefix, String after, int max) {
            return stored.keySet().stream()
                    .filter(k -> k.startsWith(prefix) && (after == null || k.compareTo(after) > 0)).limit(max).toList();
        }

        @Override
        public void deleteAll(String prefix) {
            stored.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }
}
