package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.earmark.catalogue.Unit;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionEvents;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.sheets.AcResult;
import app.earmark.sheets.SheetContent;
import app.earmark.sheets.SheetFixtures;
import app.earmark.sheets.SheetView;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.base.SearchContributor;
import app.earmark.workspace.TagEvents;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The index fed from the owners' events through the outbox, searched as people with different access, on the
 * embedded Lucene engine of the shared test application.
 */
@EarmarkSpringTest
class SearchFeedTest {

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
    AuditTrail trail;
    @Autowired
    SheetFixtures sheetFixtures;
    @Autowired
    SearchFeed feed;
    @Autowired
    SearchIndex index;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationEventPublisher events;

    /** A made-up word no other test's data holds, so counts are this test's own. */
    private static String uniqueWord() {
        Random random = new Random();
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    /** The engine open and warm, nothing waiting: the 1 s is the steady state's, not the first class loading's. */
    @BeforeEach
    void warm() {
        long discussion = fixtures.discussionWithLearner().id();
        await().atMost(Duration.ofSeconds(90)).until(() -> search.backlog() == 0
                && as("assessor", "").total() > 0);
    }

    private SearchResult as(String username, String text) {
        return signedIn.as(username, () -> search.search(text, Map.of(), null, null, SearchSort.RELEVANCE, 0, 20));
    }

    @Test
    void aTagMadeThroughTheServiceIsFoundWithinASecondAtItsMoment() {
        String word = uniqueWord();
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        AssessedCriterion ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).stream()
                .filter(c -> c.number().equals("3.1")).findFirst().orElseThrow();
        TagView tag = signedIn.as("assessor", () -> tags.create(recording,
                new TagDraft(43_000, null, Set.of(ac.id()), "Explains the " + word + " model with an example")));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> as("assessor", word).total() == 1);

        SearchResult.Hit hit = as("assessor", word).hits().get(0);
        assertThat(hit.document().id()).isEqualTo("tag:" + tag.id());
        assertThat(hit.document().target()).isEqualTo(new Target.Moment(discussion, recording, 43_000));
        assertThat(hit.document().acs()).containsExactly("8587-300/3.1");
        assertThat(hit.document().qualification()).isEqualTo("8587");
        assertThat(hit.document().discussionMode()).isEqualTo("FACE_TO_FACE");
        assertThat(hit.document().learnerName()).isEqualTo("Lee Learner");
        assertThat(hit.document().assessorName()).isEqualTo("Sam Assessor");
        assertThat(hit.fragments()).anySatisfy(f -> assertThat(f.marked()).contains("[" + word + "]"));

        // A change replaces the document; a deletion removes it.
        TagView changed = signedIn.as("assessor", () -> tags.update(tag.id(), tag.version(),
                new TagDraft(50_000, null, Set.of(ac.id()), "Now about something else entirely")));
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", word).total() == 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", "\"something else entirely\"").hits()
                .stream().anyMatch(h -> h.document().id().equals("tag:" + tag.id())
                        && h.document().target().equals(new Target.Moment(discussion, recording, 50_000))));
        signedIn.as("assessor", () -> tags.delete(tag.id(), changed.version()));
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", "\"something else entirely\"").hits()
                .stream().noneMatch(h -> h.document().id().equals("tag:" + tag.id())));
    }

    @Test
    void changesThatKeepComingAreWrittenInRoundsAtMostOnePer300Ms() throws InterruptedException {
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        List<Long> made = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int at = i;
            made.add(signedIn.as("assessor", () -> tags.create(recording, new TagDraft(1_000 * at, null, Set.of(ac),
                    "Tag " + at))).id());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> search.backlog() == 0);
        long roundsBefore = feed.rounds();
        long started = System.nanoTime();

        // Twenty changes of those tags 40 ms apart (a round takes a few ms), each committed on its own and asking for
        // the feed at once, as people tagging do.
        for (int i = 0; i < 20; i++) {
            feed.changed(SearchContributor.Subject.discussion(discussion),
                    TagEvents.SEARCH_PIECE_PREFIX + made.get(i % made.size()));
            feed.nudge();
            Thread.sleep(40);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> search.backlog() == 0);
        double spacings = (System.nanoTime() - started) / 300e6;

        // Written in a round at once and at most one per 300 ms after it, each made durable with one commit.
        assertThat(feed.rounds() - roundsBefore).as("rounds for 20 changes in %.2f spacings of 300 ms", spacings)
                .isLessThanOrEqualTo((long) Math.ceil(spacings) + 1);
    }

    @Test
    void aTagsChangeRewritesOnlyThatTagsDocumentAndItsDeletionRemovesOnlyIt() {
        String word = uniqueWord();
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0).id();
        List<TagView> made = signedIn.as("assessor", () -> List.of(
                tags.create(recording, new TagDraft(1_000, null, Set.of(ac), "First " + word)),
                tags.create(recording, new TagDraft(2_000, null, Set.of(ac), "Second " + word)),
                tags.create(recording, new TagDraft(3_000, null, Set.of(ac), "Third " + word))));
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", word).total() == 3);
        String first = "tag:" + made.get(0).id();
        String second = "tag:" + made.get(1).id();
        String third = "tag:" + made.get(2).id();
        String title = "discussion:" + discussion;
        long firstVersion = index.version(first);
        long titleVersion = index.version(title);
        assertThat(titleVersion).as("the discussion's own document").isPositive();

        String changedWord = uniqueWord();
        signedIn.as("assessor", () -> tags.update(made.get(1).id(), made.get(1).version(),
                new TagDraft(2_000, null, Set.of(ac), "Second, now " + changedWord)));
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", changedWord).total() == 1);
        assertThat(index.version(second)).isGreaterThan(firstVersion);
        assertThat(index.version(first)).as("an unchanged tag's document is not written again")
                .isEqualTo(firstVersion);
        assertThat(index.version(title)).isEqualTo(titleVersion);

        signedIn.as("assessor", () -> tags.delete(made.get(2).id(), made.get(2).version()));
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", word).total() == 1);
        assertThat(as("assessor", word).hits()).singleElement()
                .satisfies(h -> assertThat(h.document().id()).isEqualTo(first));
        assertThat(index.version(first)).isEqualTo(firstVersion);
        assertThat(jdbc.queryForList("select document_id from search_entry where subject_kind = 'DISCUSSION'"
                + " and subject_id = ?", String.class, discussion)).containsExactlyInAnyOrder(title, first, second);
        await().atMost(Duration.ofSeconds(2)).until(() -> search.backlog() == 0);
    }

    @Test
    void aVersionRowLeftByAStoppedNodeIsForgottenWithoutWritingItsSubjectAgain() {
        // A result sheet: a subject only ever written whole, so a row taken for a change would rewrite every document.
        String word = uniqueWord();
        SheetView draft = sheetFixtures.freshSheet("learner", "8587-300");
        long criterion = draft.unit().criterionIds().values().iterator().next();
        var content = new HashMap<>(SheetFixtures.allPass(draft.unit()).criteria());
        content.put(criterion, new SheetContent.AcEntry(AcResult.PASS, null, "Used the " + word + " model", null));
        SheetView saved = sheetFixtures.save(draft, false, new SheetContent(content, Map.of(), Map.of()));
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", word).total() == 1);
        String document = as("assessor", word).hits().get(0).document().id();
        long written = index.version(document);
        // As a node leaves it when it stops between drawing a version and forgetting it.
        var key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into search_outbox (subject_kind, subject_id,"
                    + " piece_id, created_at) values ('SHEET', ?, ?, current_timestamp)", new String[] {"id"});
            statement.setLong(1, saved.id());
            statement.setString(2, SearchFeed.VERSION_ROW);
            return statement;
        }, key);
        long left = key.getKey().longValue();

        feed.drain();

        assertThat(jdbc.queryForObject("select count(*) from search_outbox where id = ?", Long.class, left)).isZero();
        assertThat(index.version(document)).as("the sheet is not written again").isEqualTo(written);
    }

    @Test
    void aTagMovedOntoARoomsCombinedRecordingIsFoundThereAtItsNewMoment() {
        String word = uniqueWord();
        long discussion = fixtures.discussionWithLearner().id();
        long track = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        long combined = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        AssessedCriterion ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).stream()
                .filter(c -> c.number().equals("3.1")).findFirst().orElseThrow();
        TagView tag = signedIn.as("assessor", () -> tags.create(track,
                new TagDraft(43_000, null, Set.of(ac.id()), "Explains the " + word + " model")));
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", word).total() == 1);

        new TransactionTemplate(transactions).executeWithoutResult(
                status -> tags.moveAll(track, combined, 1_250, "system"));

        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", word).hits().stream()
                .anyMatch(h -> h.document().id().equals("tag:" + tag.id())
                        && h.document().target().equals(new Target.Moment(discussion, combined, 44_250))));
        assertThat(as("assessor", word).total()).isEqualTo(1);
    }

    @Test
    void aChangeThatCommitsAfterANewerOneWasAppliedIsStillIndexed() {
        String before = uniqueWord();
        String after = uniqueWord();
        long discussion = fixtures.discussionWithLearner().id();
        long recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        AssessedCriterion ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).get(0);
        TagView tag = signedIn.as("assessor", () -> tags.create(recording,
                new TagDraft(12_000, null, Set.of(ac.id()), "Talks about " + before)));
        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", before).total() == 1);
        long indexed = index.version("tag:" + tag.id());

        // A transaction that drew its outbox id before the change just applied, and commits only now: its row's id
        // is lower than the version the index already holds for the subject.
        // (The highest id below it not in the outbox now: the one just below may be another subject's row still
        // waiting, as the feed drains in the background.)
        Long free = null;
        for (long n = indexed - 1; n > 0 && n >= indexed - 100 && free == null; n--) {
            if (jdbc.queryForObject("select count(*) from search_outbox where id = ?", Long.class, n) == 0) {
                free = n;
            }
        }
        assertThat(free).as("an outbox id below " + indexed + " not in use").isNotNull();
        long late = free;
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("update tag set note = ? where id = ?", "Talks about " + after, tag.id());
            jdbc.update("insert into search_outbox (id, subject_kind, subject_id, created_at) values (?, ?, ?,"
                    + " current_timestamp)", late, "DISCUSSION", discussion);
        });
        feed.drain();

        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", after).total() == 1);
        assertThat(as("assessor", before).total()).isZero();
    }

    @Test
    void eachPersonFindsOnlyWhatTheyMaySeeInHitsCountsAndFacets() {
        String word = uniqueWord();
        long learner = trail.userId("learner");
        long learner2 = trail.userId("learner2");
        long mine = discussionWithPlan(learner, "8587-300", "How would you use the " + word + " model?");
        long theirs = discussionWithPlan(learner2, null, "Tell me about " + word + " in your team.");

        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", word).total() == 2);

        SearchResult asAssessor = as("assessor", word);
        assertThat(asAssessor.facet(Facet.LEARNER)).extracting(SearchResult.FacetCount::value)
                .containsExactlyInAnyOrder(String.valueOf(learner), String.valueOf(learner2));

        SearchResult asLearner = as("learner", word);
        assertThat(asLearner.total()).isEqualTo(1);
        assertThat(asLearner.hits()).singleElement()
                .satisfies(h -> assertThat(h.document().discussionId()).isEqualTo(mine));
        assertThat(asLearner.facet(Facet.LEARNER)).containsExactly(
                new SearchResult.FacetCount(String.valueOf(learner), 1));
        assertThat(asLearner.facet(Facet.QUALIFICATION)).extracting(SearchResult.FacetCount::value)
                .containsExactly("8587");

        SearchResult asLearner2 = as("learner2", word);
        assertThat(asLearner2.total()).isEqualTo(1);
        assertThat(asLearner2.hits()).singleElement()
                .satisfies(h -> assertThat(h.document().discussionId()).isEqualTo(theirs));

        assertThat(as("assessor2", word).total()).isZero();
        assertThat(as("assessor2", word).facets().values()).allSatisfy(counts -> assertThat(counts).isEmpty());
        assertThat(as("iqa", word).total()).isEqualTo(2);

        // A filter on the other learner finds nothing for the learner, not even a count.
        SearchResult filtered = signedIn.as("learner", () -> search.search(word,
                Map.of(Facet.LEARNER, Set.of(String.valueOf(learner2))), null, null, SearchSort.DATE, 0, 20));
        assertThat(filtered.total()).isZero();
    }

    @Test
    void sheetFeedbackIsFoundWithItsOutcomeAndStateAndOpensTheSheetAtItsAc() {
        String word = uniqueWord();
        SheetView draft = sheetFixtures.freshSheet("learner", "8587-300");
        Map.Entry<String, Long> first = draft.unit().criterionIds().entrySet().stream()
                .min(Map.Entry.comparingByKey()).orElseThrow();
        var content = new HashMap<>(SheetFixtures.allPass(draft.unit()).criteria());
        content.put(first.getValue(), new SheetContent.AcEntry(AcResult.PASS, null, "Used the " + word
                + " model convincingly", null));
        SheetView saved = sheetFixtures.save(draft, false, new SheetContent(content, Map.of(), Map.of()));

        await().atMost(Duration.ofSeconds(2)).until(() -> as("assessor", word).total() == 1);
        SearchDocument doc = as("assessor", word).hits().get(0).document();
        assertThat(doc.kind()).isEqualTo(DocumentKind.SHEET_AC_FEEDBACK);
        assertThat(doc.outcome()).isEqualTo("PASS");
        assertThat(doc.sheetState()).isEqualTo("DRAFT");
        assertThat(doc.target()).isEqualTo(new Target.SheetAc(saved.id(), "8587-300/" + first.getKey()));
        assertThat(doc.acs()).containsExactly("8587-300/" + first.getKey());
        // The sheet's assessor: who wrote the draft (and later who signed it).
        assertThat(doc.assessorId()).isEqualTo(trail.userId("assessor"));
        assertThat(doc.assessorName()).isEqualTo("Sam Assessor");

        sheetFixtures.sign(saved, AcResult.PASS);
        await().atMost(Duration.ofSeconds(2)).until(() -> "SIGNED".equals(as("assessor", word).hits().get(0)
                .document().sheetState()));
        assertThat(as("learner2", word).total()).isZero();
    }

    @Test
    void everySearchIsAudited() {
        String word = uniqueWord();
        long before = trail.lastSeq();
        signedIn.as("learner", () -> search.search(word + " \"GROW model\"",
                Map.of(Facet.UNIT, Set.of("8587-300")), LocalDate.of(2026, 1, 1), null, SearchSort.DATE, 0, 20));
        assertThat(trail.since(before)).filteredOn(e -> "search-performed".equals(e.get("action")))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("actor")).isEqualTo("learner");
                    assertThat(e.get("details")).isEqualTo("Searched for \"" + word + " \"GROW model\"\" with"
                            + " unit=[8587-300]; from=2026-01-01; sort=date: 0 hits");
                });
    }

    @Test
    void aTransactionWritesOneOutboxRowPerSubjectItChangedAndNoneWhenRolledBack() {
        long discussion = fixtures.discussionWithLearner().id();
        var transaction = new TransactionTemplate(transactions);
        // Holding the feed: it applies (and deletes) nothing meanwhile.
        synchronized (feed) {
            long before = jdbc.queryForObject("select coalesce(max(id), 0) from search_outbox", Long.class);
            transaction.executeWithoutResult(status -> {
                events.publishEvent(new DiscussionEvents.PlanSaved("assessor", discussion, 1, false));
                events.publishEvent(new DiscussionEvents.DiscussionCorrected("assessor", discussion, "date",
                        "test: two events, one subject"));
            });
            assertThat(changeRows(before, discussion)).hasSize(1);

            long committed = jdbc.queryForObject("select max(id) from search_outbox", Long.class);
            transaction.executeWithoutResult(status -> {
                events.publishEvent(new DiscussionEvents.PlanSaved("assessor", discussion, 1, false));
                status.setRollbackOnly();
            });
            assertThat(changeRows(committed, discussion)).isEmpty();
        }
    }

    @Test
    void aTagsChangeNamesItsPieceInTheOutboxUnlessItsWholeDiscussionChangedInTheSameTransaction() {
        long discussion = fixtures.discussionWithLearner().id();
        var transaction = new TransactionTemplate(transactions);
        // Holding the feed: it applies (and deletes) nothing meanwhile.
        synchronized (feed) {
            long before = jdbc.queryForObject("select coalesce(max(id), 0) from search_outbox", Long.class);
            transaction.executeWithoutResult(status -> {
                events.publishEvent(new TagEvents.TagCreated("assessor", discussion, 901, "test"));
                events.publishEvent(new TagEvents.TagChanged("assessor", discussion, 902, "test", "test"));
                events.publishEvent(new TagEvents.TagChanged("assessor", discussion, 902, "test", "again"));
            });
            assertThat(changeRows(before, discussion)).containsExactlyInAnyOrder("tag:901", "tag:902");

            long next = jdbc.queryForObject("select max(id) from search_outbox", Long.class);
            transaction.executeWithoutResult(status -> {
                events.publishEvent(new TagEvents.TagCreated("assessor", discussion, 903, "test"));
                events.publishEvent(new DiscussionEvents.DiscussionCorrected("assessor", discussion, "date",
                        "test: a tag and the whole discussion"));
            });
            assertThat(changeRows(next, discussion)).containsExactly((String) null);
        }
    }

    /**
     * The outbox rows of a discussion's changes after an id (by piece, null for the whole discussion), not the rows
     * a feed draws versions with: those of another test context's feed on the same database may come and go.
     */
    private List<String> changeRows(long afterId, long discussion) {
        return jdbc.queryForList("select piece_id from search_outbox where id > ? and subject_kind = 'DISCUSSION'"
                + " and subject_id = ? and (piece_id is null or piece_id <> ?)", String.class, afterId, discussion,
                SearchFeed.VERSION_ROW);
    }

    private long discussionWithPlan(long learnerId, String unitCode, String question) {
        return signedIn.as("assessor", () -> {
            Unit unit = unitCode == null ? discussions.unitsFor(learnerId).get(0)
                    : discussions.unitsFor(learnerId).stream().filter(u -> u.code().equals(unitCode)).findFirst()
                            .orElseThrow();
            long id = discussions.create(List.of(learnerId), Set.of(unit.id()), LocalDate.now(),
                    DiscussionMode.REMOTE).id();
            long ac = discussions.criteria(id).get(0).id();
            discussions.savePlan(id, LocalTime.of(10, 0), List.of(new DiscussionPlan.Draft(question, Set.of(ac))));
            return id;
        });
    }
}
