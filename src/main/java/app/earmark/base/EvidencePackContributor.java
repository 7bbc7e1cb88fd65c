package app.earmark.base;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * A module's part of an EQA evidence pack (recordings, sheets, AC maps, QA reviews, authentications ...).
 * The module that builds packs streams every contributor's files into one ZIP, in {@link #order()}, so it
 * needs no knowledge of the modules that contribute. Implementations are Spring beans and decide for
 * themselves what of the scope exists; they are called only after the caller's access to the scope has
 * been checked.
 */
public interface EvidencePackContributor {

    /** Where this contributor's files go among the others (lower first). */
    int order();

    /** The files this module holds for the scope; empty when it has none. */
    List<PackFile> files(PackScope scope);

    /**
     * What a pack covers: one learner, one unit (or all units when {@code unitId} is null), and the time
     * range of the evidence (either end may be null for open).
     */
    record PackScope(long learnerId, Long unitId, Instant from, Instant to) {
    }

    /**
     * One file of the pack.
     *
     * @param path      its path inside the pack, with forward slashes, e.g. {@code sheets/8580-502-v2.pdf}
     * @param mediaType its media type, for {@code manifest.json}
     * @param size      its size in bytes, or {@code -1} when it is only known once written
     * @param content   opens the bytes; called once, while the pack is streamed, and closed after
     */
    record PackFile(String path, String mediaType, long size, Content content) {
    }

    /** Opens a pack file's bytes (a stored file or something generated). */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }
}
