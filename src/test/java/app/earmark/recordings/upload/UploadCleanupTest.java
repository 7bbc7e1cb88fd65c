package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import me.desair.tus.server.TusFileUploadService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleaning expired uploads on a media store where nothing was ever uploaded. */
class UploadCleanupTest {

    @Test
    void cleaningAFreshStoreFindsNothingToCleanAndDoesNotFail(@TempDir Path incoming) {
        TusFileUploadService tus = new TusFileUploadService()
                .withStoragePath(incoming.toString())
                .withUploadStorageService(new RecordingUploadStorage(incoming))
                .withUploadExpirationPeriod(60_000L);
        assertThatCode(tus::cleanup).doesNotThrowAnyException();
    }
}
