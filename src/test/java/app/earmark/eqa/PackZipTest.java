package app.earmark.eqa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ZIP writer alone: its length known ahead, the same bytes every time, read back by Java and by unzip. */
class PackZipTest {

    @Test
    void theLengthIsKnownAheadAndTheBytesAreTheSameEveryTime(@TempDir java.nio.file.Path dir) throws Exception {
        List<PackZip.Entry> entries = List.of(entry("a/one.txt", "first file"), entry("b/two.bin", "x".repeat(70_000)));
        PackZip.Trailer trailer = written -> List.of(entry("SUMS", String.join("\n", written.stream()
                .map(w -> w.sha256() + "  " + w.path()).toList()) + "\n"));
        long length = PackZip.length(entries, trailer);
        var first = new ByteArrayOutputStream();
        var written = PackZip.write(entries, trailer, first);
        var second = new ByteArrayOutputStream();
        PackZip.write(entries, trailer, second);

        assertThat(first.size()).isEqualTo(length);
        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
        assertThat(written).extracting(PackZip.Written::path).containsExactly("a/one.txt", "b/two.bin", "SUMS");
        java.nio.file.Path zip = java.nio.file.Files.write(dir.resolve("t.zip"), first.toByteArray());
        try (ZipFile read = new ZipFile(zip.toFile())) {
            assertThat(new String(read.getInputStream(read.getEntry("a/one.txt")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("first file");
            assertThat(read.getEntry("b/two.bin").getMethod()).isEqualTo(java.util.zip.ZipEntry.STORED);
        }
        var test = EvidencePacksTest.run(dir, "unzip", "-t", zip.toString());
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("No errors detected");
    }

    private static PackZip.Entry entry(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new PackZip.Entry(path, bytes.length, () -> new ByteArrayInputStream(bytes), "text/plain", null);
    }
}
