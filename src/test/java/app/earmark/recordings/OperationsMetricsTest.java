package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import app.earmark.recordings.ChapteredCopies.Chapter;
import app.earmark.search.Search;
import app.earmark.search.SearchSort;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Earmark's own metrics in the Prometheus scrape, each after the thing it counts has happened: the ingest queue and
 * ingest times, worker failures by reason, search latency by engine, chaptered copies.
 */
@EarmarkSpringTest
class OperationsMetricsTest {

    private static final String TOKEN = "test-metrics-token-0123456789";

    @TempDir
    Path media;

    @Autowired
    MockMvc mvc;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    TusUploads uploads;
    @Autowired
    SignedIn signedIn;
    @Autowired
    Search search;
    @Autowired
    ChapteredCopies copies;
    @Autowired
    IngestSupervisor supervisor;
    @Autowired
    JdbcTemplate jdbc;

    private String scrape() throws Exception {
        var response = mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    /** The value of the one sample of a metric whose labels include all of these; 0 when there is none. */
    private static double value(String scrape, String metric, String... labels) {
        double found = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (line.find()) {
            String present = line.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= present.contains(label);
            }
            if (all) {
                found += Double.parseDouble(line.group(2));
            }
        }
        return found;
    }

    @Test
    void theIngestQueueIsAGaugeOfEveryState() throws Exception {
        String scrape = scrape();
        for (String state : List.of("queued", "probing", "processing")) {
            assertThat(scrape).containsPattern("(?m)^earmark_ingest_queue\\{[^}]*state=\"" + state + "\"[^}]*\\} ");
        }
    }

    /** The gauges show what the last count found in the database (one query every 10 s, never one per scrape). */
    @Test
    void theIngestQueueGaugesShowTheLastCountOfTheDatabase() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            supervisor.countQueue();
            String scrape = scrape();
            for (RecordingState state : List.of(RecordingState.QUEUED, RecordingState.PROBING,
                    RecordingState.PROCESSING)) {
                long counted = jdbc.queryForObject("select count(*) from recording where state = ?", Long.class,
                        state.name());
                assertThat(value(scrape, "earmark_ingest_queue", "state=\"" + state.name().toLowerCase() + "\""))
                        .as(state.name()).isEqualTo(counted);
            }
        });
    }

    @Test
    void anIngestIsTimedAndARefusedFileCountsAsAWorkerFailure() throws Exception {
        String before = scrape();
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "metrics.m4a", TestMedia.m4aAac(media, 3));
        assertThat(uploads.awaitSettled(discussion).state()).isEqualTo(RecordingState.READY);
        long other = fixtures.discussionWithLearner().id();
        uploads.upload(other, "notes.mp4", TestMedia.textAsMp4(media));
        assertThat(uploads.awaitSettled(other).state()).isEqualTo(RecordingState.FAILED);

        String after = scrape();
        assertThat(value(after, "earmark_ingest_duration_seconds_count", "outcome=\"ready\""))
                .isGreaterThan(value(before, "earmark_ingest_duration_seconds_count", "outcome=\"ready\""));
        assertThat(after).contains("earmark_ingest_duration_seconds_bucket");
        assertThat(value(after, "earmark_worker_failures_total", "worker=\"ingest\"", "reason=\"file-refused\""))
                .isGreaterThan(value(before, "earmark_worker_failures_total", "worker=\"ingest\"",
                        "reason=\"file-refused\""));
    }

    @Test
    void aSearchIsTimedByEngine() throws Exception {
        String before = scrape();
        signedIn.as("assessor", () -> search.search("discussion", Map.of(), null, null, SearchSort.RELEVANCE, 0, 10));

        String after = scrape();
        assertThat(value(after, "earmark_search_latency_seconds_count", "engine=\"lucene\"", "outcome=\"answered\""))
                .isGreaterThan(value(before, "earmark_search_latency_seconds_count", "engine=\"lucene\"",
                        "outcome=\"answered\""));
    }

    @Test
    void chapteredCopiesAreCountedMadeThenStored() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        uploads.upload(discussion, "chapters.m4a", TestMedia.m4aAac(media, 4));
        RecordingSummary ready = uploads.awaitSettled(discussion);
        assertThat(ready.state()).isEqualTo(RecordingState.READY);
        String before = scrape();
        List<Chapter> chapters = List.of(new Chapter(0, 2_000, "Metrics " + System.nanoTime()));

        signedIn.as("assessor", () -> copies.chapteredCopy(ready.id(), chapters));
        String made = scrape();
        signedIn.as("assessor", () -> copies.chapteredCopy(ready.id(), chapters));
        String stored = scrape();

        assertThat(value(made, "earmark_chaptered_copies_total", "outcome=\"made\""))
                .isEqualTo(value(before, "earmark_chaptered_copies_total", "outcome=\"made\"") + 1);
        assertThat(value(made, "earmark_chaptered_duration_seconds_count")).isGreaterThan(
                value(before, "earmark_chaptered_duration_seconds_count"));
        assertThat(value(stored, "earmark_chaptered_copies_total", "outcome=\"stored\""))
                .isEqualTo(value(made, "earmark_chaptered_copies_total", "outcome=\"stored\"") + 1);
    }
}
