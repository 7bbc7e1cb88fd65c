package app.earmark.eqa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack over 4 GiB, which needs ZIP64 (an entry's size, later entries' offsets and the central directory's offset do
 * not fit 32 bits): written by {@link PackZip} onto a sparse file (runs of zeros are skipped, not written, so it takes
 * little disk) and read by independent readers, Info-ZIP's {@code unzip} and {@code zipinfo} (Debian's) and
 * {@link ZipFile}.
 */
class PackZip64Test {

    /** Over 4 GiB: its size needs ZIP64, and so do the offsets of everything after it. */
    static final long BIG = (1L << 32) + 65_536;
    /** {@code head -c 4295032832 /dev/zero | sha256sum}: given as known, as a stored file's hash is, so not recomputed. */
    static final String ZEROS_SHA256 = "bba36e59cfe7128ca94bcdd249819426b61b38eb289784e98d245a8356263607";
    /** CRC-32 of those zeros, computed with Python's {@code zlib.crc32}. */
    static final long ZEROS_CRC = 0xe50d43f3L;
    static final String AFTER = "the first file after 4 GiB\n";

    @Test
    void aPackOver4GiBIsAValidZip64ThatUnzipZipinfoAndJavaRead(@TempDir Path dir) throws Exception {
        List<PackZip.Entry> entries = List.of(text("first.txt", "the first file\n"),
                new PackZip.Entry("recordings/zeros.bin", BIG, () -> zeros(BIG), "application/octet-stream",
                        ZEROS_SHA256),
                text("recordings/after.txt", AFTER));
        PackZip.Trailer trailer = written -> List.of(text("SHA256SUMS", String.join("", written.stream()
                .map(w -> w.sha256() + "  " + w.path() + "\n").toList())));
        long length = PackZip.length(entries, trailer);
        Path zip = dir.resolve("big.zip");
        List<PackZip.Written> written;
        try (SparseFile out = new SparseFile(zip)) {
            written = PackZip.write(entries, trailer, out);
        }

        assertThat(Files.size(zip)).as("PackZip.length() is the file's size").isEqualTo(length).isGreaterThan(BIG);
        assertThat(written).extracting(PackZip.Written::size).containsExactly(15L, BIG, (long) AFTER.length(),
                written.get(3).size());
        assertThat(written.get(1).sha256()).isEqualTo(ZEROS_SHA256);

        // Where each local header must be: 30 bytes + name (+ a 20-byte ZIP64 extra for the big entry), the data, then
        // a data descriptor of 16 bytes (24 with ZIP64 sizes).
        long zerosAt = 30 + 9 + 15 + 16;
        long afterAt = zerosAt + 30 + "recordings/zeros.bin".length() + 20 + BIG + 24;
        long sumsAt = afterAt + 30 + "recordings/after.txt".length() + AFTER.length() + 16;

        Run zipinfo = run(dir, "zipinfo", "-v", zip.toString());
        assertThat(zipinfo.exit()).as(zipinfo.output()).isZero();
        assertThat(offsets(zipinfo.output())).containsExactly(0L, zerosAt, afterAt, sumsAt);
        assertThat(zipinfo.output()).containsPattern("uncompressed size:\\s+" + BIG + " bytes");

        Run list = run(dir, "unzip", "-l", zip.toString());
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output()).containsPattern("\\s" + BIG + "\\s+\\S+ \\S+\\s+recordings/zeros\\.bin")
                .contains("4 files");

        // The entries after 4 GiB, found through the ZIP64 end records and offsets, with their CRCs checked. (The big
        // entry's 4 GiB are not read through here, to keep the test fast; Java reads its end below, and its CRC in
        // the central directory is checked against one computed elsewhere.)
        Run test = run(dir, "unzip", "-t", zip.toString(), "first.txt", "recordings/after.txt", "SHA256SUMS");
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("testing: recordings/after.txt", "No errors detected");

        Run after = run(dir, "unzip", "-p", zip.toString(), "recordings/after.txt");
        assertThat(after.output()).isEqualTo(AFTER);

        try (ZipFile read = new ZipFile(zip.toFile())) {
            assertThat(Collections.list(read.entries())).extracting(ZipEntry::getName).containsExactly("first.txt",
                    "recordings/zeros.bin", "recordings/after.txt", "SHA256SUMS");
            ZipEntry zeros = read.getEntry("recordings/zeros.bin");
            assertThat(zeros.getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zeros.getSize()).isEqualTo(BIG);
            assertThat(zeros.getCompressedSize()).isEqualTo(BIG);
            assertThat(zeros.getCrc()).isEqualTo(ZEROS_CRC);
            try (InputStream in = read.getInputStream(zeros)) {
                in.skipNBytes(BIG - 16);
                assertThat(in.readAllBytes()).containsExactly(new byte[16]);
            }
            assertThat(new String(read.getInputStream(read.getEntry("recordings/after.txt")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo(AFTER);
            assertThat(new String(read.getInputStream(read.getEntry("SHA256SUMS")).readAllBytes(),
                    StandardCharsets.UTF_8)).contains(ZEROS_SHA256 + "  recordings/zeros.bin\n");
        }
    }

    private static List<Long> offsets(String zipinfo) {
        Matcher m = Pattern.compile("offset of local header from start of archive:\\s+(\\d+)").matcher(zipinfo);
        List<Long> offsets = new ArrayList<>();
        while (m.find()) {
            offsets.add(Long.parseLong(m.group(1)));
        }
        return offsets;
    }

    private static PackZip.Entry text(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new PackZip.Entry(path, bytes.length, () -> new ByteArrayInputStream(bytes), "text/plain", null);
    }

    /** {@code size} zero bytes, made as they are read. */
    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    /**
     * Writes at a position of its own in the file, skipping (seeking over) every write that is all zeros, so the file
     * is sparse where they were; the last byte is written in any case, so the file has its full length.
     */
    private static final class SparseFile extends OutputStream {
        private static final byte[] ZEROS = new byte[1 << 20];
        private final FileChannel channel;
        private long position;
        private boolean lastSkipped;

        SparseFile(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SPARSE);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (allZero(b, off, len)) {
                lastSkipped = len > 0 || lastSkipped;
            } else {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                long at = position;
                while (buffer.hasRemaining()) {
                    at += channel.write(buffer, at);
                }
                lastSkipped = false;
            }
            position += len;
        }

        private static boolean allZero(byte[] b, int off, int len) {
            for (int from = off; from < off + len; from += ZEROS.length) {
                int n = Math.min(ZEROS.length, off + len - from);
                if (Arrays.mismatch(b, from, from + n, ZEROS, 0, n) >= 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            try {
                if (lastSkipped) {
                    channel.write(ByteBuffer.wrap(new byte[1]), position - 1);
                }
            } finally {
                channel.close();
            }
        }
    }

    record Run(int exit, String output) {
    }

    private static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "run", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as(String.join(" ", command))
                .isTrue();
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
