package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import app.earmark.discussions.DiscussionException;
import app.earmark.recordings.ChapteredCopies.Chapter;
import app.earmark.recordings.ChapteredCopies.CopyJob;
import app.earmark.support.SignedIn;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks of chaptered-copy jobs that run on H2 ({@link ChapteredCopyJobsTest}) and on PostgreSQL ({@code PostgresIT}),
 * whose transactions differ: on PostgreSQL a failed statement aborts the transaction it runs in.
 */
public final class ChapteredCopyChecks {

    private final ChapteredCopies copies;
    private final RecordingFixtures fixtures;
    private final SignedIn signedIn;
    private final JdbcTemplate jdbc;

    public ChapteredCopyChecks(ChapteredCopies copies, RecordingFixtures fixtures, SignedIn signedIn,
            JdbcTemplate jdbc) {
        this.copies = copies;
        this.fixtures = fixtures;
        this.signedIn = signedIn;
        this.jdbc = jdbc;
    }

    /**
     * A second person asks for a copy whose job is waiting already (someone else asked first): the request joins that
     * job rather than failing, and the caller gets its outcome (here the worker's refusal of a file that is no audio).
     */
    public void aCallerJoiningAWaitingJobGetsItsOutcome() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, ("no audio " + System.nanoTime())
                .getBytes(StandardCharsets.UTF_8), "audio/mp4");
        List<Chapter> chapters = List.of(new Chapter(0, 1_000, "Joined " + System.nanoTime()));
        CopyJob job = signedIn.as("assessor", () -> copies.jobFor(recording, chapters));
        // The first caller's request: its row says waiting (its job not yet claimed by any node).
        jdbc.update("insert into chaptered_copy_job (job_key, recording_id, state, requested_at) values (?, ?,"
                + " 'WAITING', ?)", job.jobKey(), recording, Timestamp.from(Instant.now().minusSeconds(1)));

        Throwable outcome = catchThrowable(() -> signedIn.as("iqa", () -> copies.chapteredCopy(recording, chapters)));

        assertThat(outcome).as("the job's refusal, not an error of the request").isInstanceOf(
                DiscussionException.class).hasMessageNotContaining("busy");
        assertThat(jdbc.queryForObject("select state from chaptered_copy_job where job_key = ?", String.class,
                job.jobKey())).isEqualTo("REFUSED");
    }
}
