package app.earmark.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an engine keeps its indexes, by name ({@code v<mapping version>-<build>}), and its own record of which one
 * answers searches (live) and which one is being built, so both survive a restart: a properties file beside the
 * Lucene folders, the alias and a {@code -building} alias on Elasticsearch. {@link SearchIndexes} drives it.
 */
interface IndexStore extends AutoCloseable {

    /** The mapping version this code builds (bumped whenever fields or analysis change). */
    int mappingVersion();

    /** The engine's name ("lucene", "elasticsearch"). */
    String engine();

    /** Which index is live and which is being built, as the engine records it (read afresh each time). */
    Layout layout();

    /** An index of this store by name (created before with {@link #create}). */
    SearchIndex open(String name);

    /**
     * Creates an empty index for the current mapping version and records it as being built; when {@code live},
     * also as the live one (nothing answers yet: a fresh install).
     */
    void create(String name, boolean live);

    /**
     * Called when every subject is in the index being built, before it is switched in: an engine that fills a new
     * index with its refreshes and replicas off puts them back here. Nothing to do by default.
     */
    default void built(String name) {
    }

    /** Makes a built index the live one in one atomic step ({@code previous} stops answering). */
    void switchTo(String name, String previous);

    /** Removes an index that no longer answers (nothing happens when it is not there). */
    void drop(String name);

    @Override
    void close();

    /**
     * What an engine holds.
     *
     * @param live        the index that answers, or null when there is none yet
     * @param liveVersion its mapping version (0 when none)
     * @param building    the index being built, or null; equal to {@code live} when a fresh install builds its first
     */
    record Layout(String live, int liveVersion, String building) {
    }

    Pattern NAME = Pattern.compile("v(\\d+)(-[a-z0-9]+)?");

    /** The mapping version of an index named {@code v<N>-<build>} ({@code v1} on an unversioned index). */
    static int versionOf(String name) {
        if (name == null) {
            return 0;
        }
        Matcher m = NAME.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** A new index name for the mapping version, unique to this build. */
    static String newName(int mappingVersion) {
        return "v" + mappingVersion + "-" + Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(36 * 36), 36);
    }
}
