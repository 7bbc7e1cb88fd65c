package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking up a browser's WebM at a cluster, as a live observation does after a part that never arrived. */
class WebmClustersTest {

    @TempDir
    Path dir;

    @Test
    void passesOnFromTheFirstClusterWhereverTheWritesCutItsId() throws IOException {
        byte[] webm = Files.readAllBytes(TestMedia.webmOpusOnly(dir, 3));
        int first = indexOf(webm, WebmClusters.CLUSTER_ID, 0);
        assertThat(first).as("a cluster in the test file").isPositive();
        // From the middle of a cluster (where a part of a live recording may start) to the next cluster.
        int from = first + 20;
        int next = indexOf(webm, WebmClusters.CLUSTER_ID, from);
        assertThat(next).as("a second cluster").isGreaterThan(from);

        for (int split = 1; split <= 4; split++) {
            var out = new ByteArrayOutputStream();
            var filter = new WebmClusters.FromFirstCluster(() -> out);
            // Written in two pieces, cut after 1, 2 or 3 bytes of the cluster's ID (inside it), or after all 4.
            int cut = next + split;
            filter.write(webm, from, cut - from);
            filter.write(webm, cut, webm.length - cut);

            assertThat(filter.found()).isTrue();
            assertThat(out.toByteArray()).as("cut after %d bytes of the ID", split)
                    .isEqualTo(Arrays.copyOfRange(webm, next, webm.length));
        }
    }

    @Test
    void opensNothingWithoutACluster() throws IOException {
        var filter = new WebmClusters.FromFirstCluster(() -> {
            throw new AssertionError("opened");
        });
        filter.write(new byte[] {0x1F, 0x43, (byte) 0xB6, 0x74, 0x1F, 0x1F, 0x43, 0x00, 0x1F, 0x43, (byte) 0xB6});

        assertThat(filter.found()).isFalse();
    }

    @Test
    void findsAnIdThatStartsRightAfterAFalseStart() throws IOException {
        var out = new ByteArrayOutputStream();
        var filter = new WebmClusters.FromFirstCluster(() -> out);
        filter.write(new byte[] {0x1F, 0x43, 0x1F, 0x43, (byte) 0xB6, 0x75, 9});

        assertThat(out.toByteArray()).containsExactly(0x1F, 0x43, 0xB6, 0x75, 9);
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
