package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.support.EarmarkSpringTest;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import me.desair.tus.server.exception.UploadAlreadyLockedException;
import me.desair.tus.server.upload.UuidUploadIdFactory;
import me.desair.tus.server.upload.UploadId;
import me.desair.tus.server.upload.UploadLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * tus's lock on a shared upload, as a lease in the upload's row (on the real database): a second request is refused
 * while the lease is held and renewed, a released lease or one whose node stopped renewing it is taken, and an upload
 * that does not exist has no lock.
 */
@EarmarkSpringTest
class DatabaseUploadLockingTest {

    @Autowired
    JdbcTemplate jdbc;

    private DatabaseUploadLocking locking;

    private DatabaseUploadLocking locking(Duration lease) {
        locking = new DatabaseUploadLocking(jdbc, Clock.systemUTC(), lease);
        UuidUploadIdFactory ids = new UuidUploadIdFactory();
        ids.setUploadUri(UploadConfiguration.UPLOAD_PATH);
        locking.setIdFactory(ids);
        return locking;
    }

    @AfterEach
    void stop() {
        if (locking != null) {
            locking.stop();
        }
    }

    private String upload() {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into shared_upload (id, owner_key, upload_length, upload_offset, created_at) values (?, ?,"
                + " 100, 0, ?)", id, "assessor", System.currentTimeMillis());
        return UploadConfiguration.UPLOAD_PATH + "/" + id;
    }

    @Test
    void aSecondRequestIsRefusedWhileTheLeaseIsHeldAndTakesItOnceReleased() throws Exception {
        DatabaseUploadLocking locks = locking(Duration.ofSeconds(30));
        String uri = upload();
        UploadLock held = locks.lockUploadByUri(uri);
        assertThat(held).isNotNull();
        assertThat(locks.isLocked(new UploadId(uri.substring(uri.lastIndexOf('/') + 1)))).isTrue();

        long asked = System.nanoTime();
        assertThatThrownBy(() -> locks.lockUploadByUri(uri)).isInstanceOf(UploadAlreadyLockedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("it waited for the holder first")
                .isGreaterThanOrEqualTo(DatabaseUploadLocking.WAIT);
        assertThat(locks.refusedOnThisThread()).isTrue();
        assertThat(locks.refusedOnThisThread()).as("forgotten once asked").isFalse();

        held.release();
        UploadLock next = locks.lockUploadByUri(uri);
        assertThat(next).isNotNull();
        assertThat(locks.refusedOnThisThread()).isFalse();
        next.release();
    }

    @Test
    void theHoldersLeaseIsRenewedWhileItsRequestRuns() throws Exception {
        // A lease much shorter than the second request's wait: only renewal keeps it held for all of that wait.
        DatabaseUploadLocking locks = locking(Duration.ofMillis(300));
        String uri = upload();
        UploadLock held = locks.lockUploadByUri(uri);
        assertThatThrownBy(() -> locks.lockUploadByUri(uri)).isInstanceOf(UploadAlreadyLockedException.class);
        held.release();
    }

    @Test
    void aLeaseWhoseNodeStoppedRenewingItRunsOutAndIsTaken() throws Exception {
        DatabaseUploadLocking locks = locking(Duration.ofSeconds(30));
        String uri = upload();
        String id = uri.substring(uri.lastIndexOf('/') + 1);
        // A node killed mid-request: its lease, taken a moment ago, is not renewed.
        jdbc.update("update shared_upload set locked_by = 'killed-node', locked_until = ? where id = ?",
                System.currentTimeMillis() + 500, id);
        UploadLock taken = locks.lockUploadByUri(uri);
        assertThat(taken).as("taken within the wait, once the 500 ms lease ran out").isNotNull();
        assertThat(jdbc.queryForObject("select locked_by from shared_upload where id = ?", String.class, id))
                .isNotEqualTo("killed-node");
        taken.release();
        assertThat(jdbc.queryForObject("select locked_by from shared_upload where id = ?", String.class, id)).isNull();
    }

    @Test
    void anUploadThatDoesNotExistHasNoLock() throws Exception {
        DatabaseUploadLocking locks = locking(Duration.ofSeconds(30));
        assertThat(locks.lockUploadByUri(UploadConfiguration.UPLOAD_PATH + "/" + UUID.randomUUID())).isNull();
        assertThat(locks.refusedOnThisThread()).isFalse();
    }
}
