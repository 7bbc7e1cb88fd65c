package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.earmark.base.SearchContributor.Subject;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.notes.Notes;
import app.earmark.sheets.AcResult;
import app.earmark.sheets.SheetContent;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.ElasticsearchServer;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real outage: Earmark on a real Elasticsearch server ({@link ElasticsearchServer}), the server is stopped, changes
 * are made through Earmark's own services (tags, a result sheet, a learner's dispute), they wait in the outbox while
 * search says it is unavailable and everything else keeps working, the server is started again on the same data, and
 * every change is found indexed, once, at its newest version.
 */
@EarmarkSpringTest
@ExtendWith(ElasticsearchServer.class)
class SearchOutageIT {

    private static final String PREFIX = "earmark-outage-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("earmark.search.engine", () -> "elasticsearch");
        registry.add("earmark.search.elasticsearch.urls", () -> ElasticsearchServer.url().toString());
        registry.add("earmark.search.elasticsearch.index-prefix", () -> PREFIX);
        registry.add("earmark.search.elasticsearch.connect-timeout", () -> "1s");
        registry.add("earmark.search.feed-interval", () -> "1s");
    }

    @Autowired
    Search search;
    @Autowired
    SearchFeed feed;
    @Autowired
    SearchIndexes indexes;
    @Autowired
    Tags tags;
    @Autowired
    Notes notes;
    @Autowired
    Discussions discussions;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    SheetFixtures sheetFixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    JdbcTemplate jdbc;

    private SearchResult as(String who, String text) {
        return signedIn.as(who, () -> search.search(text, Map.of(), null, null, SearchSort.RELEVANCE, 0, 20));
    }

    private long waiting(Subject subject) {
        return jdbc.queryForObject("select count(*) from search_outbox where subject_kind = ? and subject_id = ?",
                Long.class, subject.kind().name(), subject.id());
    }

    @Test
    void changesMadeWhileTheServerIsStoppedAreAllIndexedOnceWhenItIsBack() throws Exception {
        String unique = Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        List<AssessedCriterion> criteria = signedIn.as("assessor", () -> discussions.criteria(discussion));
        TagView before = signedIn.as("assessor", () -> tags.create(recording, new TagDraft(5_000, null,
                Set.of(criteria.get(0).id()), "Before the outage zqbefore" + unique)));
        // The first index is built from the demo centre at start-up; then the tag is found.
        await().atMost(Duration.ofSeconds(180)).until(() -> signedIn.as("admin", () -> search.status())
                .building() == null && as("assessor", "zqbefore" + unique).total() == 1);
        assertThat(indexes.layout().live()).startsWith("v" + ElasticsearchSearchIndex.MAPPING_VERSION + "-");

        ElasticsearchServer.stop();

        // Changes through Earmark's services all succeed while the engine is down.
        String changedWord = "zqchanged" + unique;
        String newWord = "zqnewtag" + unique;
        String sheetWord = "zqsheet" + unique;
        String disputeWord = "zqdispute" + unique;
        signedIn.as("assessor", () -> tags.update(before.id(), before.version(), new TagDraft(6_000, null,
                Set.of(criteria.get(0).id()), "Changed during the outage " + changedWord)));
        TagView added = signedIn.as("assessor", () -> tags.create(recording, new TagDraft(9_000, null,
                Set.of(criteria.get(1).id()), "Made during the outage " + newWord)));
        signedIn.as("learner", () -> notes.dispute(discussion, Set.of(added.id()), "I did not say "
                + disputeWord));
        SheetView draft = sheetFixtures.freshSheet("learner", "8587-300");
        Map.Entry<String, Long> first = draft.unit().criterionIds().entrySet().stream()
                .min(Map.Entry.comparingByKey()).orElseThrow();
        var content = new HashMap<>(SheetFixtures.allPass(draft.unit()).criteria());
        content.put(first.getValue(), new SheetContent.AcEntry(AcResult.PASS, null, "Feedback " + sheetWord, null));
        SheetView sheet = sheetFixtures.save(draft, false, new SheetContent(content, Map.of(), Map.of()));
        assertThat(signedIn.as("assessor", () -> tags.forDiscussion(discussion))).extracting(TagView::note)
                .contains("Changed during the outage " + changedWord, "Made during the outage " + newWord);

        // The outbox keeps them, search says it is unavailable, and the administrator sees why.
        feed.drain();
        assertThat(waiting(Subject.discussion(discussion))).isPositive();
        assertThat(waiting(Subject.sheet(sheet.id()))).isPositive();
        assertThat(jdbc.queryForObject("select max(attempts) from search_outbox where subject_kind = 'DISCUSSION'"
                + " and subject_id = ?", Integer.class, discussion)).isPositive();
        assertThatThrownBy(() -> as("assessor", changedWord)).isInstanceOf(SearchException.Unavailable.class)
                .hasMessageStartingWith("Search is unavailable");
        IndexStatus down = signedIn.as("admin", () -> search.status());
        assertThat(down.unavailable()).startsWith("Search is unavailable");
        assertThat(down.backlog()).isPositive();

        ElasticsearchServer.restart();

        await().atMost(Duration.ofSeconds(60)).until(() -> waiting(Subject.discussion(discussion)) == 0
                && waiting(Subject.sheet(sheet.id())) == 0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(as("assessor", changedWord).hits()).singleElement()
                    .satisfies(h -> assertThat(h.document().id()).isEqualTo("tag:" + before.id()));
            assertThat(as("assessor", newWord).hits()).extracting(h -> h.document().id())
                    .contains("tag:" + added.id());
            assertThat(as("assessor", disputeWord).hits()).singleElement()
                    .satisfies(h -> assertThat(h.document().id()).isEqualTo("dispute:" + disputeId(discussion)));
            assertThat(as("assessor", sheetWord).hits()).singleElement()
                    .satisfies(h -> assertThat(h.document().target())
                            .isEqualTo(new Target.SheetAc(sheet.id(), "8587-300/" + first.getKey())));
            assertThat(as("assessor", "zqbefore" + unique).total()).isZero();
        });
        // Each document is the newest version, indexed once: the engine's version is the document's own, and
        // applying the subject again with that version changes nothing.
        SearchDocument changed = as("assessor", changedWord).hits().get(0).document();
        assertThat(indexes.version(changed.id())).isEqualTo(changed.version());
        feed.apply(Subject.discussion(discussion), changed.version());
        assertThat(indexes.version(changed.id())).isEqualTo(changed.version());
        assertThat(as("assessor", changedWord).total()).isEqualTo(1);
    }

    private long disputeId(long discussion) {
        return jdbc.queryForObject("select max(id) from notes_dispute where discussion_id = ?", Long.class,
                discussion);
    }
}
