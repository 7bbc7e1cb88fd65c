package app.earmark.recordings;

import app.earmark.cluster.ClusterBus;
import app.earmark.recordings.IngestSupervisor.JobOutcome;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
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
 * The ingest jobs, one per recording waiting for ingest (instance = the recording's id), in a {@link WorkerQueue} of
 * their own: table {@value #TABLE} (migration V35), claimed only by a node whose ingest worker is free.
 */
@Component
class IngestQueue implements DisposableBean {

    static final String TABLE = "ingest_jobs";
    static final String TASK = "recording-ingest";
    static final TaskDescriptor<Void> INGEST = TaskDescriptor.of(TASK);

    private final CustomTask<Void> task;
    private final WorkerQueue queue;

    IngestQueue(DataSource dataSource, DbSchedulerProperties shared, IngestSupervisor supervisor, ClusterBus bus) {
        this.task = Tasks.custom(TASK, Void.class)
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .execute((instance, context) -> {
                    JobOutcome outcome = supervisor.runJob(Long.parseLong(instance.getId()));
                    return switch (outcome.kind()) {
                        // Not expected (a thread per worker), but a busy worker never waits for a job.
                        case BUSY -> RecordingJobs.again(RecordingJobs.BUSY_RETRY);
                        case AGAIN -> RecordingJobs.again(Duration.ZERO);
                        case DONE -> new CompletionHandler.OnCompleteRemove<>();
                        case WAIT_FOR_STORE -> RecordingJobs.at(outcome.dueAgain());
                    };
                });
        this.queue = new WorkerQueue(TABLE, IngestSupervisor.WORKERS, task, dataSource, shared, bus,
                "recordings.ingest-queued");
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        queue.start();
    }

    /**
     * A job for the recording, due then, unless it has one; inside a transaction, written with it.
     *
     * @return whether a job was made
     */
    boolean schedule(long recordingId, Instant due) {
        return queue.schedule(INGEST.instance(String.valueOf(recordingId)).scheduledTo(due));
    }

    /** After a job was committed: every node with a free worker looks at once. */
    void queued() {
        queue.queued();
    }

    /** This node looks for due jobs at once. */
    void wake() {
        queue.wake();
    }

    /** The ingest task itself, for a test's second scheduler ("another node") on the same table. */
    CustomTask<Void> task() {
        return task;
    }

    @Override
    public void destroy() {
        queue.close();
    }
}
