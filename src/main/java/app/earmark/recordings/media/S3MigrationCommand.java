package app.earmark.recordings.media;

import app.earmark.base.EarmarkProperties;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar earmark.jar --earmark.media-store-type=s3 --earmark.s3.…=… --earmark.s3.migrate-from-local}: at
 * start-up, copies the folder media store ({@code earmark.media-store}) into the bucket and verifies every object's
 * SHA-256 (see {@link LocalToS3Migration}), and the evidence attachments kept under {@code earmark.data-dir/evidence};
 * then Earmark runs on the bucket. If anything cannot be copied or verified,
 * start-up stops with the reason; started again, it goes on where it stopped.
 */
@Component
@ConditionalOnProperty(name = "earmark.s3.migrate-from-local")
class S3MigrationCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(S3MigrationCommand.class);

    private final MediaStore store;
    private final EarmarkProperties earmark;
    private final S3Properties s3;

    S3MigrationCommand(MediaStore store, EarmarkProperties earmark, S3Properties s3) {
        this.store = store;
        this.earmark = earmark;
        this.s3 = s3;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!(store instanceof S3MediaStore target)) {
            throw new IllegalStateException("--earmark.s3.migrate-from-local copies the folder store into a bucket: it"
                    + " needs earmark.media-store-type=s3 and the earmark.s3.* settings of the bucket");
        }
        var migration = new LocalToS3Migration(earmark.mediaStore(), target,
                s3.cacheDir().resolve("migration-verified.txt")).evidence(earmark.dataDir().resolve("evidence"));
        log.info("--earmark.s3.migrate-from-local: copying the media store {} into {}", earmark.mediaStore()
                .toAbsolutePath().normalize(), s3.bucket());
        try {
            var report = migration.run();
            log.info("--earmark.s3.migrate-from-local: done; {} objects copied and verified ({} MB), {} verified by an"
                    + " earlier run. Earmark now runs on the bucket; the folder {} is no longer used and may be kept as"
                    + " a backup", report.verified(), report.bytes() / (1024 * 1024), report.alreadyVerified(),
                    earmark.mediaStore());
        } catch (IOException e) {
            throw new IllegalStateException("--earmark.s3.migrate-from-local stopped: " + e.getMessage()
                    + ". Start it again to go on from where it stopped", e);
        }
    }
}
