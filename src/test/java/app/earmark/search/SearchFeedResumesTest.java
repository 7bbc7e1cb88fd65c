package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.base.SearchContributor.Subject;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine goes down (every call throws as an unreachable engine does), changes are made, the engine comes back:
 * nothing is lost. A context of its own, whose index can be switched off (on a database of its own, as every test
 * context has: {@link app.earmark.support.TestContextId}).
 */
@EarmarkSpringTest
@Import(SearchFeedResumesTest.Switchable.class)
class SearchFeedResumesTest {

    @Autowired
    SwitchableIndex engine;
    @Autowired
    SearchFeed feed;
    @Autowired
    Search search;
    @Autowired
    Tags tags;
    @Autowired
    Discussions discussions;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void engineBack() {
        engine.down = false;
    }

    @Test
    void changesMadeWhileTheEngineIsDownWaitInTheOutboxAndAreAppliedWhenItReturns() {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        AssessedCriterion ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0);
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.backlog() == 0);

        engine.down = true;
        List<String> words = List.of("zqfirstword", "zqsecondword", "zqthirdword");
        for (int i = 0; i < words.size(); i++) {
            long at = 10_000L * (i + 1);
            String note = "About " + words.get(i);
            signedIn.as("assessor", () -> tags.create(recording, new TagDraft(at, null, Set.of(ac.id()), note)));
        }
        feed.drain();
        // A background attempt (nudged by each commit) holds a version row of its own until the engine refuses it, so
        // the three changes are what remains once it has given up.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from search_outbox where subject_kind = 'DISCUSSION' and subject_id = ?", Long.class,
                discussion)).isEqualTo(3));
        assertThat(jdbc.queryForObject("select max(attempts) from search_outbox where subject_id = ?",
                Integer.class, discussion)).isPositive();
        assertThatThrownBy(() -> signedIn.as("assessor", () -> search.search(words.get(0), Map.of(), null, null,
                SearchSort.RELEVANCE, 0, 20))).isInstanceOf(SearchException.Unavailable.class)
                .hasMessageContaining("unavailable");

        engine.down = false;
        feed.nudge();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.backlog() == 0);
        // Applied: searchable within the engine's refresh (half a second on Lucene).
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String word : words) {
                SearchResult found = signedIn.as("assessor", () -> search.search(word, Map.of(), null, null,
                        SearchSort.RELEVANCE, 0, 20));
                assertThat(found.hits()).as(word).singleElement()
                        .satisfies(h -> assertThat(h.document().discussionId()).isEqualTo(discussion));
            }
        });
        // Applying the same subject again (a replay) changes nothing a search can tell.
        SearchDocument second = signedIn.as("assessor", () -> search.search("zqsecondword", Map.of(), null, null,
                SearchSort.RELEVANCE, 0, 20)).hits().get(0).document();
        feed.apply(Subject.discussion(discussion), second.version());
        assertThat(signedIn.as("assessor", () -> search.search("zqsecondword", Map.of(), null, null,
                SearchSort.RELEVANCE, 0, 20)).total()).isEqualTo(1);
    }

    /**
     * An outbox row's id is drawn before its transaction commits, so a change can commit while the feed writes its
     * subject as read a moment before, with an id older than the version the feed drew: that row stays, and the
     * change is applied.
     */
    @Test
    void aChangeCommittingWhileItsSubjectIsWrittenIsAppliedAfterwards() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        await().atMost(Duration.ofSeconds(90)).until(() -> feed.backlog() == 0);
        String word = "zqlatecommit" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        var written = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> change;
            // Holding the feed: no background run takes the subject before this test's own.
            synchronized (feed) {
                feed.changed(Subject.discussion(discussion));
                change = other.submit(() -> signedIn.as("assessor", () -> transactions.executeWithoutResult(s -> {
                    discussions.savePlan(discussion, LocalTime.of(9, 0), List.of(new DiscussionPlan.Draft(
                            "Describe " + word, Set.of(ac))));
                    // After the outbox's own synchronization has written the row, before the commit.
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            written.countDown();
                            hold(commit);
                        }
                    });
                })));
                assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
                engine.duringUpsert = () -> {
                    commit.countDown();
                    try {
                        change.get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                feed.drain();
            }
            change.get(30, TimeUnit.SECONDS);
        } finally {
            engine.duringUpsert = null;
            other.shutdownNow();
        }
        feed.drain();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(signedIn.as("assessor",
                () -> search.search(word, Map.of(), null, null, SearchSort.RELEVANCE, 0, 20)).total()).isEqualTo(1));
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration
    static class Switchable {
        @Bean(destroyMethod = "close")
        @Primary
        SwitchableIndex switchableIndex() {
            return new SwitchableIndex(new LuceneSearchIndex(Path.of("target/test-search/switchable-"
                    + UUID.randomUUID())));
        }
    }

    /** A real Lucene index that can be made to throw what an unreachable engine throws. */
    static class SwitchableIndex implements SearchIndex, AutoCloseable {
        private final LuceneSearchIndex real;
        volatile boolean down;
        /** Run once inside the next upsert, after the feed has read the subject and before it writes it. */
        volatile Runnable duringUpsert;

        SwitchableIndex(LuceneSearchIndex real) {
            this.real = real;
        }

        private void check() {
            if (down) {
                throw new SearchException.Unavailable("Search is unavailable (test: the engine is down).", null);
            }
        }

        @Override
        public void upsert(Collection<SearchDocument> documents) {
            check();
            Runnable during = duringUpsert;
            duringUpsert = null;
            if (during != null) {
                during.run();
            }
            real.upsert(documents);
        }

        @Override
        public void delete(String id) {
            check();
            real.delete(id);
        }

        @Override
        public void deleteDiscussion(long discussionId) {
            check();
            real.deleteDiscussion(discussionId);
        }

        @Override
        public long version(String id) {
            check();
            return real.version(id);
        }

        @Override
        public SearchResult search(SearchQuery query) {
            check();
            return real.search(query);
        }

        @Override
        public void clear() {
            check();
            real.clear();
        }

        @Override
        public String engine() {
            return real.engine();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
