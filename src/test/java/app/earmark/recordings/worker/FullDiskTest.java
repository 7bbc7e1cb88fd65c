package app.earmark.recordings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.Hashing;
import app.earmark.recordings.TestMedia;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's output folder on a disk too small for the rendition (a tmpfs of {@value #DISK}; the tests run as root):
 * a full disk is said to be one, with the original kept, never taken for packets the muxer refused (which would
 * transcode).
 */
class FullDiskTest {

    private static final String DISK = "64k";

    @TempDir
    Path dir;
    private Path small;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        small = Files.createDirectory(dir.resolve("small-disk"));
        Path log = dir.resolve("mount.log");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + DISK, "tmpfs", small.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0)
                .as("mounting a %s tmpfs at %s (the tests must run as root): %s", DISK, small, Files.readString(log))
                .isTrue();
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", small.toString()).redirectOutput(new File("/dev/null"))
                .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskDuringThePacketCopyIsSaidToBeOneAndNothingIsTranscoded() throws Exception {
        Path input = TestMedia.mp4H264Aac(dir, 20, 640, 480);
        assertFullDisk(input);
    }

    @Test
    void aFullDiskDuringATranscodingIsSaidToBeOne() throws Exception {
        assertFullDisk(TestMedia.wavPcm(dir, 20));
    }

    private void assertFullDisk(Path input) throws Exception {
        assertThat(Files.size(input)).as("the recording is larger than the disk").isGreaterThan(4 * 64 * 1024);
        String sha = Hashing.sha256Hex(Files.readAllBytes(input));
        Path output = Files.createDirectory(small.resolve("work"));

        Ingest ingest = Ingest.run(input, output);

        assertThat(ingest.failure()).isEqualTo(new WorkerMessage.Failed(FailureCode.NO_SPACE, "The server ran out of"
                + " disk space while preparing this recording; the original upload is kept safe. Ask your"
                + " administrator to free space, then retry."));
        assertThat(output).as("nothing half-written is left on the full disk").isEmptyDirectory();
        assertThat(Hashing.sha256Hex(Files.readAllBytes(input))).as("the original is unchanged").isEqualTo(sha);
        assertThat(ingest.messages).noneMatch(m -> m instanceof WorkerMessage.Done);
    }
}
