package app.earmark.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The media-store contract on S3 (a real S3Proxy process), and what only the object store does. */
class S3MediaStoreContractIT extends MediaStoreContract {

    @TempDir
    Path root;

    private S3MediaStore store;

    @Override
    protected MediaStore store() {
        if (store == null) {
            store = new S3MediaStore(S3ProxyServer.shared().properties(root.resolve("cache"),
                    S3Properties.Streaming.PROXY));
        }
        return store;
    }

    @Override
    protected Path scratch() {
        return root;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private S3Client client() {
        return S3ProxyServer.shared().client(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL);
    }

    @Test
    void aLargeOriginalGoesUpInPartsAndIsReadFromTheBucketByAnotherNode() throws Exception {
        var store = store();
        byte[] bytes = new byte[11 * 1024 * 1024];
        new Random(11).nextBytes(bytes);
        String sha = Hashing.sha256Hex(bytes);
        store.putOriginal(Files.write(store.incomingDir().resolve("large"), bytes), sha);
        try (S3Client client = client()) {
            // A multipart upload's ETag is the hash of its parts' hashes and their number: 3 parts of at most 5 MB.
            assertThat(client.headObject(b -> b.bucket(S3ProxyServer.BUCKET).key("originals/" + sha)).eTag())
                    .endsWith("-3\"");
            assertThat(client.listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET)).uploads()).isEmpty();
        }
        // Another node (its own cache) downloads it.
        var otherNode = new S3MediaStore(S3ProxyServer.shared().properties(root.resolve("other-cache"),
                S3Properties.Streaming.PROXY));
        try {
            Path file = otherNode.originalFile(sha);
            assertThat(file).startsWith(root.resolve("other-cache"));
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        } finally {
            otherNode.close();
        }
    }

    @Test
    void derivedFilesOfAnInterruptedPublicationAreNeverSeenAndGoWithTheNextOne() throws Exception {
        var store = store();
        String sha = Hashing.sha256Hex("interrupted " + root);
        Path work = store.newWorkDir();
        Files.writeString(work.resolve("rendition.mp4"), "published");
        store.putDerived(sha, work);
        try (S3Client client = client()) {
            // A node stopped after uploading a new rendition but before writing the manifest.
            client.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key("derived/" + sha + "/interrupted/rendition.mp4"),
                    RequestBody.fromString("half of a new one"));
            assertThat(store.derived(sha, "rendition.mp4").orElseThrow().getContentAsByteArray())
                    .isEqualTo("published".getBytes());

            Path next = store.newWorkDir();
            Files.writeString(next.resolve("rendition.mp4"), "next");
            store.putDerived(sha, next);
            assertThat(store.derived(sha, "rendition.mp4").orElseThrow().getContentAsByteArray())
                    .isEqualTo("next".getBytes());
            assertThat(client.listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET).prefix("derived/" + sha + "/"))
                    .contents()).extracting(o -> o.key().substring(("derived/" + sha + "/").length()))
                    .filteredOn(key -> !key.endsWith("/")) // folder markers of S3Proxy's filesystem backend
                    .hasSize(2).contains("current"); // the manifest and the one rendition
        }
    }

    @Test
    void anOriginalIsDownloadedOnceAndCheckedAgainstItsHash() throws Exception {
        var store = store();
        byte[] bytes = ("original " + root).getBytes();
        String sha = Hashing.sha256Hex(bytes);
        store.putOriginal(Files.write(store.incomingDir().resolve("o"), bytes), sha);
        Path cached = store.originalFile(sha);
        assertThat(store.originalFile(sha)).isEqualTo(cached);

        try (S3Client client = client()) {
            client.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key("originals/" + sha), RequestBody.fromString("bad"));
        }
        Files.delete(cached);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.originalFile(sha))
                .isInstanceOf(IOException.class).hasMessageContaining("damaged");
        assertThat(cached).doesNotExist();
    }
}
