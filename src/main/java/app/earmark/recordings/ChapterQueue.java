package app.earmark.recordings;

import app.earmark.cluster.ClusterBus;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The chaptered-copy jobs, one per copy asked for and not yet stored (instance = the rendition's hash and the copy's
 * key; data = the {@link ChapteredCopies.CopyJob} as JSON), in a {@link WorkerQueue} of their own: table
 * {@value #TABLE} (migration V35), claimed only by a node whose chapters worker is free. The caller waits for the
 * outcome ({@link ChapteredCopies}).
 */
@Component
class ChapterQueue implements DisposableBean {

    static final String TABLE = "chapter_jobs";
    static final String TASK = "chaptered-copy";
    static final TaskDescriptor<String> CHAPTERS = TaskDescriptor.of(TASK, String.class);

    private final CustomTask<String> task;
    private final WorkerQueue queue;

    ChapterQueue(DataSource dataSource, DbSchedulerProperties shared, ChapteredCopies copies, ClusterBus bus) {
        this.task = Tasks.custom(TASK, String.class)
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(10)))
                .execute((instance, context) -> switch (copies.runJob(instance.getData())) {
                    // Not expected (a thread per worker), but a busy worker never waits for a job.
                    case BUSY -> RecordingJobs.again(RecordingJobs.BUSY_RETRY);
                    case DONE -> new CompletionHandler.OnCompleteRemove<>();
                });
        this.queue = new WorkerQueue(TABLE, ChapteredCopies.WORKERS, task, dataSource, shared, bus,
                "recordings.chapters-queued");
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        queue.start();
    }

    /**
     * The job, due then, unless it exists; then every node with a free chapters worker looks at once.
     *
     * @return whether a job was made
     */
    boolean schedule(String jobKey, String data, Instant due) {
        boolean made = queue.schedule(CHAPTERS.instance(jobKey).data(data).scheduledTo(due));
        queue.queued();
        return made;
    }

    /** Whether the job is queued or running. */
    boolean isScheduled(String jobKey) {
        return queue.scheduled(TaskInstanceId.of(TASK, jobKey)).isPresent();
    }

    /** The chaptered-copy task itself, for a test's second scheduler ("another node") on the same table. */
    CustomTask<String> task() {
        return task;
    }

    @Override
    public void destroy() {
        queue.close();
    }
}
