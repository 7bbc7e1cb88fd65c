package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The guarantees Earmark's jobs rely on (docs/jobs.md), shown with two db-scheduler instances ("nodes") on one database
 * whose table is made by Earmark's own migration: each job is claimed by one node only; a job whose node died (its
 * heartbeat stopped) is taken over by the other; a recurring task runs once across both, not once per node. The same
 * checks run on H2 ({@link JobsAcrossNodesTest}) and on PostgreSQL ({@code PostgresIT}).
 */
public final class JobsAcrossNodes {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    /** Unique per run, so that other schedulers on the same database (other test contexts) never know these tasks. */
    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final List<Scheduler> started = new ArrayList<>();

    public JobsAcrossNodes(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    private Scheduler node(String name, Duration heartbeat, com.github.kagkarlsson.scheduler.task.Task<?>... tasks) {
        // As the Spring Boot starter does: recurring tasks are started (scheduled if not yet), the others known.
        List<com.github.kagkarlsson.scheduler.task.Task<?>> known = new ArrayList<>();
        List<RecurringTask<?>> recurring = new ArrayList<>();
        for (var task : tasks) {
            if (task instanceof RecurringTask<?> r) {
                recurring.add(r);
            } else {
                known.add(task);
            }
        }
        var builder = Scheduler.create(dataSource, known).schedulerName(new SchedulerName.Fixed(name))
                .threads(4).pollingInterval(Duration.ofMillis(200)).heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(4).startTasks(recurring);
        Scheduler scheduler = builder.build();
        started.add(scheduler);
        scheduler.start();
        return scheduler;
    }

    /** Stops every node this helper started. */
    public void stopAll() {
        started.forEach(Scheduler::stop);
    }

    /** 40 jobs scheduled while two nodes poll: every one runs, and exactly once. */
    public void eachJobIsClaimedByOneNode() {
        Map<String, List<String>> runs = new ConcurrentHashMap<>();
        String name = prefix + "job";
        OneTimeTask<Void> onA = Tasks.oneTime(name).execute((instance, context) -> ran(runs, instance.getId(), "a"));
        OneTimeTask<Void> onB = Tasks.oneTime(name).execute((instance, context) -> ran(runs, instance.getId(), "b"));
        Scheduler a = node(prefix + "node-a", Duration.ofSeconds(1), onA);
        node(prefix + "node-b", Duration.ofSeconds(1), onB);
        for (int i = 0; i < 40; i++) {
            a.schedule(onA.instance(String.valueOf(i)), Instant.now());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> runs.size() == 40 && remaining(name) == 0);
        runs.forEach((id, nodes) -> assertThat(nodes).as("runs of job %s", id).hasSize(1));
    }

    /**
     * A job claimed by a node that then died (picked, its heartbeat stopped long ago) is revived and run by the other.
     */
    public void aDeadNodesJobIsTakenOverByTheOther() {
        List<String> runs = new CopyOnWriteArrayList<>();
        String name = prefix + "orphan";
        OneTimeTask<Void> task = Tasks.oneTime(name).onDeadExecutionRevive()
                .execute((instance, context) -> runs.add(context.getExecution().pickedBy));
        // The dead node claimed the job and then its heartbeat stopped: as its row says after a crash.
        jdbc.update("insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
                + " last_heartbeat, version) values (?, '1', ?, true, ?, ?, 1)", name,
                Timestamp.from(Instant.now().minusSeconds(120)), prefix + "node-dead",
                Timestamp.from(Instant.now().minusSeconds(60)));

        node(prefix + "node-b", Duration.ofMillis(500), task);

        await().atMost(Duration.ofSeconds(60)).until(() -> runs.size() == 1 && remaining(name) == 0);
        assertThat(runs).containsExactly(prefix + "node-b");
    }

    /** A job whose node is alive (its heartbeat goes on) is never taken over, however long it runs. */
    public void aLiveNodesLongJobIsNotTakenOver() throws InterruptedException {
        List<String> runs = new CopyOnWriteArrayList<>();
        String name = prefix + "long";
        OneTimeTask<Void> task = Tasks.oneTime(name).onDeadExecutionRevive().execute((instance, context) -> {
            runs.add(context.getExecution().pickedBy);
            sleep(Duration.ofSeconds(4));
        });
        Scheduler a = node(prefix + "node-a", Duration.ofMillis(300), task);
        a.schedule(task.instance("1"), Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() == 1);
        // Node b would revive it after four missed heartbeats (1.2 s) if a's stopped: a keeps beating for 4 s.
        node(prefix + "node-b", Duration.ofMillis(300), task);

        await().atMost(Duration.ofSeconds(30)).until(() -> remaining(name) == 0);
        assertThat(runs).containsExactly(prefix + "node-a");
    }

    /** A recurring task known to both nodes runs once per period across them, not once per node. */
    public void aRecurringTaskRunsOnceAcrossBothNodes() throws InterruptedException {
        List<Instant> runs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        String name = prefix + "tick";
        RecurringTask<Void> onA = tick(name, runs, concurrent, overlaps);
        RecurringTask<Void> onB = tick(name, runs, concurrent, overlaps);
        node(prefix + "node-a", Duration.ofSeconds(1), onA);
        node(prefix + "node-b", Duration.ofSeconds(1), onB);

        Thread.sleep(6_000);

        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ?", Integer.class,
                name)).as("one row for the task, whichever node scheduled it").isEqualTo(1);
        assertThat(overlaps.get()).as("runs at the same time").isZero();
        // Every 1.5 s for 6 s: at most 5 runs once across the cluster (about 8 if each node ran its own).
        assertThat(runs).hasSizeBetween(2, 5);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i))).as("time between runs %d and %d", i, i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        }
    }

    private static RecurringTask<Void> tick(String name, List<Instant> runs, AtomicInteger concurrent,
            AtomicInteger overlaps) {
        return Tasks.recurring(name, FixedDelay.ofMillis(1500)).execute((instance, context) -> {
            if (concurrent.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            runs.add(Instant.now());
            sleep(Duration.ofMillis(100));
            concurrent.decrementAndGet();
        });
    }

    private int remaining(String taskName) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ?", Integer.class, taskName);
    }

    private static void ran(Map<String, List<String>> runs, String id, String node) {
        runs.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(node);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
