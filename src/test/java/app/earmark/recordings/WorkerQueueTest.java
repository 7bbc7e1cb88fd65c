package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.support.EarmarkSpringTest;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The worker queues' schedulers (ingest, chaptered copies), as each node makes them ({@link WorkerQueue#newScheduler}),
 * two "nodes" on this application's database: a node holds at most as many claimed jobs as it has workers, so while one
 * node is busy the other takes the waiting jobs, and each job runs once.
 */
@EarmarkSpringTest
class WorkerQueueTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    DbSchedulerProperties settings;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Scheduler> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Scheduler::stop);
    }

    static Stream<Arguments> queues() {
        return Stream.of(Arguments.of(IngestQueue.TABLE, IngestSupervisor.WORKERS),
                Arguments.of(ChapterQueue.TABLE, ChapteredCopies.WORKERS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    void aBusyNodeClaimsNoMoreJobsThanItHasWorkersAndTheOtherNodeTakesThem(String table, int workers) {
        // A task name of this test's own: this application's own queue polls the same table and leaves it alone.
        String name = "test-job-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> runs = new ConcurrentHashMap<>();
        List<Integer> mostClaimedByOneNode = new CopyOnWriteArrayList<>();
        Scheduler a = node(table, workers, "queue-node-a", name, runs);
        node(table, workers, "queue-node-b", name, runs);
        for (int i = 0; i < 6; i++) {
            a.schedule(Tasks.oneTime(name).execute((instance, context) -> { }).instance(String.valueOf(i)),
                    Instant.now());
        }
        a.triggerCheckForDueExecutions();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            mostClaimedByOneNode.add(jdbc.queryForObject("select coalesce(max(n), 0) from (select count(*) as n from "
                    + table + " where task_name = ? and picked group by picked_by) claimed",
                    Integer.class, name));
            return runs.size() == 6 && jdbc.queryForObject("select count(*) from " + table
                    + " where task_name = ?", Integer.class, name) == 0;
        });
        assertThat(mostClaimedByOneNode).as("jobs claimed by one node at a time").allSatisfy(claimed ->
                assertThat(claimed).isLessThanOrEqualTo(workers));
        runs.forEach((job, by) -> assertThat(by).as("runs of job %s", job).hasSize(1));
        assertThat(runs.values().stream().map(by -> by.get(0)).distinct()).as("nodes that ran jobs")
                .containsExactlyInAnyOrder("queue-node-a", "queue-node-b");
    }

    /** A node: a worker queue's scheduler under its own name, looking every 200 ms, its job taking 600 ms. */
    private Scheduler node(String table, int workers, String nodeName, String taskName,
            Map<String, List<String>> runs) {
        DbSchedulerProperties own = new DbSchedulerProperties();
        own.setSchedulerName(nodeName);
        own.setPollingInterval(Duration.ofMillis(200));
        own.setHeartbeatInterval(settings.getHeartbeatInterval());
        own.setImmediateExecutionEnabled(true);
        OneTimeTask<Void> task = Tasks.oneTime(taskName).execute((instance, context) -> {
            runs.computeIfAbsent(instance.getId(), id -> new CopyOnWriteArrayList<>()).add(nodeName);
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Scheduler scheduler = WorkerQueue.newScheduler(table, workers, task, dataSource, own);
        nodes.add(scheduler);
        scheduler.start();
        return scheduler;
    }
}
