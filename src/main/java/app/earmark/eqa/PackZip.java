package app.earmark.eqa;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a ZIP in one pass, never holding more than a buffer: every entry stored (not compressed), its CRC-32 and
 * size (and its SHA-256, unless it is known already) computed while its bytes pass, and written after them in a data
 * descriptor and the central directory (ZIP64 where sizes or offsets need it). Nothing varies between two runs over
 * the same inputs (fixed entry times, no comments), and because entries are stored the length is known before a byte
 * is read ({@link #length}), which is what lets a download resume with a Range request.
 *
 * <p>Why not Apache Commons Compress ({@code ZipArchiveOutputStream})? Writing to a stream that cannot seek (the HTTP
 * response), it accepts a STORED entry only with its size <em>and CRC-32</em> set before the first byte ("crc
 * checksum is required for STORED method when not writing to a file"): it does not put stored entries' CRCs in data
 * descriptors. That would mean reading every recording twice (once for the CRC, once to send it), or compressing
 * (DEFLATED, whose length is not known ahead, so no Content-Length and no Range). The format written here is small
 * (local header, data descriptor, central directory, ZIP64 extras and end records) and is checked by independent
 * readers in {@code PackZipTest} (Info-ZIP's {@code unzip}/{@code zipinfo} and {@code java.util.zip.ZipFile}), packs
 * over 4 GiB included.
 */
final class PackZip {

    /**
     * One entry: its path, its size (exact), its bytes, its media type (for the manifest) and, for generated
     * contents, their SHA-256 (for the entity tag; null for stored files, whose path and size name them).
     */
    record Entry(String path, long size, Source source, String mediaType, String knownSha256, boolean generated) {

        /** A stored file's entry (not generated). */
        Entry(String path, long size, Source source, String mediaType, String knownSha256) {
            this(path, size, source, mediaType, knownSha256, false);
        }
    }

    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;

        /** Told the SHA-256 computed of every byte {@link #open} gave, for an entry without a known one. */
        default void hashed(String sha256) {
        }
    }

    /** What was written for an entry. */
    record Written(String path, long size, String sha256) {
    }

    /** Makes the last entries from the ones written before (manifest.json, SHA256SUMS); same length whatever the hashes. */
    @FunctionalInterface
    interface Trailer {
        List<Entry> after(List<Written> written);
    }

    private static final long MAX32 = 0xFFFFFFFFL;
    /** 01/01/2026 00:00 in MS-DOS form: the same for every entry and every run. */
    private static final int DOS_TIME = 0;
    private static final int DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
    private static final String ZERO_HASH = "0".repeat(64);

    private PackZip() {
    }

    /** The exact length of the ZIP {@link #write} makes of these entries and trailer. */
    static long length(List<Entry> entries, Trailer trailer) {
        try {
            return write(entries, trailer, null, true).length();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the ZIP to {@code out}.
     *
     * @return what was written, the trailer's entries last
     */
    static List<Written> write(List<Entry> entries, Trailer trailer, OutputStream out) throws IOException {
        return write(entries, trailer, out, false).written();
    }

    private record Result(List<Written> written, long length) {
    }

    /** Writes to {@code sink}, or with {@code dry} only counts (reading no entry's bytes, hashing nothing). */
    private static Result write(List<Entry> entries, Trailer trailer, OutputStream sink, boolean dry)
            throws IOException {
        Counting out = new Counting(sink);
        List<Central> central = new ArrayList<>();
        List<Written> written = new ArrayList<>();
        for (Entry entry : entries) {
            written.add(entry(entry, out, central, dry));
        }
        List<Written> first = dry ? written.stream().map(w -> new Written(w.path(), w.size(), ZERO_HASH)).toList()
                : List.copyOf(written);
        for (Entry entry : trailer.after(first)) {
            written.add(entry(entry, out, central, false));
        }
        long cdStart = out.count;
        for (Central c : central) {
            c.write(out);
        }
        long cdSize = out.count - cdStart;
        boolean zip64 = cdStart >= MAX32 || cdSize >= MAX32 || central.size() >= 0xFFFF;
        if (zip64) {
            long eocd64 = out.count;
            le32(out, 0x06064b50);
            le64(out, 44);
            le16(out, 45);
            le16(out, 45);
            le32(out, 0);
            le32(out, 0);
            le64(out, central.size());
            le64(out, central.size());
            le64(out, cdSize);
            le64(out, cdStart);
            le32(out, 0x07064b50);
            le32(out, 0);
            le64(out, eocd64);
            le32(out, 1);
        }
        le32(out, 0x06054b50);
        le16(out, 0);
        le16(out, 0);
        le16(out, (int) Math.min(central.size(), 0xFFFF));
        le16(out, (int) Math.min(central.size(), 0xFFFF));
        le32(out, Math.min(cdSize, MAX32));
        le32(out, Math.min(cdStart, MAX32));
        le16(out, 0);
        out.flush();
        return new Result(written, out.count);
    }

    private static Written entry(Entry entry, Counting out, List<Central> central, boolean dry) throws IOException {
        byte[] name = entry.path().getBytes(StandardCharsets.UTF_8);
        long offset = out.count;
        boolean big = entry.size() >= MAX32;
        le32(out, 0x04034b50);
        le16(out, big ? 45 : 20);
        le16(out, 0x0808);
        le16(out, 0);
        le16(out, DOS_TIME);
        le16(out, DOS_DATE);
        le32(out, 0);
        le32(out, big ? MAX32 : 0);
        le32(out, big ? MAX32 : 0);
        le16(out, name.length);
        le16(out, big ? 20 : 0);
        out.write(name);
        if (big) {
            le16(out, 1);
            le16(out, 16);
            le64(out, 0);
            le64(out, 0);
        }
        CRC32 crc = new CRC32();
        MessageDigest sha = entry.knownSha256() == null ? sha256() : null;
        long size = 0;
        if (dry) {
            out.count += entry.size();
            size = entry.size();
        } else {
            byte[] buffer = new byte[256 * 1024];
            try (InputStream in = entry.source().open()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    crc.update(buffer, 0, n);
                    if (sha != null) {
                        sha.update(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                    size += n;
                    if (size > entry.size()) {
                        break;
                    }
                }
            }
            if (size != entry.size()) {
                throw new IOException(entry.path() + " changed while the pack was written: " + size + " bytes, not "
                        + entry.size() + ".");
            }
        }
        le32(out, 0x08074b50);
        le32(out, crc.getValue());
        if (big) {
            le64(out, size);
            le64(out, size);
        } else {
            le32(out, size);
            le32(out, size);
        }
        central.add(new Central(name, crc.getValue(), size, offset));
        if (sha == null) {
            return new Written(entry.path(), size, entry.knownSha256());
        }
        String computed = HexFormat.of().formatHex(sha.digest());
        if (!dry) {
            entry.source().hashed(computed);
        }
        return new Written(entry.path(), size, computed);
    }

    /** A central directory record, written once every entry is. */
    private record Central(byte[] name, long crc, long size, long offset) {

        void write(Counting out) throws IOException {
            boolean bigSize = size >= MAX32;
            boolean bigOffset = offset >= MAX32;
            int extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
            le32(out, 0x02014b50);
            le16(out, (3 << 8) | 45);
            le16(out, bigSize || bigOffset ? 45 : 20);
            le16(out, 0x0808);
            le16(out, 0);
            le16(out, DOS_TIME);
            le16(out, DOS_DATE);
            le32(out, crc);
            le32(out, bigSize ? MAX32 : size);
            le32(out, bigSize ? MAX32 : size);
            le16(out, name.length);
            le16(out, extra == 0 ? 0 : extra + 4);
            le16(out, 0);
            le16(out, 0);
            le16(out, 0);
            le32(out, 0100644L << 16);
            le32(out, bigOffset ? MAX32 : offset);
            out.write(name);
            if (extra > 0) {
                le16(out, 1);
                le16(out, extra);
                if (bigSize) {
                    le64(out, size);
                    le64(out, size);
                }
                if (bigOffset) {
                    le64(out, offset);
                }
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void le16(OutputStream out, int v) throws IOException {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void le32(OutputStream out, long v) throws IOException {
        le16(out, (int) (v & 0xFFFF));
        le16(out, (int) ((v >>> 16) & 0xFFFF));
    }

    private static void le64(OutputStream out, long v) throws IOException {
        le32(out, v & MAX32);
        le32(out, v >>> 32);
    }

    /** Counts what passes (and, with no sink, only counts). */
    private static final class Counting extends OutputStream {
        private final OutputStream sink;
        long count;

        Counting() {
            this(null);
        }

        Counting(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            if (sink != null) {
                sink.write(b);
            }
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (sink != null) {
                sink.write(b, off, len);
            }
            count += len;
        }

        @Override
        public void flush() throws IOException {
            if (sink != null) {
                sink.flush();
            }
        }
    }
}
