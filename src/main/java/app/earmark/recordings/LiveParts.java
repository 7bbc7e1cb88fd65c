package app.earmark.recordings;

import app.earmark.recordings.media.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the parts of live recordings wait until the recording ends: on one machine a folder per recording under the
 * store's {@code incoming/} ({@code live-{id}/000001.part}); with several nodes the object store
 * ({@code live/{id}/000001}), so that any node accepts a part and any node puts the recording together.
 */
interface LiveParts {

    /** Keeps a received part (replacing one with the same number); the received file may be moved. */
    void put(long recordingId, int sequence, Path received) throws IOException;

    /** The numbers of the parts kept so far. */
    SortedSet<Integer> sequences(long recordingId) throws IOException;

    /**
     * How many parts from {@code from} on are kept in a row, at most {@code max}: looks only at that window (an
     * observer asks every half second), never at every part.
     */
    int inARow(long recordingId, int from, int max) throws IOException;

    /**
     * The number of the first part kept from {@code from} on, looking at most {@code within} numbers ahead; -1 if
     * none: where a live observation can go on after a part that never arrived.
     */
    int firstKept(long recordingId, int from, int within) throws IOException;

    /**
     * Copies one part to {@code out}.
     *
     * @throws NoSuchFileException if it is not (or no longer) kept
     */
    void copy(long recordingId, int sequence, OutputStream out) throws IOException;

    /** Removes every part of the recording. */
    void deleteAll(long recordingId) throws IOException;

    /** The recordings with parts kept: those recording now, and any left behind (a part stored just too late). */
    SortedSet<Long> recordingIds() throws IOException;

    static LiveParts in(Path incoming) {
        return new Folder(incoming);
    }

    static LiveParts in(SharedFiles files) {
        return new Shared(files);
    }

    /** A folder per recording on this machine. */
    record Folder(Path incoming) implements LiveParts {
        private static final Pattern PART = Pattern.compile("(\\d{6})\\.part");
        private static final Pattern DIR = Pattern.compile("live-(\\d+)");

        private Path dir(long recordingId) {
            return incoming.resolve("live-" + recordingId);
        }

        private Path file(long recordingId, int sequence) {
            return dir(recordingId).resolve(String.format("%06d.part", sequence));
        }

        @Override
        public void put(long recordingId, int sequence, Path received) throws IOException {
            Files.createDirectories(dir(recordingId));
            Files.move(received, file(recordingId, sequence), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public SortedSet<Integer> sequences(long recordingId) throws IOException {
            SortedSet<Integer> found = new TreeSet<>();
            if (!Files.isDirectory(dir(recordingId))) {
                return found;
            }
            try (var files = Files.list(dir(recordingId))) {
                files.forEach(f -> {
                    Matcher m = PART.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        found.add(Integer.parseInt(m.group(1)));
                    }
                });
            } catch (NoSuchFileException gone) {
                // removed meanwhile: none
            }
            return found;
        }

        @Override
        public int inARow(long recordingId, int from, int max) {
            int count = 0;
            while (count < max && Files.isRegularFile(file(recordingId, from + count))) {
                count++;
            }
            return count;
        }

        @Override
        public int firstKept(long recordingId, int from, int within) {
            for (int sequence = from; sequence < from + within; sequence++) {
                if (Files.isRegularFile(file(recordingId, sequence))) {
                    return sequence;
                }
            }
            return -1;
        }

        @Override
        public void copy(long recordingId, int sequence, OutputStream out) throws IOException {
            Files.copy(file(recordingId, sequence), out);
        }

        @Override
        public void deleteAll(long recordingId) throws IOException {
            Path dir = dir(recordingId);
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (var files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }

        @Override
        public SortedSet<Long> recordingIds() throws IOException {
            SortedSet<Long> found = new TreeSet<>();
            if (!Files.isDirectory(incoming)) {
                return found;
            }
            try (var entries = Files.list(incoming)) {
                entries.filter(Files::isDirectory).forEach(dir -> {
                    Matcher m = DIR.matcher(dir.getFileName().toString());
                    if (m.matches()) {
                        found.add(Long.parseLong(m.group(1)));
                    }
                });
            }
            return found;
        }
    }

    /** The object store, seen by every node. */
    record Shared(SharedFiles files) implements LiveParts {
        private static final Pattern KEY = Pattern.compile("live/(\\d+)/\\d{6}");

        private static String prefix(long recordingId) {
            return "live/" + recordingId + "/";
        }

        private static String key(long recordingId, int sequence) {
            return prefix(recordingId) + String.format("%06d", sequence);
        }

        @Override
        public void put(long recordingId, int sequence, Path received) throws IOException {
            files.put(key(recordingId, sequence), received);
        }

        @Override
        public SortedSet<Integer> sequences(long recordingId) throws IOException {
            SortedSet<Integer> found = new TreeSet<>();
            for (String key : files.keys(prefix(recordingId))) {
                String name = key.substring(key.lastIndexOf('/') + 1);
                if (name.matches("\\d{6}")) {
                    found.add(Integer.parseInt(name));
                }
            }
            return found;
        }

        /** One listing of at most {@code max} keys, from the part numbered {@code from}. */
        @Override
        public int inARow(long recordingId, int from, int max) throws IOException {
            String after = from == 0 ? null : key(recordingId, from - 1);
            int count = 0;
            for (String key : files.keys(prefix(recordingId), after, max)) {
                if (!key.equals(key(recordingId, from + count))) {
                    break;
                }
                count++;
            }
            return count;
        }

        /** One listing of one key, the first from the part numbered {@code from}. */
        @Override
        public int firstKept(long recordingId, int from, int within) throws IOException {
            String after = from == 0 ? null : key(recordingId, from - 1);
            for (String key : files.keys(prefix(recordingId), after, 1)) {
                String name = key.substring(key.lastIndexOf('/') + 1);
                if (name.matches("\\d{6}")) {
                    int sequence = Integer.parseInt(name);
                    return sequence < from + within ? sequence : -1;
                }
            }
            return -1;
        }

        @Override
        public void copy(long recordingId, int sequence, OutputStream out) throws IOException {
            try (InputStream in = files.open(key(recordingId, sequence))) {
                in.transferTo(out);
            }
        }

        @Override
        public void deleteAll(long recordingId) throws IOException {
            files.deleteAll(prefix(recordingId));
        }

        /** Lists every part's key: cheap while few recordings are live, so asked only now and then. */
        @Override
        public SortedSet<Long> recordingIds() throws IOException {
            SortedSet<Long> found = new TreeSet<>();
            for (String key : files.keys("live/")) {
                Matcher m = KEY.matcher(key);
                if (m.matches()) {
                    found.add(Long.parseLong(m.group(1)));
                }
            }
            return found;
        }
    }
}
