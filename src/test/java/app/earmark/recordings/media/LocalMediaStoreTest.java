package app.earmark.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMediaStoreTest {

    @TempDir
    Path root;

    private LocalMediaStore store() {
        return new LocalMediaStore(new EarmarkProperties(root.resolve("data"), root.resolve("media"), false));
    }

    @Test
    void originalsAreStoredByHashReadOnlyAndDeduplicated() throws Exception {
        var store = store();
        byte[] bytes = "recording".getBytes();
        String sha = Hashing.sha256Hex(bytes);
        Path received = Files.write(store.incomingDir().resolve("a"), bytes);
        assertThat(store.putOriginal(received, sha)).isTrue();
        Path original = store.originalFile(sha);
        assertThat(original).isEqualTo(root.resolve("media/originals").resolve(sha.substring(0, 2))
                .resolve(sha.substring(2, 4)).resolve(sha));
        assertThat(Files.isWritable(original) && !isRoot()).isFalse();
        assertThat(Files.readAllBytes(original)).isEqualTo(bytes);

        Path again = Files.write(store.incomingDir().resolve("b"), bytes);
        assertThat(store.putOriginal(again, sha)).isFalse();
        assertThat(again).doesNotExist();
    }

    @Test
    void derivedFilesArePublishedAllAtOnceAndReplaceable() throws Exception {
        var store = store();
        String sha = Hashing.sha256Hex("x");
        Path first = store.newWorkDir();
        Files.writeString(first.resolve("rendition.m4a"), "one");
        store.putDerived(sha, first);
        assertThat(store.derived(sha, "rendition.m4a")).get().extracting(r -> r.getFilename()).isEqualTo("rendition.m4a");

        Path second = store.newWorkDir();
        Files.writeString(second.resolve("rendition.mp4"), "two");
        store.putDerived(sha, second);
        assertThat(store.derived(sha, "rendition.m4a")).isEmpty();
        assertThat(store.derived(sha, "rendition.mp4")).isPresent();
        assertThat(first).doesNotExist();
    }

    @Test
    void namesThatCouldEscapeTheStoreAreRefused() {
        var store = store();
        String sha = Hashing.sha256Hex("x");
        assertThat(store.derived(sha, "../../etc/passwd")).isEmpty();
        assertThatThrownBy(() -> store.originalFile("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDerivedFilesHashIsRememberedUntilTheFileIsReplaced() throws Exception {
        var store = store();
        String sha = Hashing.sha256Hex("y");
        Path work = store.newWorkDir();
        Files.writeString(work.resolve("rendition.mp4"), "one");
        store.putDerived(sha, work);

        assertThat(store.derivedSha256(sha, "rendition.mp4")).isEqualTo(Hashing.sha256Hex("one"));
        Path remembered = root.resolve("media/derived").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                .resolve(sha).resolve(".rendition.mp4.sha256");
        assertThat(remembered).content().startsWith(Hashing.sha256Hex("one") + "\n");
        assertThat(store.derived(sha, ".rendition.mp4.sha256")).isEmpty();

        Path again = store.newWorkDir();
        Files.writeString(again.resolve("rendition.mp4"), "two");
        store.putDerived(sha, again);
        assertThat(store.derivedSha256(sha, "rendition.mp4")).isEqualTo(Hashing.sha256Hex("two"));
        assertThatThrownBy(() -> store.derivedSha256(sha, "poster.jpg")).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aHashComputedByAReaderIsRememberedOnlyIfTheFileDidNotChangeWhileItWasRead() throws Exception {
        var store = store();
        String sha = Hashing.sha256Hex("z");
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
        String source = Hashing.sha256Hex("rendition");
        Path first = Files.writeString(store.newWorkDir().resolve("chaptered.mp4"), "copy one");
        Path second = Files.writeString(store.newWorkDir().resolve("chaptered.mp4"), "copy two");

        var stored = store.putCopy(source, "chapters-abc.mp4", first);
        var raced = store.putCopy(source, "chapters-abc.mp4", second);

        assertThat(stored.sha256()).isEqualTo(Hashing.sha256Hex("copy one"));
        assertThat(stored.size()).isEqualTo(8);
        assertThat(stored.resource().getFilename()).isEqualTo(stored.sha256() + ".mp4");
        assertThat(raced).isEqualTo(stored);
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(store.copy(source, "chapters-abc.mp4")).contains(stored);
        assertThat(store.copy(source, "chapters-other.mp4")).isEmpty();
        assertThat(store.copyBySha256(source, stored.sha256())).contains(stored);
        assertThat(store.copyBySha256(Hashing.sha256Hex("another rendition"), stored.sha256())).isEmpty();
        assertThat(store.copyBySha256(source, "../" + stored.sha256())).isEmpty();
        assertThat(Files.isWritable(stored.resource().getFile().toPath()) && !isRoot()).isFalse();
    }

    @Test
    void deletingAHashRemovesItsOriginalDerivedFilesAndCopiesAndNothingElse() throws Exception {
        var store = store();
        byte[] bytes = "recording to delete".getBytes();
        String sha = Hashing.sha256Hex(bytes);
        String kept = Hashing.sha256Hex("kept");
        store.putOriginal(Files.write(store.incomingDir().resolve("a"), bytes), sha);
        for (String hash : new String[] {sha, kept}) {
            Path work = store.newWorkDir();
            Files.writeString(work.resolve("rendition.m4a"), "rendition of " + hash);
            store.putDerived(hash, work);
            store.derivedSha256(hash, "rendition.m4a");
            store.putCopy(hash, "chapters-abc.m4a", Files.writeString(store.newWorkDir().resolve("c.m4a"), hash));
        }

        assertThat(store.delete(sha)).isTrue();

        assertThat(store.hasOriginal(sha)).isFalse();
        assertThat(store.derived(sha, "rendition.m4a")).isEmpty();
        assertThat(store.copy(sha, "chapters-abc.m4a")).isEmpty();
        assertThat(root.resolve("media/derived").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                .resolve(sha)).doesNotExist();
        assertThat(store.derived(kept, "rendition.m4a")).isPresent();
        assertThat(store.copy(kept, "chapters-abc.m4a")).isPresent();
        assertThat(store.delete(sha)).isFalse();
    }

    @Test
    void aCopyMustComeFromAWorkFolderAndHaveAPlainKey() throws Exception {
        var store = store();
        String source = Hashing.sha256Hex("rendition");
        Path outside = Files.writeString(root.resolve("elsewhere.mp4"), "x");
        Path inside = Files.writeString(store.newWorkDir().resolve("chaptered.mp4"), "x");

        assertThatThrownBy(() -> store.putCopy(source, "key", outside)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putCopy(source, "../key", inside)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.copy(source, "../key")).isEmpty();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
