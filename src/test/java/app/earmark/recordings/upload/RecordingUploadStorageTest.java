package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.Hashing;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import me.desair.tus.server.upload.UuidUploadIdFactory;
import me.desair.tus.server.upload.UploadInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SHA-256 is computed as bytes arrive, and stays right across a restart between two chunks. */
class RecordingUploadStorageTest {

    @TempDir
    Path incoming;

    private RecordingUploadStorage storage() {
        var storage = new RecordingUploadStorage(incoming);
        var ids = new UuidUploadIdFactory();
        ids.setUploadUri("/uploads");
        storage.setIdFactory(ids);
        return storage;
    }

    @Test
    void theDigestSurvivesARestartBetweenChunks() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        int half = content.length / 2;

        var before = storage();
        UploadInfo info = new UploadInfo();
        info.setLength((long) content.length);
        info = before.create(info, "assessor");
        info = before.append(info, new ByteArrayInputStream(Arrays.copyOfRange(content, 0, half)));
        assertThat(info.getOffset()).isEqualTo(half);

        var afterRestart = storage();
        UploadInfo resumed = afterRestart.getUploadInfo(info.getId());
        resumed = afterRestart.append(resumed, new ByteArrayInputStream(Arrays.copyOfRange(content, half, content.length)));

        assertThat(resumed.isUploadInProgress()).isFalse();
        assertThat(afterRestart.sha256(resumed)).isEqualTo(Hashing.sha256Hex(content));
        assertThat(Files.readAllBytes(afterRestart.dataFile(resumed))).isEqualTo(content);
    }

    @Test
    void aSingleStreamIsHashedOnTheWayIn() throws Exception {
        byte[] content = "a short recording".getBytes();
        var storage = storage();
        UploadInfo info = new UploadInfo();
        info.setLength((long) content.length);
        info = storage.create(info, "assessor");
        info = storage.append(info, new ByteArrayInputStream(content));
        Files.write(storage.dataFile(info), new byte[content.length]);
        // The data file was overwritten after arrival: the running digest still reflects what arrived.
        assertThat(storage.sha256(info)).isEqualTo(Hashing.sha256Hex(content));
    }
}
