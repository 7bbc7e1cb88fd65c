package app.earmark.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.workspace.Tags.TagDraft;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tags on a ready one-minute recording of a discussion of unit 8587-300. */
@EarmarkSpringTest
class TagsTest {

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
    TagBroadcaster broadcaster;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    app.earmark.recordings.LiveRecordings live;

    private long discussion;
    private long recording;
    private List<AssessedCriterion> acs;

    @BeforeEach
    void readyRecording() {
        discussion = fixtures.discussionWithLearner().id();
        recording = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        acs = signedIn.as("assessor", () -> discussions.criteria(discussion));
    }

    private long ac(String number) {
        return acs.stream().filter(c -> c.number().equals(number)).findFirst().orElseThrow().id();
    }

    private TagView create(long startMs, Long endMs, Set<Long> criteria, String note) {
        return signedIn.as("assessor", () -> tags.create(recording, new TagDraft(startMs, endMs, criteria, note)));
    }

    /**
     * A live recording closed as silent whose browser came back: tags typed then go to the recording that continues
     * it (the closed one has ended), and when that one is put together the closed one's tags join them, at the same
     * times (it holds the same sound from the start), each move audited.
     */
    @Test
    void tagsOfALiveRecordingContinuedAfterItsBrowserFellSilentEndOnTheWholeRecording() throws Exception {
        var started = signedIn.as("assessor", () -> live.start(discussion));
        sendPart(started.id(), 0);
        TagView before = signedIn.as("assessor", () -> tags.create(started.id(), new TagDraft(1_000, null,
                Set.of(ac("1.1")), null)));
        fixtures.closeAsSilent(started.id());
        sendPart(started.id(), 1);

        TagView after = signedIn.as("assessor", () -> tags.create(started.id(), new TagDraft(3_000, null,
                Set.of(ac("2.1")), null)));
        assertThat(after.recordingId()).as("the continuation, which records").isNotEqualTo(started.id());
        long seq = trail.lastSeq();
        var whole = signedIn.as("assessor", () -> live.finish(started.id(), 2));

        assertThat(whole.id()).isEqualTo(after.recordingId());
        assertThat(signedIn.as("assessor", () -> tags.forRecording(whole.id()))).extracting(TagView::id,
                TagView::startMs).containsExactly(org.assertj.core.groups.Tuple.tuple(before.id(), 1_000L),
                        org.assertj.core.groups.Tuple.tuple(after.id(), 3_000L));
        assertThat(signedIn.as("assessor", () -> tags.forRecording(started.id()))).isEmpty();
        assertThat(trail.since(seq)).extracting(e -> e.get("action")).contains("live-recording-continued",
                "tag-moved");
    }

    private void sendPart(long recordingId, int sequence) {
        signedIn.as("assessor", () -> {
            live.part(recordingId, sequence, new java.io.ByteArrayInputStream(("part " + sequence).repeat(50)
                    .getBytes()));
            return null;
        });
    }

    @Test
    void aMomentOnTwoAcsIsSavedAndAuditedAndCoversThem() {
        long before = trail.lastSeq();
        TagView tag = create(43_000, null, Set.of(ac("3.1"), ac("3.2")), "Describes GROW with an example");
        assertThat(tag.criterionIds()).containsExactlyInAnyOrder(ac("3.1"), ac("3.2"));
        assertThat(trail.byPeopleSince(before)).singleElement().satisfies(e -> {
            assertThat(e.get("action")).isEqualTo("tag-created");
            assertThat(e.get("details")).isEqualTo("Tag " + tag.id() + " created: 0m 43s 8587-300 AC 3.1,"
                    + " 8587-300 AC 3.2 (note: \"Describes GROW with an example\")");
        });
        Coverage coverage = signedIn.as("learner", () -> tags.coverage(discussion));
        assertThat(coverage.evidenced()).isEqualTo(2);
        assertThat(coverage.rows()).filteredOn(r -> r.criterion().number().equals("3.1")).singleElement()
                .satisfies(r -> assertThat(r.first()).get().extracting(Coverage.TimeCounter::startMs).isEqualTo(43_000L));
    }

    @Test
    void aRecordingsTagsComeBackOnceEachInTimeOrderWithAllTheirAcs() {
        create(20_000, null, Set.of(ac("3.1"), ac("3.2")), null);
        create(5_000, 9_000L, Set.of(ac("1.1"), ac("1.2"), ac("2.1")), null);
        create(12_000, null, Set.of(ac("2.1")), null);

        List<TagView> found = signedIn.as("learner", () -> tags.forRecording(recording));

        assertThat(found).extracting(TagView::startMs).containsExactly(5_000L, 12_000L, 20_000L);
        assertThat(found).extracting(t -> t.criterionIds().size()).containsExactly(3, 1, 2);
        assertThat(signedIn.as("learner", () -> tags.forDiscussion(discussion))).hasSize(3);
    }

    @Test
    void aChangeKeepsBeforeAndAfterInTheAuditTrail() {
        TagView tag = create(10_000, null, Set.of(ac("1.1")), null);
        long before = trail.lastSeq();
        TagView moved = signedIn.as("assessor", () -> tags.update(tag.id(), tag.version(),
                new TagDraft(12_500, 20_000L, Set.of(ac("1.1"), ac("1.2")), "a span now")));
        assertThat(moved.version()).isGreaterThan(tag.version());
        assertThat(trail.byPeopleSince(before)).singleElement().extracting(e -> e.get("details")).isEqualTo("Tag " + tag.id()
                + " changed from 0m 10s 8587-300 AC 1.1 to 0m 12s–0m 20s 8587-300 AC 1.1, 8587-300 AC 1.2 (note: \"a span now\")");
    }

    @Test
    void aChangeMadeOnAStaleCopyIsRefusedNotLost() {
        TagView tag = create(10_000, null, Set.of(ac("1.1")), null);
        signedIn.as("assessor", () -> tags.update(tag.id(), tag.version(), new TagDraft(11_000, null, Set.of(ac("1.1")),
                "first")));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> tags.update(tag.id(), tag.version(),
                new TagDraft(30_000, null, Set.of(ac("1.2")), "second")))).isInstanceOf(TagException.class)
                .hasMessageStartingWith("Someone else (assessor at ");
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).singleElement()
                .satisfies(t -> assertThat(t.note()).isEqualTo("first"));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            tags.delete(tag.id(), tag.version());
            return null;
        })).isInstanceOf(TagException.class);
    }

    @Test
    void badTagsAreRefusedWithTheirReasonAndNothingIsSaved() {
        assertRefused(-1, null, Set.of(ac("1.1")), null, "A tag cannot start before the recording does.");
        assertRefused(61_000, null, Set.of(ac("1.1")), null, "A tag at 1:01 is after the end of the recording (1:00).");
        assertRefused(5_000, 4_000L, Set.of(ac("1.1")), null, "A span must end after it starts.");
        assertRefused(5_000, 70_000L, Set.of(ac("1.1")), null, "The span ends at 1:10, after the end of the recording"
                + " (1:00).");
        assertRefused(5_000, null, Set.of(), null, "Choose at least one AC for the tag.");
        assertRefused(5_000, null, Set.of(-3L), null, "The tag names an AC that is not one of the units this"
                + " discussion assesses (8587-300).");
        assertRefused(5_000, null, Set.of(ac("1.1")), "x".repeat(2001), "A note may have at most 2,000 characters;"
                + " this one has 2,001.");
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).isEmpty();
    }

    @Test
    void markupInANoteIsKeptAsTextForTheUiToShowAsText() {
        TagView tag = create(1_000, null, Set.of(ac("1.1")), "<script>alert('x')</script>");
        assertThat(tag.note()).isEqualTo("<script>alert('x')</script>");
    }

    @Test
    void aLearnerOrAnotherAssessorCannotTag() {
        for (String outsider : new String[] {"learner", "assessor2", "iqa"}) {
            // Who may see the recording is told it is not theirs to add to; who may not is told nothing more.
            assertThatThrownBy(() -> signedIn.as(outsider, () -> tags.create(recording,
                    new TagDraft(1_000, null, Set.of(ac("1.1")), null)))).as(outsider)
                    .isInstanceOf(AccessRefusedException.class).hasMessage("assessor2".equals(outsider)
                            ? "You may not see recording " + recording + "."
                            : "Only an assessor of this learner may add recordings to discussion " + discussion + ".");
        }
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).isEmpty();
    }

    @Test
    void openWorkspacesHearOfEveryCommittedChangeAloneNotTheWholeList() {
        create(1_000, null, Set.of(ac("1.1")), "already there");
        var heard = new java.util.concurrent.CopyOnWriteArrayList<TagEvents.TagsChanged>();
        Runnable stop = broadcaster.listen(recording, heard::add);
        try {
            TagView tag = create(2_000, null, Set.of(ac("2.1")), null);
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 1);
            assertThat(heard.get(0).tag()).as("the new tag, and only it").isEqualTo(tag);
            TagView moved = signedIn.as("assessor", () -> tags.update(tag.id(), tag.version(),
                    new TagDraft(2_500, null, Set.of(ac("2.1")), null)));
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
            assertThat(heard.get(1).tag()).isEqualTo(moved);
            assertThat(moved.version()).isGreaterThan(tag.version());
            signedIn.as("assessor", () -> {
                tags.delete(moved.id(), moved.version());
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 3);
            assertThat(heard.get(2).deleted()).isTrue();
            assertThat(heard.get(2).tagId()).isEqualTo(tag.id());
        } finally {
            stop.run();
        }
    }

    @Test
    void aTagMadeFromAPlannedQuestionMarksItAskedAndOnlyAQuestionOfThePlanCanBeMarked() {
        signedIn.as("assessor", () -> discussions.savePlan(discussion, LocalTime.of(10, 0), List.of(
                new DiscussionPlan.Draft("How do you contract with a new client?", Set.of(ac("1.1"), ac("1.2"))))));
        long before = trail.lastSeq();
        TagView asked = signedIn.as("assessor", () -> tags.create(recording,
                new TagDraft(7_000, null, Set.of(ac("1.1"), ac("1.2")), null, 1)));
        assertThat(asked.questionPosition()).isEqualTo(1);
        assertThat(trail.byPeopleSince(before)).singleElement().extracting(e -> e.get("details")).isEqualTo("Tag "
                + asked.id() + " created: 0m 07s 8587-300 AC 1.1, 8587-300 AC 1.2, question 1 asked");
        // A change keeps the mark: it belongs to the moment the question was asked.
        TagView changed = signedIn.as("assessor", () -> tags.update(asked.id(), asked.version(),
                new TagDraft(7_500, null, Set.of(ac("1.1")), "moved")));
        assertThat(changed.questionPosition()).isEqualTo(1);

        long count = signedIn.as("assessor", () -> tags.forRecording(recording)).size();
        assertThatThrownBy(() -> signedIn.as("assessor", () -> tags.create(recording,
                new TagDraft(9_000, null, Set.of(ac("1.1")), null, 2))))
                .isInstanceOf(TagException.class)
                .hasMessage("The discussion's plan has no question 2 (any more): the tag was not saved. The plan beside"
                        + " the tagging now shows the current questions.");
        assertThat(signedIn.as("assessor", () -> tags.forRecording(recording))).hasSize((int) count);
    }

    @Test
    void movingARecordingsTagsOntoAnotherIsAuditedAndToldToTheOpenWorkspacesOfBoth() {
        TagView early = create(1_000, null, Set.of(ac("1.1")), "early");
        TagView span = create(5_000, 9_000L, Set.of(ac("2.1")), "span");
        long combined = fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        var onTrack = new java.util.concurrent.CopyOnWriteArrayList<TagEvents.TagsChanged>();
        var onCombined = new java.util.concurrent.CopyOnWriteArrayList<TagEvents.TagsChanged>();
        Runnable stopTrack = broadcaster.listen(recording, onTrack::add);
        Runnable stopCombined = broadcaster.listen(combined, onCombined::add);
        try {
            assertThatThrownBy(() -> tags.moveAll(recording, combined, 2_500, "system"))
                    .as("only inside the transaction that records the new recording")
                    .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
            long before = trail.lastSeq();
            int moved = transactions.execute(status -> tags.moveAll(recording, combined, 2_500, "system"));

            assertThat(moved).isEqualTo(2);
            assertThat(trail.since(before)).filteredOn(e -> "tag-moved".equals(e.get("action")))
                    .extracting(e -> e.get("details")).containsExactly(
                            "Tag " + early.id() + " moved from recording " + recording + " at 1000 ms to recording "
                                    + combined + " at 3500 ms (the remote room's combined recording)",
                            "Tag " + span.id() + " moved from recording " + recording + " at 5000 ms to recording "
                                    + combined + " at 7500 ms (the remote room's combined recording)");
            await().atMost(Duration.ofSeconds(10)).until(() -> onTrack.size() == 2 && onCombined.size() == 2);
            assertThat(onTrack).as("gone from the track's workspace").allMatch(TagEvents.TagsChanged::deleted)
                    .extracting(TagEvents.TagsChanged::tagId).containsExactly(early.id(), span.id());
            assertThat(onCombined).extracting(c -> c.tag().startMs()).containsExactly(3_500L, 7_500L);
            assertThat(onCombined.get(1).tag().endMs()).isEqualTo(11_500L);
            assertThat(signedIn.as("learner", () -> tags.forRecording(recording))).isEmpty();
            assertThat(signedIn.as("learner", () -> tags.forRecording(combined)))
                    .extracting(TagView::id, TagView::version, TagView::recordingId, TagView::startMs)
                    .containsExactlyElementsOf(onCombined.stream().map(TagEvents.TagsChanged::tag)
                            .map(t -> org.assertj.core.groups.Tuple.tuple(t.id(), t.version(), t.recordingId(),
                                    t.startMs())).toList());
            // The workspace's copy is current: a change made on it is not refused as stale.
            TagView told = onCombined.get(0).tag();
            assertThat(signedIn.as("assessor", () -> tags.update(told.id(), told.version(),
                    new TagDraft(4_000, null, Set.of(ac("1.1")), "early")).startMs())).isEqualTo(4_000L);
        } finally {
            stopTrack.run();
            stopCombined.run();
        }
    }

    private void assertRefused(long start, Long end, Set<Long> criteria, String note, String message) {
        assertThatThrownBy(() -> create(start, end, criteria, note)).isInstanceOf(TagException.class)
                .hasMessage(message);
    }
}
