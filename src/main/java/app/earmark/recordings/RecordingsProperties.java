package app.earmark.recordings;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits for recordings and their ingest ({@code earmark.recordings.*}).
 *
 * @param maxUploadSize   the largest file accepted
 * @param maxDuration     the longest recording accepted
 * @param uploadExpiry    how long an unfinished upload may be resumed before it is removed
 * @param workerHeap      the ingest worker's Java heap (-Xmx)
 * @param workerMaxMemory the worker's resident memory above which it is stopped
 * @param probeTimeout    how long reading what a file holds may take
 * @param processTimeout  the base time allowed for processing, to which twice the recording's length is added
 * @param maxAttempts     how often a worker that dies is restarted before the recording is marked failed
 * @param copyWorkerStandby how long a worker for copies with chapters is kept started (JVM up, FFmpeg loaded, waiting
 *                        for a job) after a copy, so that the next copy need not wait for one; 0 starts one per copy
 * @param ingestWorkerStandby the same for ingest: a worker is started ahead after each ingest and when an upload
 *                        begins, and kept this long; 0 starts one per recording when its ingest begins
 * @param storeRetryDelays how long after its 1st, 2nd, … wait in a row for an unreachable media store an ingest is
 *                        tried again; the last delay repeats
 * @param storeRetryLimit how many waits in a row for the media store an ingest may make before it is failed
 */
@ConfigurationProperties("earmark.recordings")
public record RecordingsProperties(
        @DefaultValue("8GB") DataSize maxUploadSize,
        @DefaultValue("4h") Duration maxDuration,
        @DefaultValue("7d") Duration uploadExpiry,
        @DefaultValue("256MB") DataSize workerHeap,
        @DefaultValue("1536MB") DataSize workerMaxMemory,
        @DefaultValue("2m") Duration probeTimeout,
        @DefaultValue("10m") Duration processTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("10m") Duration copyWorkerStandby,
        @DefaultValue("10m") Duration ingestWorkerStandby,
        @DefaultValue({"30s", "2m", "10m", "30m"}) List<Duration> storeRetryDelays,
        @DefaultValue("50") int storeRetryLimit) {

    public RecordingsProperties {
        if (storeRetryDelays.isEmpty() || storeRetryDelays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("earmark.recordings.store-retry-delays needs positive durations, such as"
                    + " '30s,2m,10m,30m'; it is " + storeRetryDelays);
        }
        if (storeRetryLimit < 1) {
            throw new IllegalArgumentException("earmark.recordings.store-retry-limit must be at least 1; it is "
                    + storeRetryLimit);
        }
        storeRetryDelays = List.copyOf(storeRetryDelays);
    }
}
