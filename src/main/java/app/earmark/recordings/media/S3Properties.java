package app.earmark.recordings.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The S3 media store's settings ({@code earmark.s3.*}), used when {@code earmark.media-store-type=s3}.
 *
 * @param endpoint            the S3 API's address, e.g. {@code http://minio.internal:9000}; none for AWS itself (the
 *                            region's endpoint)
 * @param region              the bucket's region (S3-compatible stores mostly accept any, e.g. {@code us-east-1})
 * @param bucket              the bucket; it must exist, Earmark does not create it
 * @param accessKey           the access key id
 * @param secretKey           the secret access key
 * @param pathStyleAccess     {@code http://host/bucket/key} rather than {@code http://bucket.host/key}: what MinIO, Ceph
 *                            and most S3-compatible stores expect
 * @param cacheDir            a local folder: originals downloaded for the ingest worker, uploads in progress, ingest
 *                            work folders
 * @param cacheMaxSize        how much of the cache downloaded originals may take; the least recently used go first
 * @param partSize            the part size of multipart uploads (at least 5 MB, S3's minimum); smaller files go up in
 *                            one request
 * @param uploadConcurrency   how many parts of multipart uploads a node sends at once (1 to 32; each is read from its
 *                            file as it goes, so memory does not grow with it)
 * @param streaming           how media reaches the browser after Earmark's access check: through Earmark
 *                            ({@code proxy}) or by a redirect to a presigned URL on the store ({@code redirect})
 * @param presignedUrlLifetime how long a presigned URL stays valid (redirect streaming)
 * @param publicEndpoint      the store's address as browsers reach it, for presigned URLs, if not {@code endpoint}
 */
@ConfigurationProperties("earmark.s3")
public record S3Properties(
        URI endpoint,
        @DefaultValue("us-east-1") String region,
        String bucket,
        String accessKey,
        String secretKey,
        @DefaultValue("true") boolean pathStyleAccess,
        @DefaultValue("./media-cache") Path cacheDir,
        @DefaultValue("20GB") DataSize cacheMaxSize,
        @DefaultValue("16MB") DataSize partSize,
        @DefaultValue("4") int uploadConcurrency,
        @DefaultValue("proxy") Streaming streaming,
        @DefaultValue("5m") Duration presignedUrlLifetime,
        URI publicEndpoint) {

    /** S3's smallest part (every part of a multipart upload but the last). */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    public S3Properties {
        if (partSize != null && partSize.toBytes() < MIN_PART_SIZE) {
            throw new IllegalArgumentException("earmark.s3.part-size must be at least 5MB (S3's smallest part), not "
                    + partSize);
        }
        if (uploadConcurrency < 1 || uploadConcurrency > 32) {
            throw new IllegalArgumentException("earmark.s3.upload-concurrency must be from 1 to 32 parts at once, not "
                    + uploadConcurrency);
        }
        if (presignedUrlLifetime != null && (presignedUrlLifetime.isNegative() || presignedUrlLifetime.isZero()
                || presignedUrlLifetime.compareTo(Duration.ofDays(7)) > 0)) {
            throw new IllegalArgumentException("earmark.s3.presigned-url-lifetime must be more than 0 and at most 7"
                    + " days (S3's limit), not " + presignedUrlLifetime);
        }
    }

    /** How media is streamed from the store. */
    public enum Streaming {
        /** Earmark reads the byte ranges from the store and passes them on. */
        PROXY,
        /** Earmark answers 307 with a short-lived presigned URL; the browser reads from the store itself. */
        REDIRECT
    }
}
