package app.earmark.recordings.media;

import app.earmark.base.EarmarkProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The media-store contract on the folder store. */
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
}
