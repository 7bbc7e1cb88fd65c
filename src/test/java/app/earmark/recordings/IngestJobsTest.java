package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.support.EarmarkSpringTest;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ingest jobs across nodes, with Earmark's own ingest task: a recording whose node died mid-ingest (its job still
 * claimed, the heartbeat stopped) is ingested by another node; running a settled recording's job again (a second node
 * that took over from one that was only cut off) changes nothing.
 */
@EarmarkSpringTest
class IngestJobsTest {

    @TempDir
    Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    IngestSupervisor supervisor;
    @Autowired
    IngestQueue queue;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRecordingWhoseNodeDiedMidIngestIsIngestedByAnotherNode() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.interruptedRecording(discussion, TestMedia.webmOpusOnly(media, 6));
        // The dead node had claimed the job; its last heartbeat was 5 s ago: dead for a node that expects one every
        // 0.5 s, not yet for this application context's own scheduler (a beat every 10 s, 6 may be missed).
        String id = String.valueOf(recording);
        jdbc.update("delete from ingest_jobs where task_name = ? and task_instance = ?", IngestQueue.TASK, id);
        jdbc.update("insert into ingest_jobs (task_name, task_instance, execution_time, picked, picked_by,"
                + " last_heartbeat, version) values (?, ?, ?, true, 'node-dead', ?, 1)", IngestQueue.TASK,
                id, Timestamp.from(Instant.now().minusSeconds(30)), Timestamp.from(Instant.now().minusSeconds(5)));

        // Another node, with the same ingest task and a short heartbeat (so it finds the dead job in about a second).
        Scheduler other = Scheduler.create(dataSource, List.of(queue.task())).tableName(IngestQueue.TABLE)
                .schedulerName(new SchedulerName.Fixed("node-b")).threads(2).pollingInterval(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(500)).missedHeartbeatsLimit(4).build();
        other.start();
        try {
            RecordingSummary ready = uploads.awaitSettled(discussion);
            assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
            assertThat(ready.renditionMime()).isEqualTo("audio/webm");
            assertThat(ready.attempts()).as("the dead node's attempt and this one").isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from"
                    + " ingest_jobs where task_name = ? and task_instance = ?", Integer.class, IngestQueue.TASK,
                    id) == 0);
        } finally {
            other.stop();
        }
    }

    /**
     * A run whose job another node took over meanwhile (as when this node's heartbeats stopped reaching the database
     * for a while, though it kept working): the other node's claim counted the attempt past this run's, so when this
     * run ends it settles nothing, and the recording is left to the run that counts.
     */
    @Test
    void aRunWhoseJobAnotherNodeTookOverSettlesNothingWhenItEnds() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        // AMR, which ingest transcodes: long enough to be taken over while it runs.
        long recording = fixtures.notYetQueuedRecording(discussion, TestMedia.amr3gp(media, 900));
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            IngestSupervisor.JobOutcome outcome;
            while ((outcome = supervisor.runJob(recording)) == IngestSupervisor.JobOutcome.BUSY) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            return outcome;
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> List.of("PROBING",
                "PROCESSING").contains(jdbc.queryForObject("select state from recording where id = ?", String.class,
                        recording)));
        // Another node's claim: the recording interrupted, queued and started again (attempt 2).
        jdbc.update("update recording set attempts = attempts + 1, state = 'PROBING' where id = ?", recording);

        assertThat(run.get(2, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(IngestSupervisor.JobOutcome.DONE);
        var row = jdbc.queryForMap("select state, attempts, rendition_name from recording where id = ?", recording);
        assertThat(row.get("state")).as("left to the run that counts").isEqualTo("PROBING");
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(2);
        assertThat(row.get("rendition_name")).isNull();
    }

    @Test
    void aRecordingWaitingForTheMediaStoreIsTriedAgainAfterGrowingDelaysThenEveryHalfHour() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(supervisor::storeRetryDelay).toList())
                .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
                        Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30));
    }

    @Test
    void theJobOfASettledRecordingRunAgainChangesNothing() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "talk.m4a", TestMedia.m4aAac(media, 5));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);

        // Run as a node would whose worker is free (this one's may still be finishing another job).
        var outcome = new java.util.concurrent.atomic.AtomicReference<IngestSupervisor.JobOutcome>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            outcome.set(supervisor.runJob(ready.id()));
            return outcome.get() != IngestSupervisor.JobOutcome.BUSY;
        });
        assertThat(outcome.get()).isEqualTo(IngestSupervisor.JobOutcome.DONE);

        RecordingSummary after = uploads.await(discussion, r -> true, Duration.ofSeconds(5));
        assertThat(after).isEqualTo(ready);
    }
}
