package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import app.earmark.recordings.media.S3MediaStore;
import app.earmark.recordings.media.S3Properties;
import app.earmark.recordings.media.S3ProxyServer;
import app.earmark.recordings.media.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Evidence attachments when the media store is a bucket (a real S3Proxy): stored by one node, read by another (its own
 * cache and data folder), nothing written to the node's {@code data-dir/evidence}; a changed object is refused.
 */
class SharedEvidenceFilesIT {

    @TempDir
    Path root;

    private EvidenceFiles node(String name) {
        var store = new S3MediaStore(S3ProxyServer.shared().properties(root.resolve(name + "/cache"),
                S3Properties.Streaming.PROXY));
        var beans = new StaticListableBeanFactory(Map.of("store", store));
        return new EvidenceFiles(new EarmarkProperties(root.resolve(name + "/data"), root.resolve(name + "/media"),
                false), beans.getBeanProvider(SharedFiles.class));
    }

    @Test
    void aFileAttachedOnOneNodeIsReadOnAnother() {
        byte[] pdf = ("%PDF-1.7 result sheet " + root).getBytes();
        String sha = node("a").put(pdf);

        assertThat(sha).isEqualTo(Hashing.sha256Hex(pdf));
        assertThat(node("b").get(sha)).isEqualTo(pdf);
        assertThat(Files.exists(root.resolve("a/data/evidence"))).as("nothing kept on the node").isFalse();
        assertThat(node("a").put(pdf)).as("the same bytes stored once").isEqualTo(sha);
    }

    @Test
    void aFileChangedInTheBucketIsRefused() {
        byte[] pdf = ("%PDF-1.7 changed " + root).getBytes();
        String sha = node("a").put(pdf);
        try (var client = S3ProxyServer.shared().client(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL)) {
            client.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key("evidence/" + sha),
                    RequestBody.fromString("tampered"));
        }
        assertThatThrownBy(() -> node("b").get(sha)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has changed since it was stored");
    }
}
