package app.earmark.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Moving a centre's folder store into a bucket (a real S3Proxy): every object verified, resumable, damage refused. */
class LocalToS3MigrationIT {

    @TempDir
    Path root;

    private final List<S3MediaStore> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(S3MediaStore::close);
    }

    private S3MediaStore s3(String cache) {
        var store = new S3MediaStore(S3ProxyServer.shared().properties(root.resolve(cache),
                S3Properties.Streaming.PROXY));
        opened.add(store);
        return store;
    }

    private record Stored(String original, byte[] bytes, String rendition, MediaStore.StoredCopy copy) {
    }

    /** A folder store with recordings as Earmark leaves them: originals, derived sets, copies. */
    private List<Stored> localStore(LocalMediaStore local, int recordings) throws IOException {
        List<Stored> stored = new ArrayList<>();
        Random random = new Random(root.hashCode());
        for (int i = 0; i < recordings; i++) {
            byte[] bytes = new byte[i == 0 ? 6 * 1024 * 1024 : 10_000 + i]; // the first one in parts
            random.nextBytes(bytes);
            String sha = Hashing.sha256Hex(bytes);
            local.putOriginal(Files.write(local.incomingDir().resolve("r" + i), bytes), sha);
            Path work = local.newWorkDir();
            Files.writeString(work.resolve("rendition.m4a"), "rendition " + i + " " + root);
            Files.writeString(work.resolve("peaks-256.dat"), "peaks " + i);
            local.putDerived(sha, work);
            String rendition = local.derivedSha256(sha, "rendition.m4a");
            var copy = local.putCopy(rendition, "chapters-abc.m4a",
                    Files.writeString(local.newWorkDir().resolve("c.m4a"), "chaptered " + i + " " + root));
            stored.add(new Stored(sha, bytes, rendition, copy));
        }
        return stored;
    }

    private void assertAllIn(S3MediaStore s3, List<Stored> stored) throws IOException {
        for (int i = 0; i < stored.size(); i++) {
            Stored s = stored.get(i);
            assertThat(Files.readAllBytes(s3.originalFile(s.original()))).isEqualTo(s.bytes());
            assertThat(s3.derived(s.original(), "rendition.m4a").orElseThrow().getContentAsByteArray())
                    .isEqualTo(("rendition " + i + " " + root).getBytes());
            assertThat(s3.derived(s.original(), "peaks-256.dat")).isPresent();
            assertThat(s3.derivedSha256(s.original(), "rendition.m4a")).isEqualTo(s.rendition());
            var copy = s3.copy(s.rendition(), "chapters-abc.m4a").orElseThrow();
            assertThat(copy.sha256()).isEqualTo(s.copy().sha256());
            assertThat(s3.copyBySha256(s.rendition(), s.copy().sha256())).isPresent();
            assertThat(copy.resource().getContentAsByteArray()).isEqualTo(("chaptered " + i + " " + root).getBytes());
        }
    }

    @Test
    void everyObjectIsCopiedAndVerifiedAndAnInterruptedRunGoesOnWhereItStopped() throws Exception {
        Path folder = root.resolve("media-store");
        var local = new LocalMediaStore(new EarmarkProperties(root.resolve("data"), folder, false));
        List<Stored> stored = localStore(local, 3); // 3 originals + 3 derived sets + 3 copies = 9 objects
        S3MediaStore s3 = s3("cache");
        Path journal = root.resolve("cache/migration-verified.txt");

        assertThatThrownBy(() -> new LocalToS3Migration(folder, s3, journal, 4).run())
                .isInstanceOf(LocalToS3Migration.Stopped.class);
        assertThat(Files.readAllLines(journal)).hasSize(4);

        var report = new LocalToS3Migration(folder, s3, journal).run();
        assertThat(report.alreadyVerified()).isEqualTo(4);
        assertThat(report.verified()).isEqualTo(5);
        assertThat(Files.readAllLines(journal)).hasSize(9).doesNotHaveDuplicates();
        assertAllIn(s3("other-node-cache"), stored);

        var again = new LocalToS3Migration(folder, s3, journal).run();
        assertThat(again.verified()).isZero();
        assertThat(again.alreadyVerified()).isEqualTo(9);
    }

    @Test
    void anObjectAlreadyInTheBucketIsReadBackAndReplacedIfItDiffers() throws Exception {
        Path folder = root.resolve("media-store");
        var local = new LocalMediaStore(new EarmarkProperties(root.resolve("data"), folder, false));
        List<Stored> stored = localStore(local, 1);
        S3MediaStore s3 = s3("cache");
        try (S3Client client = S3ProxyServer.shared().client(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL)) {
            // An earlier attempt, not journalled, left a damaged object under the original's key.
            client.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key("originals/" + stored.get(0).original()),
                    RequestBody.fromString("truncated"));
        }
        var report = new LocalToS3Migration(folder, s3, root.resolve("cache/journal.txt")).run();
        assertThat(report.verified()).isEqualTo(3);
        assertAllIn(s3("other-node-cache"), stored);
    }

    @Test
    void aDamagedLocalFileStopsTheMigrationNamingIt() throws Exception {
        Path folder = root.resolve("media-store");
        var local = new LocalMediaStore(new EarmarkProperties(root.resolve("data"), folder, false));
        List<Stored> stored = localStore(local, 1);
        Path original = local.originalFile(stored.get(0).original());
        original.toFile().setWritable(true);
        Files.writeString(original, "bit rot");
        assertThatThrownBy(() -> new LocalToS3Migration(folder, s3("cache"), root.resolve("cache/j.txt")).run())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("The local file " + original)
                .hasMessageContaining("it is damaged");
    }

    @Test
    void evidenceAttachmentsKeptOnThisMachineAreCopiedAndVerifiedToo() throws Exception {
        Path folder = root.resolve("media-store");
        var local = new LocalMediaStore(new EarmarkProperties(root.resolve("data"), folder, false));
        localStore(local, 1);
        byte[] pdf = ("%PDF evidence " + root).getBytes();
        String sha = Hashing.sha256Hex(pdf);
        Path evidence = root.resolve("data/evidence");
        Files.write(Files.createDirectories(evidence.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)))
                .resolve(sha), pdf);
        S3MediaStore s3 = s3("cache");

        var report = new LocalToS3Migration(folder, s3, root.resolve("cache/journal.txt")).evidence(evidence).run();

        assertThat(report.verified()).isEqualTo(4); // original, derived set, copy, evidence file
        try (var in = s3("other-node-cache").open("evidence/" + sha)) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(Files.readAllLines(root.resolve("cache/journal.txt"))).contains("evidence/" + sha);
    }

    @Test
    void theCommandNeedsTheS3Store() {
        var local = new LocalMediaStore(new EarmarkProperties(root.resolve("data"), root.resolve("m"), false));
        var command = new S3MigrationCommand(local, new EarmarkProperties(root.resolve("data"), root.resolve("m"),
                false), S3ProxyServer.shared().properties(root.resolve("cache"), S3Properties.Streaming.PROXY));
        assertThatThrownBy(() -> command.run(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs earmark.media-store-type=s3");
    }
}
