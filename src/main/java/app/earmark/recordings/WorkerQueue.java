package app.earmark.recordings;

import app.earmark.cluster.ClusterBus;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerConfigurationSupport;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.BeanUtils;

/**
 * The jobs of one kind of worker (ingest, chaptered copies) in a db-scheduler table of their own, polled on each node
 * by a scheduler of its own whose threads are the node's workers of that kind. db-scheduler locks a due job only when
 * one of its threads is about to run it, so a node claims such a job only when a worker is free, and the jobs a busy
 * node has seen stay free for the others (docs/jobs.md). The lease, heartbeat and taking over from a dead node are
 * db-scheduler's, as for every other job.
 *
 * <p>Why not the scheduler every task shares: its ten threads claimed worker jobs whether a worker was free or not, and
 * a busy node put them back, due a second later; as its own put-backs made it look again first, it mostly claimed them
 * again (in the jobs-per-minute benchmark one node of two ran nearly every ingest).
 */
final class WorkerQueue implements AutoCloseable {

    private final Scheduler scheduler;
    private final ClusterBus bus;
    private final String topic;
    private final Runnable stopListening;

    /**
     * @param table   the queue's table, of the form of {@code scheduled_tasks}
     * @param workers this node's workers of this kind (the scheduler's threads)
     * @param topic   the cluster bus topic by which a node that queued a job wakes the others
     */
    WorkerQueue(String table, int workers, Task<?> task, DataSource dataSource, DbSchedulerProperties shared,
            ClusterBus bus, String topic) {
        this.scheduler = newScheduler(table, workers, task, dataSource, shared);
        this.bus = bus;
        this.topic = topic;
        this.stopListening = bus.subscribe(topic, String.class, queued -> wake());
    }

    /**
     * A scheduler on {@code table} running {@code task}, with the shared scheduler's settings (all of them: polling,
     * heartbeat, name, shutdown wait …) but its own table and one thread per worker. Not started.
     */
    static Scheduler newScheduler(String table, int workers, Task<?> task, DataSource dataSource,
            DbSchedulerProperties shared) {
        DbSchedulerProperties own = new DbSchedulerProperties();
        BeanUtils.copyProperties(shared, own);
        own.setTableName(table);
        own.setThreads(workers);
        return DbSchedulerConfigurationSupport.buildScheduler(own, new DbSchedulerCustomizer() { },
                StatsRegistry.NOOP, new SystemClock(), dataSource, List.of(task), List.of(), List.of());
    }

    /** Starts claiming jobs (once the application is ready, as the shared scheduler does). */
    void start() {
        scheduler.start();
    }

    /**
     * The job unless one with its name and instance exists. Inside a transaction it is written with it (the data source
     * takes part in Spring's transactions).
     *
     * @return whether the job was made
     */
    <T> boolean schedule(SchedulableInstance<T> job) {
        return scheduler.scheduleIfNotExists(job);
    }

    /** The job with this name and instance, if it is queued or running. */
    Optional<ScheduledExecution<Object>> scheduled(TaskInstanceId id) {
        return scheduler.getScheduledExecution(id);
    }

    /** After a job was committed: this node looks for due jobs at once, and so does every other node. */
    void queued() {
        wake();
        bus.publish(topic, "queued");
    }

    /** This node looks for due jobs at once rather than at its next poll. */
    void wake() {
        scheduler.triggerCheckForDueExecutions();
    }

    @Override
    public void close() {
        stopListening.run();
        scheduler.stop();
    }
}
