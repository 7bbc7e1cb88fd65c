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
     * What an observer at part {@code from} can have: how many parts from there on are kept in a row (at most
     * {@code max}), and, when part {@code from} is not kept, the first part kept after it ({@code -1}: none), which
     * is where a live observation goes on after a part that never arrived. An observer asks every half second, so
     * this looks at that window, or makes one listing, never a read of every part.
     */
    Window window(long recordingId, int from, int max) throws IOException;

    /** See {@link LiveParts#window}. */
    record Window(int inARow, int firstKeptAfterGap) {
    }

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

        /** Looks at the window's files; with part {@code from} missing, lists the recording's folder once. */
        @Override
        public Window window(long recordingId, int from, int max) throws IOException {
            int count = 0;
            while (count < max && Files.isRegularFile(file(recordingId, from + count))) {
                count++;
            }
            if (count > 0 || max == 0) {
                return new Window(count, -1);
            }
            SortedSet<Integer> later = sequences(recordingId).tailSet(from + 1);
            return new Window(0, later.isEmpty() ? -1 : later.first());
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

        /**
         * One listing of at most {@code max} keys, from the part numbered {@code from}: with that part missing, the
         * first key listed is the first part kept after it.
         */
        @Override
        public Window window(long recordingId, int from, int max) throws IOException {
            if (max == 0) {
                return new Window(0, -1);
            }
            String after = from == 0 ? null : key(recordingId, from - 1);
            int count = 0;
            for (String key : files.keys(prefix(recordingId), after, max)) {
                if (count < max && key.equals(key(recordingId, from + count))) {
                    count++;
                    continue;
                }
                if (count == 0) {
                    Matcher m = KEY.matcher(key);
                    return new Window(0, m.matches() ? Integer.parseInt(key.substring(key.lastIndexOf('/') + 1))
                            : -1);
                }
                break;
            }
            return new Window(count, -1);
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
