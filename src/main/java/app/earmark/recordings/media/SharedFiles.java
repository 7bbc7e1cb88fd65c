package app.earmark.recordings.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Files every node must be able to read that are not media of a recording: the chunks of tus uploads in progress, the
 * parts of live recordings and evidence attachments. Provided by the object store ({@link S3MediaStore}); with the
 * folder store (one machine) these stay in their local folders and no bean of this type exists.
 *
 * <p>Keys are paths of letters, digits, '.', '_', '-' and '/', under {@code incoming/}, {@code live/} or
 * {@code evidence/}. A file appears whole or not at all; putting a key again replaces it.
 */
public interface SharedFiles {

    /**
     * The key of an evidence attachment, by the SHA-256 of its bytes: the one place the key is made, for the evidence
     * files and for the migration from the folder store.
     */
    static String evidenceKey(String sha256) {
        return "evidence/" + sha256;
    }

    /** Stores the file's bytes under the key (in parts when it is large, never held in memory). The file is kept. */
    void put(String key, Path file) throws IOException;

    /**
     * The stored bytes, to be closed by the caller.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is stored under the key
     */
    InputStream open(String key) throws IOException;

    /** Whether something is stored under the key. */
    boolean contains(String key) throws IOException;

    /** The keys that start with the prefix, in lexical order. */
    List<String> keys(String prefix) throws IOException;

    /**
     * At most {@code max} of the keys that start with the prefix and sort after {@code after} ({@code null}: from the
     * first), in lexical order: one listing request, for reading a window of a long series without listing all of it.
     */
    List<String> keys(String prefix, String after, int max) throws IOException;

    /** Removes everything whose key starts with the prefix (a prefix ending in '/'); nothing stored does nothing. */
    void deleteAll(String prefix) throws IOException;
}
