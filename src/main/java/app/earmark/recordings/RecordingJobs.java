package app.earmark.recordings;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
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
 * <li>{@code recording-ingest}: one per recording waiting for ingest, in a table of its own ({@link IngestQueue}).</li>
 * <li>{@value #CHAPTERS_TASK}: one per chaptered copy asked for and not yet stored (instance = the rendition's hash and
 * the copy's key); the caller waits for its outcome. A node already making a copy puts it back for another node.</li>
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
    static final String CHAPTERS_TASK = "chaptered-copy";
    static final String CHAPTERS_FORGET_TASK = "chaptered-copy-jobs-forget";
    /** Data: the {@link ChapteredCopies.CopyJob} as JSON; instance: what it makes (rendition hash / copy key). */
    static final TaskDescriptor<String> CHAPTERS = TaskDescriptor.of(CHAPTERS_TASK, String.class);
    /** How soon a job this node's busy worker put back is due again (for any node). */
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    @Bean
    CustomTask<String> chapteredCopyTask(ChapteredCopies copies) {
        return Tasks.custom(CHAPTERS_TASK, String.class)
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(10)))
                .execute((instance, context) -> switch (copies.runJob(instance.getData())) {
                    case BUSY -> again(BUSY_RETRY);
                    case DONE -> new CompletionHandler.OnCompleteRemove<>();
                });
    }

    /** Once a day across the cluster: the outcomes of copy jobs finished more than a day ago are forgotten. */
    @Bean
    RecurringTask<Void> chapteredCopyJobsForgetTask(ChapteredCopies copies) {
        return Tasks.recurring(CHAPTERS_FORGET_TASK, FixedDelay.ofHours(24)).execute((instance, context) ->
                copies.forgetFinished(Duration.ofDays(1)));
    }

    /** Runs the job again (with its data) after this long, on whichever node claims it then. */
    private static <T> CompletionHandler<T> again(Duration after) {
        return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(after));
    }

    /**
     * This node looks for due jobs at once rather than at its next poll (when its scheduler is in this process; a
     * client alone has none).
     */
    static void checkDueNow(SchedulerClient scheduler) {
        if (scheduler instanceof Scheduler local) {
            local.triggerCheckForDueExecutions();
        }
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
