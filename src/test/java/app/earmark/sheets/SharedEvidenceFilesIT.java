package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import app.earmark.recordings.media.S3MediaStore;
import app.earmark.recordings.media.S3Properties;
import app.earmark.recordings.media.S3ProxyServer;
import app.earmark.recordings.media.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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

    private final List<S3MediaStore> stores = new ArrayList<>();

    @AfterEach
    void closeStores() {
        stores.forEach(S3MediaStore::close);
    }

    private S3MediaStore store(String name) {
        var store = new S3MediaStore(S3ProxyServer.shared().properties(root.resolve(name + "/cache"),
                S3Properties.Streaming.PROXY));
        stores.add(store);
        return store;
    }

    private EvidenceFiles node(String name, SharedFiles files) {
        var beans = new StaticListableBeanFactory(Map.of("files", files));
        return new EvidenceFiles(new EarmarkProperties(root.resolve(name + "/data"), root.resolve(name + "/media"),
                false), beans.getBeanProvider(SharedFiles.class));
    }

    @Test
    void aFileAttachedOnOneNodeIsReadOnAnother() {
        byte[] pdf = ("%PDF-1.7 result sheet " + root).getBytes();
        var puts = new CountingPuts(store("a"));
        EvidenceFiles a = node("a", puts);
        String sha = a.put(pdf);

        assertThat(sha).isEqualTo(Hashing.sha256Hex(pdf));
        assertThat(node("b", store("b")).get(sha)).isEqualTo(pdf);
        assertThat(Files.exists(root.resolve("a/data/evidence"))).as("nothing kept on the node").isFalse();
        assertThat(puts.count).isEqualTo(1);
        a.put(pdf);
        assertThat(puts.count).as("the same bytes stored once").isEqualTo(1);
    }

    @Test
    void aFileChangedInTheBucketIsRefused() {
        byte[] pdf = ("%PDF-1.7 changed " + root).getBytes();
        String sha = node("a", store("a")).put(pdf);
        try (var client = S3ProxyServer.shared().client(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL)) {
            client.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key("evidence/" + sha),
                    RequestBody.fromString("tampered"));
        }
        assertThatThrownBy(() -> node("b", store("b")).get(sha)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has changed since it was stored");
    }

    /** The node's store, counting what is put into it. */
    private static final class CountingPuts implements SharedFiles {
        private final SharedFiles files;
        private int count;

        CountingPuts(SharedFiles files) {
            this.files = files;
        }

        @Override
        public void put(String key, Path file) throws IOException {
            count++;
            files.put(key, file);
        }

        @Override
        public InputStream open(String key) throws IOException {
            return files.open(key);
        }

        @Override
        public boolean contains(String key) throws IOException {
            return files.contains(key);
        }

        @Override
        public List<String> keys(String prefix) throws IOException {
            return files.keys(prefix);
        }

        @Override
        public List<String> keys(String prefix, String after, int max) throws IOException {
            return files.keys(prefix, after, max);
        }

        @Override
        public void deleteAll(String prefix) throws IOException {
            files.deleteAll(prefix);
        }
    }
}
