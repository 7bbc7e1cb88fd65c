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
     * The audit subjects ({@code discussion:12}, {@code sheet:7} ...) of what this contributor put in the pack for
     * the scope, so that the audit trail's contributor can add the entries that concern them. None by default.
     */
    default java.util.Set<String> subjects(PackScope scope) {
        return java.util.Set.of();
    }

    /**
     * What a pack covers: one learner, one unit (or all units when {@code unitId} is null), and the time
     * range of the evidence (either end may be null for open).
     */
    record PackScope(long learnerId, Long unitId, Instant from, Instant to) {

        /** Whether evidence of this unit version is in scope. */
        public boolean coversUnit(long unit) {
            return unitId == null || unitId == unit;
        }

        /** Whether evidence of any of these unit versions is in scope. */
        public boolean coversAnyUnit(java.util.Collection<Long> units) {
            return unitId == null || units.contains(unitId);
        }

        /** Whether evidence dated at this instant is in scope ({@code from} inclusive, {@code to} exclusive). */
        public boolean covers(Instant dated) {
            return (from == null || !dated.isBefore(from)) && (to == null || dated.isBefore(to));
        }

        /** Whether evidence dated on this day (UTC) is in scope. */
        public boolean covers(java.time.LocalDate dated) {
            return covers(dated.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
    }

    /**
     * One file of the pack.
     *
     * @param path      its path inside the pack, with forward slashes, e.g. {@code sheets/8580-502-v2.pdf}
     * @param mediaType its media type, for {@code manifest.json}
     * @param size      its size in bytes, or {@code -1} when it is only known once written
     * @param content   opens the bytes; called once, while the pack is streamed, and closed after
     * @param sha256    the SHA-256 of exactly these bytes when the module already knows it (a stored original's
     *                  address, a hash remembered beside a stored file), or null to have it computed while the pack
     *                  streams; a known one goes into the manifest and {@code SHA256SUMS} as it is, so
     *                  {@code sha256sum -c} then checks the bytes sent against it
     */
    record PackFile(String path, String mediaType, long size, Content content, String sha256) {

        public PackFile {
            if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("Not a SHA-256 in lower-case hex for " + path + ": " + sha256);
            }
        }

        /** A file whose SHA-256 is computed while the pack streams. */
        public PackFile(String path, String mediaType, long size, Content content) {
            this(path, mediaType, size, content, null);
        }
    }

    /** Opens a pack file's bytes (a stored file or something generated). */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;

        /**
         * Told the SHA-256 the pack computed of all the bytes {@link #open} gave (only for a file without a known
         * one, and only once every byte has passed), e.g. to remember it beside the stored file. Nothing by default.
         */
        default void hashed(String sha256) {
        }
    }
}
