package app.earmark.recordings;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This module's jobs and periodic tasks, run by db-scheduler on whichever Earmark node claims them in the shared
 * database (see docs/jobs.md). Each claimed execution is kept alive by its node's heartbeat; when the heartbeat stops
 * (the node died), another node's scheduler revives it and runs it again.
 *
 * <ul>
 * <li>{@code recording-ingest} and {@code chaptered-copy}: the worker jobs, each kind in a table of its own, claimed
 * only by a node whose worker is free ({@link IngestQueue}, {@link ChapterQueue}).</li>
 * <li>{@value #CHAPTERS_FORGET_TASK}: once a day, once across the cluster, forgets the outcomes of copy jobs finished
 * more than a day ago.</li>
 * <li>{@value #INGEST_CHECK_TASK}: every 5 s, once across the cluster, gives a job to any recording waiting for ingest
 * without one.</li>
 * <li>{@value #CLOSE_ABANDONED_TASK}: closes the live recordings whose browser went silent, once across the cluster.
 * </li>
 * <li>{@code uploads-expire} (in {@code upload}): removes the uploads nobody resumed in time, once across the
 * cluster.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RecordingJobs {

    static final String INGEST_CHECK_TASK = "recording-ingest-check";
    static final String CLOSE_ABANDONED_TASK = "live-recordings-close-abandoned";
    static final String CHAPTERS_FORGET_TASK = "chaptered-copy-jobs-forget";
    /** How soon a worker job this node's busy worker put back is due again (for any node). */
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    /** Once a day across the cluster: the outcomes of copy jobs finished more than a day ago are forgotten. */
    @Bean
    RecurringTask<Void> chapteredCopyJobsForgetTask(ChapteredCopies copies) {
        return Tasks.recurring(CHAPTERS_FORGET_TASK, FixedDelay.ofHours(24)).execute((instance, context) ->
                copies.forgetFinished(Duration.ofDays(1)));
    }

    /** Runs the job again (with its data) after this long, on whichever node claims it then. */
    static <T> CompletionHandler<T> again(Duration after) {
        return at(Instant.now().plus(after));
    }

    /** Runs the job again (with its data) then, on whichever node claims it. */
    static <T> CompletionHandler<T> at(Instant when) {
        return (complete, operations) -> operations.reschedule(complete, when);
    }

    /**
     * A safety net, as the queue's sweep was before: a job for any recording waiting for ingest without one (queued
     * before the jobs table existed, or by a path that gave it none).
     */
    @Bean
    RecurringTask<Void> ingestCheckTask(IngestSupervisor supervisor) {
        return Tasks.recurring(INGEST_CHECK_TASK, FixedDelay.ofSeconds(5)).execute((instance, context) ->
                supervisor.enqueueWaiting());
    }

    @Bean
    RecurringTask<Void> closeAbandonedLiveRecordingsTask(LiveRecordings live,
            @Value("${earmark.live.sweep-interval:PT10S}") Duration interval) {
        return Tasks.recurring(CLOSE_ABANDONED_TASK, FixedDelay.of(interval)).execute((instance, context) ->
                live.closeAbandoned());
    }
}
