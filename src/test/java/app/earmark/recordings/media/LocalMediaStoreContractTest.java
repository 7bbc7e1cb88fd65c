package app.earmark.recordings.media;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media-store contract on the folder store, and what only the folder store does: its layout on disk. */
class LocalMediaStoreContractTest extends MediaStoreContract {

    @TempDir
    Path root;

    @Override
    protected MediaStore store() {
        return new LocalMediaStore(new EarmarkProperties(root.resolve("data"), root.resolve("media"), false));
    }

    @Override
    protected Path scratch() {
        return root;
    }

    private Path sharded(String folder, String sha) {
        return root.resolve("media").resolve(folder).resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                .resolve(sha);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void originalsAndCopiesLieUnderTheirHashAndCannotBeWritten() throws Exception {
        MediaStore store = store();
        byte[] bytes = "recording on disk".getBytes();
        String sha = Hashing.sha256Hex(bytes);
        store.putOriginal(Files.write(store.incomingDir().resolve("a"), bytes), sha);
        Path original = store.originalFile(sha);
        assertThat(original).isEqualTo(sharded("originals", sha));
        assertThat(Files.isWritable(original) && !isRoot()).isFalse();

        var copy = store.putCopy(sha, "chapters-abc.mp4", Files.writeString(store.newWorkDir().resolve("c.mp4"), "c"));
        assertThat(Files.isWritable(copy.resource().getFile().toPath()) && !isRoot()).isFalse();
    }

    @Test
    void deletingAHashLeavesNoFolderOfItBehind() throws Exception {
        MediaStore store = store();
        byte[] bytes = "recording to delete from disk".getBytes();
        String sha = Hashing.sha256Hex(bytes);
        store.putOriginal(Files.write(store.incomingDir().resolve("a"), bytes), sha);
        Path work = store.newWorkDir();
        Files.writeString(work.resolve("rendition.m4a"), "rendition");
        store.putDerived(sha, work);
        store.putCopy(sha, "chapters-abc.m4a", Files.writeString(store.newWorkDir().resolve("c.m4a"), "copy"));

        store.delete(sha);

        assertThat(sharded("originals", sha)).doesNotExist();
        assertThat(sharded("derived", sha)).doesNotExist();
        assertThat(sharded("copies", sha)).doesNotExist();
    }
}
