package app.earmark.discussions.media;

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

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
