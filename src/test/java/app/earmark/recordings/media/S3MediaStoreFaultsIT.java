package app.earmark.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.Hashing;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object store down, or refusing Earmark: clear messages, nothing half-stored, and work again once it is back. */
class S3MediaStoreFaultsIT {

    private static S3ProxyServer server;

    @TempDir
    Path root;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(); // its own, since it is stopped here
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void wrongCredentialsStopStartUpWithAMessageSayingSo() {
        assertThatThrownBy(() -> new S3MediaStore(server.properties(root, S3Properties.Streaming.PROXY,
                S3ProxyServer.IDENTITY, "not-the-secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused Earmark access to bucket '" + S3ProxyServer.BUCKET + "'")
                .hasMessageContaining("earmark.s3.access-key, earmark.s3.secret-key");
        assertThatThrownBy(() -> new S3MediaStore(server.properties(root, S3Properties.Streaming.PROXY,
                "nobody", S3ProxyServer.CREDENTIAL)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused Earmark access");
    }

    @Test
    void aBucketThatIsNotThereStopsStartUpWithAMessageSayingSo() {
        S3Properties good = server.properties(root, S3Properties.Streaming.PROXY);
        var missing = new S3Properties(good.endpoint(), good.region(), "no-such-bucket", good.accessKey(),
                good.secretKey(), true, root, good.cacheMaxSize(), good.partSize(), good.uploadConcurrency(), good.streaming(),
                good.presignedUrlLifetime(), null);
        assertThatThrownBy(() -> new S3MediaStore(missing)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("There is no bucket 'no-such-bucket'").hasMessageContaining("create it");
    }

    @Test
    void anUnreachableStoreFailsClearlyStoresNothingHalfAndWorksAgainWhenItIsBack() throws Exception {
        S3MediaStore store = new S3MediaStore(server.properties(root.resolve("cache"), S3Properties.Streaming.PROXY));
        try {
            byte[] bytes = new byte[7 * 1024 * 1024]; // two parts
            new Random(1).nextBytes(bytes);
            String sha = Hashing.sha256Hex(bytes);
            Path received = Files.write(store.incomingDir().resolve("upload"), bytes);
            String derivedSha = Hashing.sha256Hex("derived while down");
            Path work = store.newWorkDir();
            Files.writeString(work.resolve("rendition.mp4"), "rendition");

            server.stop();

            assertThatThrownBy(() -> store.putOriginal(received, sha))
                    .isInstanceOf(MediaStoreUnavailableException.class)
                    .hasMessageContaining("The object store (bucket '" + S3ProxyServer.BUCKET + "' at "
                            + server.endpoint() + ") cannot be reached")
                    .hasMessageContaining("try again when it is back");
            assertThat(received).exists().hasSize(bytes.length); // the upload is kept, to be taken again
            assertThatThrownBy(() -> store.putDerived(derivedSha, work))
                    .isInstanceOf(MediaStoreUnavailableException.class);
            assertThat(work.resolve("rendition.mp4")).exists();
            assertThatThrownBy(() -> store.hasOriginal(sha)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot be reached");
            assertThatThrownBy(() -> store.originalFile(sha)).isInstanceOf(MediaStoreUnavailableException.class);

            server.resume();

            // Nothing of the failed calls is visible ...
            assertThat(store.hasOriginal(sha)).isFalse();
            assertThat(store.derived(derivedSha, "rendition.mp4")).isEmpty();
            // ... and the same calls now succeed.
            assertThat(store.putOriginal(received, sha)).isTrue();
            assertThat(Files.readAllBytes(store.originalFile(sha))).isEqualTo(bytes);
            store.putDerived(derivedSha, work);
            assertThat(store.derived(derivedSha, "rendition.mp4").orElseThrow().getContentAsByteArray())
                    .isEqualTo("rendition".getBytes());
        } finally {
            server.resume();
            store.close();
        }
    }

    @Test
    void aStoreThatIsDownAtStartUpDoesNotStopEarmarkAndIsUsedOnceItIsBack() throws Exception {
        server.stop();
        S3MediaStore store;
        try {
            store = new S3MediaStore(server.properties(root.resolve("cache"), S3Properties.Streaming.PROXY));
        } finally {
            server.resume();
        }
        try {
            assertThat(store.hasOriginal(Hashing.sha256Hex("nothing"))).isFalse();
        } finally {
            store.close();
        }
    }
}
