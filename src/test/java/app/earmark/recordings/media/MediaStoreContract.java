package app.earmark.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;

/**
 * What every {@link MediaStore} does, whatever keeps the bytes: run on the folder ({@link LocalMediaStoreContractTest})
 * and on S3 ({@link S3MediaStoreContractIT}). Hashes are made unique per test, so stores may be shared.
 */
abstract class MediaStoreContract {

    /** A store for one test (may share its backing storage with other tests). */
    protected abstract MediaStore store() throws IOException;

    /** A folder outside the store, for files that are not in a work folder. */
    protected abstract Path scratch() throws IOException;

    private String salt;

    @BeforeEach
    void salt() {
        salt = UUID.randomUUID().toString();
    }

    /** The SHA-256 of something unique to this test. */
    private String hash(String what) {
        return Hashing.sha256Hex(what + " " + salt);
    }

    @Test
    void originalsAreStoredByHashAndDeduplicated() throws Exception {
        var store = store();
        byte[] bytes = ("recording " + salt).getBytes();
        String sha = Hashing.sha256Hex(bytes);
        assertThat(store.hasOriginal(sha)).isFalse();
        Path received = Files.write(store.incomingDir().resolve("a-" + salt), bytes);
        assertThat(store.putOriginal(received, sha)).isTrue();
        assertThat(store.hasOriginal(sha)).isTrue();
        assertThat(Files.readAllBytes(store.originalFile(sha))).isEqualTo(bytes);

        Path again = Files.write(store.incomingDir().resolve("b-" + salt), bytes);
        assertThat(store.putOriginal(again, sha)).isFalse();
        assertThat(again).doesNotExist();
        assertThat(Files.readAllBytes(store.originalFile(sha))).isEqualTo(bytes);
    }

    @Test
    void aLargeOriginalComesBackByteForByte() throws Exception {
        var store = store();
        byte[] bytes = new byte[12 * 1024 * 1024 + 12345]; // more than two 5 MB parts on S3
        new Random(salt.hashCode()).nextBytes(bytes);
        String sha = Hashing.sha256Hex(bytes);
        Path received = Files.write(store.incomingDir().resolve("large-" + salt), bytes);
        assertThat(store.putOriginal(received, sha)).isTrue();
        assertThat(received).doesNotExist();
        Path file = store.originalFile(sha);
        assertThat(Files.size(file)).isEqualTo(bytes.length);
        assertThat(Hashing.sha256Hex(Files.readAllBytes(file))).isEqualTo(sha);
    }

    @Test
    void aMissingOriginalIsAnIOException() throws Exception {
        var store = store();
        assertThatThrownBy(() -> store.originalFile(hash("never stored"))).isInstanceOf(IOException.class);
    }

    @Test
    void derivedFilesArePublishedAllAtOnceAndReplaceable() throws Exception {
        var store = store();
        String sha = hash("x");
        assertThat(store.derived(sha, "rendition.m4a")).isEmpty();
        Path first = store.newWorkDir();
        Files.writeString(first.resolve("rendition.m4a"), "one");
        Files.writeString(first.resolve("poster.jpg"), "poster one");
        store.putDerived(sha, first);
        assertThat(store.derived(sha, "rendition.m4a")).get().extracting(Resource::getFilename)
                .isEqualTo("rendition.m4a");
        assertThat(store.derived(sha, "poster.jpg").orElseThrow().getContentAsByteArray())
                .isEqualTo("poster one".getBytes());

        Path second = store.newWorkDir();
        Files.writeString(second.resolve("rendition.mp4"), "two");
        store.putDerived(sha, second);
        assertThat(store.derived(sha, "rendition.m4a")).isEmpty();
        assertThat(store.derived(sha, "poster.jpg")).isEmpty();
        assertThat(store.derived(sha, "rendition.mp4").orElseThrow().getContentAsByteArray()).isEqualTo("two".getBytes());
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
    }

    @Test
    void aDerivedFileIsAResourceWithLengthTimeAndRanges() throws Exception {
        var store = store();
        String sha = hash("ranges");
        byte[] bytes = new byte[300_000];
        new Random(3).nextBytes(bytes);
        Path work = store.newWorkDir();
        Files.write(work.resolve("rendition.mp4"), bytes);
        store.putDerived(sha, work);

        Resource resource = store.derived(sha, "rendition.mp4").orElseThrow();
        assertThat(resource.exists()).isTrue();
        assertThat(resource.contentLength()).isEqualTo(bytes.length);
        assertThat(resource.lastModified()).isPositive();
        // As Spring's range handling reads a region: a fresh stream, skip to the start, read the count.
        try (InputStream in = resource.getInputStream()) {
            assertThat(in.skip(100_000)).isEqualTo(100_000);
            assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOfRange(bytes, 100_000, 101_000));
            assertThat(in.skip(50_000)).isEqualTo(50_000);
            assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOfRange(bytes, 151_000, 151_010));
        }
        try (InputStream in = resource.getInputStream()) {
            assertThat(in.skip(299_990)).isEqualTo(299_990);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 299_990, 300_000));
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(resource.getInputStream().readAllBytes()).isEqualTo(bytes);
        assertThat(Files.readAllBytes(resource.getFile().toPath())).isEqualTo(bytes);
    }

    @Test
    void namesThatCouldEscapeTheStoreAreRefused() throws Exception {
        var store = store();
        String sha = hash("x");
        assertThat(store.derived(sha, "../../etc/passwd")).isEmpty();
        assertThat(store.derived(sha, ".rendition.mp4.sha256")).isEmpty();
        assertThatThrownBy(() -> store.originalFile("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.hasOriginal("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.derived("../x", "rendition.mp4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.derivedStamp(sha, "../rendition.mp4"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDerivedFilesHashIsRememberedUntilTheFileIsReplaced() throws Exception {
        var store = store();
        String sha = hash("y");
        Path work = store.newWorkDir();
        Files.writeString(work.resolve("rendition.mp4"), "one");
        store.putDerived(sha, work);

        assertThat(store.derivedSha256(sha, "rendition.mp4")).isEqualTo(Hashing.sha256Hex("one"));
        assertThat(store.rememberedDerivedSha256(sha, "rendition.mp4")).contains(Hashing.sha256Hex("one"));
        assertThat(store.derived(sha, ".rendition.mp4.sha256")).isEmpty();

        Path again = store.newWorkDir();
        Files.writeString(again.resolve("rendition.mp4"), "two");
        store.putDerived(sha, again);
        assertThat(store.rememberedDerivedSha256(sha, "rendition.mp4")).isEmpty();
        assertThat(store.derivedSha256(sha, "rendition.mp4")).isEqualTo(Hashing.sha256Hex("two"));
        assertThatThrownBy(() -> store.derivedSha256(sha, "poster.jpg")).isInstanceOf(IOException.class);
    }

    @Test
    void aHashComputedByAReaderIsRememberedOnlyIfTheFileDidNotChangeWhileItWasRead() throws Exception {
        var store = store();
        String sha = hash("z");
        Path work = store.newWorkDir();
        Files.writeString(work.resolve("rendition.mp4"), "one");
        store.putDerived(sha, work);
        assertThat(store.rememberedDerivedSha256(sha, "rendition.mp4")).isEmpty();

        String stamp = store.derivedStamp(sha, "rendition.mp4");
        store.rememberDerivedSha256(sha, "rendition.mp4", Hashing.sha256Hex("one"), stamp);
        assertThat(store.rememberedDerivedSha256(sha, "rendition.mp4")).contains(Hashing.sha256Hex("one"));
        assertThat(store.derivedSha256(sha, "rendition.mp4")).isEqualTo(Hashing.sha256Hex("one"));

        // Replaced between the stamp and the end of the read: what was read is not remembered as the new file's hash.
        String before = store.derivedStamp(sha, "rendition.mp4");
        Path again = store.newWorkDir();
        Files.writeString(again.resolve("rendition.mp4"), "two, longer");
        store.putDerived(sha, again);
        assertThat(store.derivedStamp(sha, "rendition.mp4")).isNotEqualTo(before);
        store.rememberDerivedSha256(sha, "rendition.mp4", Hashing.sha256Hex("one"), before);
        assertThat(store.rememberedDerivedSha256(sha, "rendition.mp4")).isEmpty();
        assertThat(store.derivedSha256(sha, "rendition.mp4")).isEqualTo(Hashing.sha256Hex("two, longer"));
        assertThatThrownBy(() -> store.rememberDerivedSha256(sha, "rendition.mp4", "not a hash",
                store.derivedStamp(sha, "rendition.mp4"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a SHA-256");
    }

    @Test
    void copiesAreStoredByTheirHashUnderTheirSourceAndKeyAndTheFirstOneStays() throws Exception {
        var store = store();
        String source = hash("rendition");
        Path first = Files.writeString(store.newWorkDir().resolve("chaptered.mp4"), "copy one");
        Path second = Files.writeString(store.newWorkDir().resolve("chaptered.mp4"), "copy two");

        var stored = store.putCopy(source, "chapters-abc.mp4", first);
        var raced = store.putCopy(source, "chapters-abc.mp4", second);

        assertThat(stored.sha256()).isEqualTo(Hashing.sha256Hex("copy one"));
        assertThat(stored.key()).isEqualTo("chapters-abc.mp4");
        assertThat(stored.size()).isEqualTo(8);
        assertThat(stored.resource().getFilename()).isEqualTo(stored.sha256() + ".mp4");
        assertThat(stored.resource().getContentAsByteArray()).isEqualTo("copy one".getBytes());
        assertThat(raced).isEqualTo(stored);
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(store.copy(source, "chapters-abc.mp4")).contains(stored);
        assertThat(store.copy(source, "chapters-other.mp4")).isEmpty();
        assertThat(store.copyBySha256(source, stored.sha256())).contains(stored);
        assertThat(store.copyBySha256(source, Hashing.sha256Hex("copy two"))).isEmpty();
        assertThat(store.copyBySha256(hash("another rendition"), stored.sha256())).isEmpty();
        assertThat(store.copyBySha256(source, "../" + stored.sha256())).isEmpty();
    }

    @Test
    void deletingAHashRemovesItsOriginalDerivedFilesAndCopiesAndNothingElse() throws Exception {
        var store = store();
        byte[] bytes = ("recording to delete " + salt).getBytes();
        String sha = Hashing.sha256Hex(bytes);
        String kept = hash("kept");
        store.putOriginal(Files.write(store.incomingDir().resolve("d-" + salt), bytes), sha);
        store.originalFile(sha);
        for (String hash : new String[] {sha, kept}) {
            Path work = store.newWorkDir();
            Files.writeString(work.resolve("rendition.m4a"), "rendition of " + hash);
            store.putDerived(hash, work);
            store.derivedSha256(hash, "rendition.m4a");
            store.putCopy(hash, "chapters-abc.m4a", Files.writeString(store.newWorkDir().resolve("c.m4a"), hash));
        }

        assertThat(store.delete(sha)).isTrue();

        assertThat(store.hasOriginal(sha)).isFalse();
        assertThatThrownBy(() -> store.originalFile(sha)).isInstanceOf(IOException.class);
        assertThat(store.derived(sha, "rendition.m4a")).isEmpty();
        assertThat(store.copy(sha, "chapters-abc.m4a")).isEmpty();
        assertThat(store.derived(kept, "rendition.m4a")).isPresent();
        assertThat(store.copy(kept, "chapters-abc.m4a")).isPresent();
        assertThat(store.delete(sha)).isFalse();
        assertThat(store.delete(hash("never stored"))).isFalse();
    }

    @Test
    void aCopyMustComeFromAWorkFolderAndHaveAPlainKey() throws Exception {
        var store = store();
        String source = hash("rendition");
        Path outside = Files.writeString(scratch().resolve("elsewhere.mp4"), "x");
        Path inside = Files.writeString(store.newWorkDir().resolve("chaptered.mp4"), "x");

        assertThatThrownBy(() -> store.putCopy(source, "key", outside)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putCopy(source, "../key", inside)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.copy(source, "../key")).isEmpty();
        assertThat(store.copy(source, "key")).isEmpty();
    }

    @Test
    void clearingWorkRemovesInterruptedWorkFolders() throws Exception {
        var store = store();
        Path work = store.newWorkDir();
        Files.writeString(work.resolve("rendition.mp4"), "half");
        store.clearWork();
        assertThat(work).doesNotExist();
    }
}
