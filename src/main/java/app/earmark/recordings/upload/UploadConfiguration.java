package app.earmark.recordings.upload;

import app.earmark.recordings.RecordingsProperties;
import app.earmark.recordings.media.MediaStore;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.io.IOException;
import me.desair.tus.server.TusFileUploadService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tus resumable-upload server (tus-java-server), storing into the media store's incoming folder. */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

    static final String UPLOAD_PATH = "/uploads";
    static final String EXPIRE_UPLOADS_TASK = "uploads-expire";
    private static final Logger log = LoggerFactory.getLogger(UploadConfiguration.class);

    @Bean
    RecordingUploadStorage recordingUploadStorage(MediaStore store) {
        return new RecordingUploadStorage(store.incomingDir());
    }

    @Bean
    TusFileUploadService tusFileUploadService(RecordingUploadStorage storage, MediaStore store,
            RecordingsProperties properties) {
        return new TusFileUploadService()
                .withStoragePath(store.incomingDir().toString())
                .withUploadStorageService(storage)
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
