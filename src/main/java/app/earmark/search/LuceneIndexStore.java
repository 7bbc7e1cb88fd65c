package app.earmark.search;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The embedded engine's indexes: one folder per index under {@code earmark.data-dir/search} ({@code v1-…}), and
 * {@code indexes.properties} naming the live one and the one being built (written to a temporary file and moved
 * into place atomically). An index written before versions were kept (segments directly in the folder) is version 1
 * and named "" until a rebuild replaces it.
 */
final class LuceneIndexStore implements IndexStore {

    /**
     * Bump whenever the Lucene document fields or analysis change: a rebuild follows at start-up. 2: the numeric
     * {@code learner_id} of the fast access filter, and an AC also keyed by its unit's own number ({@code 502/2.3}
     * for {@code 8580-502/2.3}).
     */
    static final int MAPPING_VERSION = 2;
    static final String LAYOUT_FILE = "indexes.properties";

    private final Path base;

    LuceneIndexStore(Path base) {
        this.base = base;
    }

    @Override
    public int mappingVersion() {
        return MAPPING_VERSION;
    }

    @Override
    public String engine() {
        return "lucene";
    }

    @Override
    public synchronized Layout layout() {
        Path file = base.resolve(LAYOUT_FILE);
        if (!Files.exists(file)) {
            return hasSegments(base) ? new Layout("", 1, null) : new Layout(null, 0, null);
        }
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw unavailable(e);
        }
        String live = properties.getProperty("live");
        String building = properties.getProperty("building");
        return new Layout(live, IndexStore.versionOf(live), building);
    }

    private static boolean hasSegments(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String live, String building) {
        var properties = new Properties();
        if (live != null) {
            properties.setProperty("live", live);
        }
        if (building != null) {
            properties.setProperty("building", building);
        }
        try {
            Files.createDirectories(base);
            Path temporary = base.resolve(LAYOUT_FILE + ".new");
            try (Writer out = Files.newBufferedWriter(temporary)) {
                properties.store(out, "Earmark search indexes: the live one answers, the one building replaces it");
            }
            Files.move(temporary, base.resolve(LAYOUT_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private Path folder(String name) {
        return name.isEmpty() ? base : base.resolve(name);
    }

    @Override
    public SearchIndex open(String name) {
        return new LuceneSearchIndex(folder(name));
    }

    @Override
    public synchronized void create(String name, boolean live) {
        try {
            Files.createDirectories(folder(name));
        } catch (IOException e) {
            throw unavailable(e);
        }
        write(live ? name : layout().live(), name);
    }

    @Override
    public synchronized void switchTo(String name, String previous) {
        write(name, null);
    }

    @Override
    public synchronized void drop(String name) {
        Path folder = folder(name);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try {
            if (name.isEmpty()) {
                // The unversioned index: its files only, not the versioned folders beside them.
                try (DirectoryStream<Path> files = Files.newDirectoryStream(base, Files::isRegularFile)) {
                    for (Path file : files) {
                        if (!file.getFileName().toString().startsWith(LAYOUT_FILE)) {
                            Files.delete(file);
                        }
                    }
                }
                return;
            }
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private SearchException.Unavailable unavailable(IOException e) {
        return new SearchException.Unavailable("The search indexes in " + base.toAbsolutePath() + " cannot be read"
                + " or written: " + e.getMessage(), e);
    }

    @Override
    public void close() {
    }
}
