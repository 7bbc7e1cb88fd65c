package app.earmark.recordings.upload;

import app.earmark.recordings.RecordingsProperties;
import app.earmark.recordings.media.MediaStore;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import app.earmark.recordings.media.SharedFiles;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import me.desair.tus.server.TusFileUploadService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The tus resumable-upload server (tus-java-server), storing into the media store's incoming folder. */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

    static final String UPLOAD_PATH = "/uploads";
    static final String EXPIRE_UPLOADS_TASK = "uploads-expire";
    private static final Logger log = LoggerFactory.getLogger(UploadConfiguration.class);

    /** One machine (the folder store): tus's disk storage and disk locks under the store's {@code incoming/}. */
    @Bean
    @ConditionalOnProperty(name = "earmark.media-store-type", havingValue = "local", matchIfMissing = true)
    RecordingUploadStorage recordingUploadStorage(MediaStore store) {
        return new RecordingUploadStorage(store.incomingDir());
    }

    @Bean
    @ConditionalOnProperty(name = "earmark.media-store-type", havingValue = "local", matchIfMissing = true)
    TusFileUploadService tusFileUploadService(RecordingUploadStorage storage, MediaStore store,
            RecordingsProperties properties) {
        return tus(new TusFileUploadService()
                .withStoragePath(store.incomingDir().toString())
                .withUploadStorageService(storage), properties);
    }

    /**
     * Several nodes (the object store): uploads in progress in the database and the bucket, locked through the
     * database, so that any node resumes an upload another began (docs/media-store.md).
     */
    @Bean
    @ConditionalOnProperty(name = "earmark.media-store-type", havingValue = "s3")
    SharedUploadStorage sharedUploadStorage(JdbcTemplate jdbc, TransactionTemplate transactions, SharedFiles files,
            MediaStore store, Clock clock) {
        return new SharedUploadStorage(jdbc, transactions, files, store.incomingDir().resolve("chunks"), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "earmark.media-store-type", havingValue = "s3")
    DatabaseUploadLocking databaseUploadLocking(JdbcTemplate jdbc, Clock clock,
            @Value("${earmark.recordings.upload-lock-lease:30s}") Duration lease) {
        return new DatabaseUploadLocking(jdbc, clock, lease);
    }

    @Bean
    @ConditionalOnProperty(name = "earmark.media-store-type", havingValue = "s3")
    TusFileUploadService sharedTusFileUploadService(SharedUploadStorage storage, DatabaseUploadLocking locking,
            MediaStore store, RecordingsProperties properties) {
        return tus(new TusFileUploadService()
                .withStoragePath(store.incomingDir().toString())
                .withUploadStorageService(storage)
                .withUploadLockingService(locking), properties);
    }

    private static TusFileUploadService tus(TusFileUploadService tus, RecordingsProperties properties) {
        return tus
                .withUploadUri(UPLOAD_PATH)
                .withMaxUploadSize(properties.maxUploadSize().toBytes())
                .withUploadExpirationPeriod(properties.uploadExpiry().toMillis())
                .withThreadLocalCache(false)
                // Each recording is one upload: joining partial uploads is not offered (nor accepted).
                .disableTusExtension("concatenation");
    }

    @Bean
    ExpiredUploadCleaner expiredUploadCleaner(TusFileUploadService tus) {
        return new ExpiredUploadCleaner(tus);
    }

    /**
     * Every hour, once across the cluster (db-scheduler, see docs/jobs.md): the cleaner on whichever node claims it.
     */
    @Bean
    RecurringTask<Void> expireUploadsTask(ExpiredUploadCleaner cleaner) {
        return Tasks.recurring(EXPIRE_UPLOADS_TASK, FixedDelay.ofHours(1)).execute((instance, context) ->
                cleaner.clean());
    }

    /** Removes uploads nobody has resumed within {@code earmark.recordings.upload-expiry}. */
    record ExpiredUploadCleaner(TusFileUploadService tus) {

        void clean() {
            try {
                tus.cleanup();
            } catch (IOException e) {
                log.warn("Cleaning expired uploads failed", e);
            }
        }
    }
}
