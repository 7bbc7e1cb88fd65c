package app.earmark.recordings;

import app.earmark.cluster.ClusterBus;
import app.earmark.recordings.IngestSupervisor.JobOutcome;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerConfigurationSupport;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ingest jobs, one per recording waiting for ingest (instance = the recording's id), in db-scheduler's table
 * {@value #TABLE} (migration V35) rather than the shared {@code scheduled_tasks}: each node polls it with a scheduler
 * of its own whose threads are the node's ingest workers ({@value IngestSupervisor#WORKERS}). db-scheduler locks a due
 * job only when one of its threads is about to run it, so a node claims a job only when its worker is free, and the jobs
 * a busy node has seen stay free for the others (see docs/jobs.md). The lease, heartbeat and taking over from a dead node
 * are db-scheduler's, as for every other job.
 *
 * <p>Why a scheduler of its own: on the shared one (ten threads for every task) a node whose worker was busy claimed jobs
 * only to put them back a second later, and as its own put-backs made it look again first, it mostly claimed them
 * again: in the jobs-per-minute benchmark one node of two ran all ten jobs, or one of them.
 */
@Component
class IngestQueue implements DisposableBean {

    static final String TABLE = "ingest_jobs";
    static final String TASK = "recording-ingest";
    static final TaskDescriptor<Void> INGEST = TaskDescriptor.of(TASK);
    /** Tells the other nodes a recording was queued, so that one with a free worker claims it before its next poll. */
    static final String QUEUED_TOPIC = "recordings.ingest-queued";

    private final CustomTask<Void> task;
    private final Scheduler scheduler;
    private final ClusterBus bus;
    private final Runnable stopListening;

    IngestQueue(DataSource dataSource, DbSchedulerProperties shared, IngestSupervisor supervisor, ClusterBus bus) {
        this.task = Tasks.custom(TASK, Void.class)
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .execute((instance, context) -> {
                    JobOutcome outcome = supervisor.runJob(Long.parseLong(instance.getId()));
                    return switch (outcome.kind()) {
                        case BUSY -> at(Instant.now().plus(RecordingJobs.BUSY_RETRY)); // not expected: a thread per worker
                        case AGAIN -> at(Instant.now());
                        case DONE -> new CompletionHandler.OnCompleteRemove<>();
                        case WAIT_FOR_STORE -> at(outcome.dueAgain());
                    };
                });
        this.scheduler = newScheduler(dataSource, shared, task);
        this.bus = bus;
        this.stopListening = bus.subscribe(QUEUED_TOPIC, Long.class, recording -> wake());
    }

    /**
     * A scheduler on this queue's table running {@code task}, with the shared scheduler's settings (polling, heartbeat,
     * name …) and one thread per ingest worker. Not started.
     */
    static Scheduler newScheduler(DataSource dataSource, DbSchedulerProperties shared, Task<?> task) {
        return DbSchedulerConfigurationSupport.buildScheduler(ownSettings(shared), new DbSchedulerCustomizer() { },
                StatsRegistry.NOOP, new SystemClock(), dataSource, List.of(task), List.of(), List.of());
    }

    /** The shared scheduler's settings with this queue's table and threads. */
    private static DbSchedulerProperties ownSettings(DbSchedulerProperties shared) {
        DbSchedulerProperties own = new DbSchedulerProperties();
        own.setTableName(TABLE);
        own.setThreads(IngestSupervisor.WORKERS);
        own.setSchedulerName(shared.getSchedulerName());
        own.setPollingInterval(shared.getPollingInterval());
        own.setHeartbeatInterval(shared.getHeartbeatInterval());
        own.setMissedHeartbeatsLimit(shared.getMissedHeartbeatsLimit());
        own.setImmediateExecutionEnabled(shared.isImmediateExecutionEnabled());
        own.setShutdownMaxWait(shared.getShutdownMaxWait());
        own.setDeleteUnresolvedAfter(shared.getDeleteUnresolvedAfter());
        own.setFailureLoggerLevel(shared.getFailureLoggerLevel());
        own.setFailureLoggerLogStackTrace(shared.isFailureLoggerLogStackTrace());
        own.setPollingStrategy(shared.getPollingStrategy());
        own.setPollingStrategyLowerLimitFractionOfThreads(shared.getPollingStrategyLowerLimitFractionOfThreads());
        own.setPollingStrategyUpperLimitFractionOfThreads(shared.getPollingStrategyUpperLimitFractionOfThreads());
        own.setAlwaysPersistTimestampInUtc(shared.isAlwaysPersistTimestampInUtc());
        return own;
    }

    /** Starts claiming jobs once the application is ready (migrations, demo data), as the shared scheduler does. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.start();
    }

    /**
     * A job for the recording, due then, unless it has one. Inside a transaction it is written with it (the data
     * source takes part in Spring's transactions).
     *
     * @return whether a job was made
     */
    boolean schedule(long recordingId, Instant due) {
        return scheduler.scheduleIfNotExists(INGEST.instance(String.valueOf(recordingId)).scheduledTo(due));
    }

    /** After a job was committed: this node looks for due jobs at once, and so does every other node. */
    void queued(long recordingId) {
        wake();
        bus.publish(QUEUED_TOPIC, recordingId);
    }

    /** This node looks for due jobs at once rather than at its next poll. */
    void wake() {
        scheduler.triggerCheckForDueExecutions();
    }

    /** The ingest task itself, for a test's second scheduler ("another node") on the same table. */
    CustomTask<Void> task() {
        return task;
    }

    private static CompletionHandler<Void> at(Instant when) {
        return (complete, operations) -> operations.reschedule(complete, when);
    }

    @Override
    public void destroy() {
        stopListening.run();
        scheduler.stop();
    }
}
