package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.recordings.ChapteredCopies.Chapter;
import app.earmark.recordings.ChapteredCopies.ChapteredCopy;
import app.earmark.recordings.ChapteredCopies.CopyJob;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chaptered copies as cluster jobs: a copy whose node died while making it (its job claimed, the heartbeat stopped) is
 * taken over by another node, and the person who asked, waiting on yet another node, gets it; it is made once.
 */
@EarmarkSpringTest
class ChapteredCopyJobsTest {

    @TempDir
    Path media;

    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    ChapteredCopies copies;
    @Autowired
    ChapterQueue queue;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;

    @Test
    void aCopyWhoseNodeDiedIsMadeByAnotherNodeAndTheWaitingCallerGetsIt() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "takeover.m4a", TestMedia.m4aAac(media, 6));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).as(ready.message()).isEqualTo(RecordingState.READY);
        List<Chapter> chapters = List.of(new Chapter(0, 3_000, "Takeover " + System.nanoTime()),
                new Chapter(3_000, 6_000, "AC 1.2"));
        CopyJob job = signedIn.as("assessor", () -> copies.jobFor(ready.id(), chapters));

        // A node asked for this copy and claimed its job, then died: the job's row is picked by it, its last heartbeat
        // 5 s old (dead for a node beating every 0.5 s, not yet for this context's own scheduler), and the outcome row
        // still says waiting. Scheduled far ahead first, so that no live node takes it before it is marked picked.
        queue.schedule(job.jobKey(), copies.jobData(job), Instant.now().plus(Duration.ofHours(1)));
        jdbc.update("update chapter_jobs set picked = true, picked_by = 'node-dead', last_heartbeat = ?,"
                + " execution_time = ?, version = version + 1 where task_name = ? and task_instance = ?",
                Timestamp.from(Instant.now().minusSeconds(5)), Timestamp.from(Instant.now().minusSeconds(30)),
                ChapterQueue.TASK, job.jobKey());
        jdbc.update("insert into chaptered_copy_job (job_key, recording_id, state, requested_at) values (?, ?,"
                + " 'WAITING', ?)", job.jobKey(), ready.id(), Timestamp.from(Instant.now().minusSeconds(30)));
        long before = trail.lastSeq();

        // The caller asks again on this node: it joins the job (none of its own is made) and waits.
        CompletableFuture<ChapteredCopy> waiting = CompletableFuture.supplyAsync(() -> signedIn.as("assessor",
                () -> copies.chapteredCopy(ready.id(), chapters)));
        Thread.sleep(1_000);
        assertThat(waiting).as("the dead node's job is not done yet").isNotDone();
        assertThat(jdbc.queryForObject("select picked_by from chapter_jobs where task_name = ? and"
                + " task_instance = ?", String.class, ChapterQueue.TASK, job.jobKey())).isEqualTo(
                "node-dead");

        Scheduler other = Scheduler.create(dataSource, List.of(queue.task())).tableName(ChapterQueue.TABLE)
                .schedulerName(new SchedulerName.Fixed("node-b")).threads(2).pollingInterval(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(500)).missedHeartbeatsLimit(4).build();
        other.start();
        try {
            ChapteredCopy copy = waiting.get(3, TimeUnit.MINUTES);
            assertThat(copy.chapters()).isEqualTo(2);
            assertThat(copy.fileName()).isEqualTo("takeover-chapters.m4a");
            assertThat(jdbc.queryForObject("select state from chaptered_copy_job where job_key = ?", String.class,
                    job.jobKey())).isEqualTo("DONE");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from"
                    + " chapter_jobs where task_name = ? and task_instance = ?", Integer.class,
                    ChapterQueue.TASK, job.jobKey()) == 0);
            assertThat(trail.since(before)).filteredOn(entry -> "chaptered-copy-made".equals(entry.get("action")))
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.get("actor")).as("the person who asked, on the node that died")
                                .isEqualTo("assessor");
                        assertThat((String) entry.get("details")).contains(copy.sha256());
                    });

            ChapteredCopy again = signedIn.as("iqa", () -> copies.chapteredCopy(ready.id(), chapters));
            assertThat(again).as("the same copy, from the store").isEqualTo(copy);
        } finally {
            other.stop();
        }
    }

    @Test
    void outcomesOfJobsFinishedMoreThanADayAgoAreForgottenAndWaitingJobsKept() {
        String prefix = "forget-" + System.nanoTime() + "/";
        Instant now = Instant.now();
        jdbc.update("insert into chaptered_copy_job (job_key, recording_id, state, requested_at, finished_at) values"
                + " (?, 1, 'DONE', ?, ?)", prefix + "old", Timestamp.from(now.minus(Duration.ofDays(3))),
                Timestamp.from(now.minus(Duration.ofDays(2))));
        jdbc.update("insert into chaptered_copy_job (job_key, recording_id, state, requested_at, finished_at) values"
                + " (?, 1, 'REFUSED', ?, ?)", prefix + "recent", Timestamp.from(now.minus(Duration.ofHours(2))),
                Timestamp.from(now.minus(Duration.ofHours(1))));
        jdbc.update("insert into chaptered_copy_job (job_key, recording_id, state, requested_at) values"
                + " (?, 1, 'WAITING', ?)", prefix + "waiting", Timestamp.from(now.minus(Duration.ofDays(3))));

        assertThat(copies.forgetFinished(Duration.ofDays(1))).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("select job_key from chaptered_copy_job where job_key like ?", String.class,
                prefix + "%")).containsExactlyInAnyOrder(prefix + "recent", prefix + "waiting");
    }

    @Test
    void aCallerJoiningAWaitingJobGetsItsOutcome() {
        new ChapteredCopyChecks(copies, fixtures, signedIn, jdbc).aCallerJoiningAWaitingJobGetsItsOutcome();
    }

    @Test
    void aRefusalReachesTheWaitingCallerAndAskingAgainRunsANewJob() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[] {1, 2, 3, 4}, "audio/mp4");
        List<Chapter> chapters = List.of(new Chapter(0, 1_000, "Refused " + System.nanoTime()));
        String jobKey = signedIn.as("assessor", () -> copies.jobFor(recording, chapters)).jobKey();

        List<Timestamp> finished = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= 2; attempt++) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> signedIn.as("assessor",
                    () -> copies.chapteredCopy(recording, chapters)));
            assertThat(refused).as("attempt " + attempt).isInstanceOf(app.earmark.discussions.DiscussionException.class)
                    .hasMessageNotContaining("busy");
            Timestamp[] row = jdbc.queryForObject("select state, requested_at, finished_at from chaptered_copy_job"
                    + " where job_key = ?", (rs, n) -> {
                        assertThat(rs.getString(1)).isEqualTo("REFUSED");
                        return new Timestamp[] {rs.getTimestamp(2), rs.getTimestamp(3)};
                    }, jobKey);
            Timestamp requested = row[0];
            Timestamp finishedAt = row[1];
            assertThat(finishedAt).as("attempt " + attempt + ": its job ran after it was asked for")
                    .isAfterOrEqualTo(requested);
            if (!finished.isEmpty()) {
                assertThat(requested).as("asked again after the first job had finished")
                        .isAfterOrEqualTo(finished.get(0));
                assertThat(finishedAt).as("a new job ran and wrote its own outcome").isAfter(finished.get(0));
            }
            finished.add(finishedAt);
        }
    }
}
