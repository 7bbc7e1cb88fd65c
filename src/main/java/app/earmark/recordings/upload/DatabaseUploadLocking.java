package app.earmark.recordings.upload;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import me.desair.tus.server.exception.UploadAlreadyLockedException;
import me.desair.tus.server.upload.UploadId;
import me.desair.tus.server.upload.UploadIdFactory;
import me.desair.tus.server.upload.UploadLock;
import me.desair.tus.server.upload.UploadLockingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * tus's lock on an upload across nodes: a lease in the upload's row ({@code locked_by}, {@code locked_until}), taken
 * with one conditional update (free, or its lease run out), renewed every third of the lease while the request runs,
 * and cleared when it ends. A node killed mid-request stops renewing, so its lease runs out and another node may take
 * the upload (a client resuming before then is told 423, to try again). Clocks of nodes a few seconds apart only
 * shorten or lengthen that wait by as much.
 */
class DatabaseUploadLocking implements UploadLockingService {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUploadLocking.class);
    static final Duration WAIT = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration lease;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "upload-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });
    private final ThreadLocal<Boolean> refused = new ThreadLocal<>();
    private UploadIdFactory ids;

    DatabaseUploadLocking(JdbcTemplate jdbc, Clock clock, Duration lease) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    public void setIdFactory(UploadIdFactory idFactory) {
        this.ids = Objects.requireNonNull(idFactory);
    }

    /**
     * Takes the upload's lease, waiting up to {@link #WAIT} for a request that holds it to end (a client resuming just
     * after its connection broke finds the server still storing what arrived).
     */
    @Override
    public UploadLock lockUploadByUri(String requestUri) throws UploadAlreadyLockedException {
        refused.remove();
        UploadId id = ids.readUploadId(requestUri);
        if (id == null) {
            return null;
        }
        String holder = UUID.randomUUID().toString();
        long giveUpAt = clock.millis() + WAIT.toMillis();
        while (true) {
            long now = clock.millis();
            int taken = jdbc.update("update shared_upload set locked_by = ?, locked_until = ? where id = ? and"
                    + " (locked_by is null or locked_until < ?)", holder, now + lease.toMillis(), id.toString(), now);
            if (taken == 1) {
                return new Lease(requestUri, id.toString(), holder);
            }
            Integer exists = jdbc.queryForObject("select count(*) from shared_upload where id = ?", Integer.class,
                    id.toString());
            if (exists == null || exists == 0) {
                return null; // tus answers 404
            }
            if (now >= giveUpAt) {
                // tus only logs this and answers nothing: the endpoint asks refusedOnThisThread() and answers 423.
                refused.set(Boolean.TRUE);
                throw new UploadAlreadyLockedException("The upload " + id + " is being sent by another request");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused.set(Boolean.TRUE);
                throw new UploadAlreadyLockedException("Interrupted while waiting for upload " + id);
            }
        }
    }

    /** Whether the last lock asked for on this thread was refused (and forgets it). */
    boolean refusedOnThisThread() {
        boolean was = Boolean.TRUE.equals(refused.get());
        refused.remove();
        return was;
    }

    @Override
    public void cleanupStaleLocks() {
        int cleared = jdbc.update("update shared_upload set locked_by = null, locked_until = null where locked_until < ?",
                clock.millis());
        if (cleared > 0) {
            log.info("Cleared {} upload locks whose node stopped renewing them", cleared);
        }
    }

    @Override
    public boolean isLocked(UploadId id) {
        Integer locked = jdbc.queryForObject("select count(*) from shared_upload where id = ? and locked_until >= ?",
                Integer.class, id.toString(), clock.millis());
        return locked != null && locked > 0;
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
    }

    /** One request's hold on an upload. */
    private final class Lease implements UploadLock {
        private final String uri;
        private final String id;
        private final String holder;
        private final ScheduledFuture<?> renewal;

        Lease(String uri, String id, String holder) {
            this.uri = uri;
            this.id = id;
            this.holder = holder;
            long every = Math.max(1, lease.toMillis() / 3);
            this.renewal = renewals.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                int renewed = jdbc.update("update shared_upload set locked_until = ? where id = ? and locked_by = ?",
                        clock.millis() + lease.toMillis(), id, holder);
                if (renewed == 0) {
                    renewal.cancel(false);
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew the lock on upload {}: {}", id, e.getMessage());
            }
        }

        @Override
        public String getUploadUri() {
            return uri;
        }

        @Override
        public void release() {
            renewal.cancel(false);
            jdbc.update("update shared_upload set locked_by = null, locked_until = null where id = ? and locked_by = ?",
                    id, holder);
        }

        @Override
        public void close() {
            release();
        }
    }
}
