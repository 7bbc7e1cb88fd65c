package app.earmark.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.base.Hashing;
import app.earmark.recordings.media.MediaStore;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Live recordings: parts kept as they arrive, assembled in order when the assessor stops or the browser goes. */
@EarmarkSpringTest
class LiveRecordingsTest {

    @Autowired
    LiveRecordings live;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    MediaStore store;
    @Autowired
    RecordingRepository repository;
    @Autowired
    TusUploads uploads;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AuditTrail audit;

    private byte[] part(int sequence) {
        return ("part " + sequence + " of a browser recording ").repeat(100).getBytes();
    }

    @Test
    void partsAreAssembledInOrderIntoTheOriginalWhenTheAssessorStops() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        assertThat(recording.state()).isEqualTo(RecordingState.RECORDING);
        assertThat(recording.live()).isTrue();
        var expected = new ByteArrayOutputStream();
        for (int sequence : new int[] {0, 2, 1, 3}) {
            signedIn.as("assessor", () -> {
                live.part(recording.id(), sequence, new ByteArrayInputStream(part(sequence)));
                return null;
            });
        }
        signedIn.as("assessor", () -> {
            live.part(recording.id(), 1, new ByteArrayInputStream(part(1)));
            return null;
        });
        for (int sequence = 0; sequence < 4; sequence++) {
            expected.write(part(sequence));
        }
        var finished = signedIn.as("assessor", () -> live.finish(recording.id(), 4));
        assertThat(finished.state()).isNotEqualTo(RecordingState.RECORDING);
        assertThat(finished.sha256()).isEqualTo(Hashing.sha256Hex(expected.toByteArray()));
        assertThat(Files.readAllBytes(store.originalFile(finished.sha256()))).isEqualTo(expected.toByteArray());
    }

    @Test
    void aPartTheBrowserLostLeavesAGapAndEverythingAfterItIsKeptAtItsTime(@TempDir Path dir) throws Exception {
        byte[] webm = Files.readAllBytes(TestMedia.webmOpusVp8(dir, 60, 320, 240));
        int count = 30;
        int lost = 10;
        long discussion = fixtures.discussionWithLearner().id();
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        var sent = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            int sequence = i;
            byte[] part = TestMedia.part(webm, count, sequence);
            if (sequence != lost) {
                signedIn.as("assessor", () -> {
                    live.part(recording.id(), sequence, new ByteArrayInputStream(part));
                    return null;
                });
                sent.writeBytes(part);
            }
        }

        var finished = signedIn.as("assessor", () -> live.finish(recording.id(), count));
        assertThat(finished.sha256()).as("every part that arrived, in order")
                .isEqualTo(Hashing.sha256Hex(sent.toByteArray()));
        var settled = uploads.awaitSettled(discussion);
        assertThat(settled.state()).as(settled.message()).isEqualTo(RecordingState.READY);
        assertThat(settled.durationMillis()).as("the parts after the gap play at their times: the whole minute")
                .isBetween(58_000L, 61_000L);
        assertThat(settled.message()).contains("Part 11 of the browser's recording never arrived");
    }

    @Test
    void partsLeftBehindByARecordingThatEndedAreRemovedAndThoseOfOneRecordingAreNot(@TempDir Path dir)
            throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var ended = startedWithOnePart(discussion);
        signedIn.as("assessor", () -> live.finish(ended.id(), 1));
        var recording = startedWithOnePart(discussion);
        LiveParts kept = LiveParts.in(store.incomingDir());
        // As a node killed after putting the recording together leaves them, or a part stored just after they went.
        Path late = Files.write(dir.resolve("late.part"), part(1));
        kept.put(ended.id(), 1, late);

        // (The sweep, running in the background too, may have been first: either way the ended one's are gone.)
        assertThat(live.removeLeftoverParts()).doesNotContain(recording.id());

        assertThat(kept.sequences(ended.id())).as("left behind: removed").isEmpty();
        assertThat(kept.sequences(recording.id())).as("still recording: kept").containsExactly(0);
        assertThat(kept.recordingIds()).doesNotContain(ended.id()).contains(recording.id());
    }

    @Test
    void aContinuationWhoseFirstLatePartWasLostTakesThePartsAfterIt() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = closedAsSilentWithTwoParts(discussion);

        send(recording.id(), 3); // part 2 was lost in the browser
        send(recording.id(), 4);
        var continued = signedIn.as("assessor", () -> live.finish(recording.id(), 5));

        var expected = new ByteArrayOutputStream();
        expected.writeBytes(parts(0, 2));
        expected.writeBytes(parts(3, 5));
        assertThat(continued.id()).isNotEqualTo(recording.id());
        assertThat(Files.readAllBytes(store.originalFile(continued.sha256()))).isEqualTo(expected.toByteArray());
        assertThat(continued.message()).contains("Part 3 of the browser's recording never arrived");
    }

    @Test
    void theNoteSaysWhichPartsNeverArrived() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        send(recording.id(), 1);
        var endsEarly = signedIn.as("assessor", () -> live.finish(recording.id(), 4));
        assertThat(endsEarly.message()).isEqualTo("The browser recorded 4 parts, but none after number 2 arrived.");

        var headless = signedIn.as("assessor", () -> live.start(discussion));
        send(headless.id(), 1);
        send(headless.id(), 2);
        var withoutHeader = signedIn.as("assessor", () -> live.finish(headless.id(), 3));
        assertThat(withoutHeader.message()).startsWith("The first part of the browser's recording never arrived")
                .doesNotContain("at its time");
    }

    @Test
    void aPartAfterTheRecordingEndedIsRefused() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        signedIn.as("assessor", () -> live.finish(recording.id(), 1));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            live.part(recording.id(), 1, new ByteArrayInputStream(part(1)));
            return null;
        })).isInstanceOf(LiveRecordings.RecordingClosedException.class).hasMessageContaining("has already ended");
    }

    @Test
    void aFinishSentAgainAfterTheRecordingWasPutTogetherAnswersHowItIs() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        var first = signedIn.as("assessor", () -> live.finish(recording.id(), 1));
        var again = signedIn.as("assessor", () -> live.finish(recording.id(), 1));
        assertThat(again.id()).isEqualTo(recording.id());
        assertThat(again.sha256()).isEqualTo(first.sha256()).isEqualTo(Hashing.sha256Hex(part(0)));
    }

    @Test
    void aBrowserThatComesBackAfterItsRecordingWasClosedAsSilentContinuesItWithNothingLost() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = closedAsSilentWithTwoParts(discussion);
        assertThat(stored(recording.id()).sha256()).as("closed with what had arrived")
                .isEqualTo(Hashing.sha256Hex(parts(0, 2)));

        send(recording.id(), 1); // its answer was lost: it is in the original already
        send(recording.id(), 2);
        send(recording.id(), 3);
        var continued = signedIn.as("assessor", () -> live.finish(recording.id(), 4));

        assertThat(continued.id()).isNotEqualTo(recording.id());
        assertThat(continued.live()).isTrue();
        assertThat(continued.originalName()).startsWith(stored(recording.id()).originalName().replace(".webm", " (continued "))
                .endsWith(").webm");
        assertThat(continued.sha256()).as("the closed one's original and the parts after it")
                .isEqualTo(Hashing.sha256Hex(parts(0, 4)));
        assertThat(Files.readAllBytes(store.originalFile(continued.sha256()))).isEqualTo(parts(0, 4));
        assertThat(continued.message()).startsWith("Continues “" + stored(recording.id()).originalName() + "”")
                .doesNotContain("never arrived").doesNotContain("none after");
        assertThat(stored(recording.id()).sha256()).as("the closed one is kept as it was")
                .isEqualTo(Hashing.sha256Hex(parts(0, 2)));
        assertThat(LiveParts.in(store.incomingDir()).sequences(continued.id())).as("parts removed").isEmpty();
        assertThat(audit.since(0).stream().filter(e -> ("recording:" + continued.id()).equals(e.get("subject")))
                .map(e -> e.get("action"))).contains("live-recording-started", "live-recording-continued",
                        "recording-uploaded");
        assertThatThrownBy(() -> send(recording.id(), 4)).as("stopped by its recorder: nothing continues it")
                .isInstanceOf(LiveRecordings.RecordingClosedException.class);
    }

    @Test
    void aRecordingClosedAsSilentTwiceIsContinuedTwiceAndOneClosedWithNothingFromItsFirstPart() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        fixtures.closeAsSilent(recording.id());
        assertThat(stored(recording.id()).state()).isEqualTo(RecordingState.FAILED);

        send(recording.id(), 0);
        long first = latestOf(recording.id());
        assertThat(first).isNotEqualTo(recording.id());
        fixtures.closeAsSilent(first);
        assertThat(stored(first).sha256()).isEqualTo(Hashing.sha256Hex(parts(0, 1)));

        send(recording.id(), 1);
        long second = latestOf(recording.id());
        assertThat(second).isNotIn(recording.id(), first);
        var whole = signedIn.as("assessor", () -> live.finish(recording.id(), 2));
        assertThat(whole.id()).isEqualTo(second);
        assertThat(whole.sha256()).isEqualTo(Hashing.sha256Hex(parts(0, 2)));
        assertThat(whole.originalName()).as("named after the first, once").contains(" (continued ")
                .doesNotContain(") (continued");
    }

    @Test
    void aFirstLatePartThatDoesNotArriveWholeStartsNothing() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        fixtures.closeAsSilent(recording.id());
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            live.part(recording.id(), 1, new ByteArrayInputStream(new byte[0]));
            return null;
        })).hasMessageContaining("is empty");
        assertThat(repository.findByContinuesRecordingId(recording.id())).isEmpty();
    }

    @Test
    void aContinuationThatKeptNoPartIsLeftEmptyAndTheNextStartsFromTheSoundBeforeIt() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        fixtures.closeAsSilent(recording.id());
        send(recording.id(), 1);
        long empty = latestOf(recording.id());
        LiveParts.in(store.incomingDir()).deleteAll(empty); // as if the store lost its part
        fixtures.closeAsSilent(empty);
        assertThat(stored(empty).state()).isEqualTo(RecordingState.FAILED);
        assertThat(stored(empty).message()).startsWith("No part arrived after “" + stored(recording.id())
                .originalName() + "” was closed");
        assertThat(stored(empty).sha256()).isNull();

        send(recording.id(), 1);
        send(recording.id(), 2);
        var whole = signedIn.as("assessor", () -> live.finish(recording.id(), 3));
        assertThat(whole.id()).isNotIn(recording.id(), empty);
        assertThat(whole.sha256()).isEqualTo(Hashing.sha256Hex(parts(0, 3)));
    }

    @Test
    void aRecordingRemovedWhileItsContinuationRecordsTakesNoMoreParts() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        fixtures.closeAsSilent(recording.id());
        send(recording.id(), 1);
        transactions.executeWithoutResult(status -> repository.findById(recording.id()).orElseThrow()
                .remove("assessor", "Recorded the wrong learner", Instant.now()));
        assertThatThrownBy(() -> send(recording.id(), 2)).isInstanceOf(LiveRecordings.RecordingClosedException.class);
        var ended = signedIn.as("assessor", () -> live.finish(recording.id(), 2));
        assertThat(ended.state()).isEqualTo(RecordingState.FAILED);
        assertThat(ended.message()).contains("was removed or its sound deleted meanwhile");
        assertThat(ended.sha256()).as("none of the removed recording's sound made into a new one").isNull();
    }

    @Test
    void onlyTheLearnersAssessorMayRecord() {
        long discussion = fixtures.discussionWithLearner().id();
        assertThatThrownBy(() -> signedIn.as("learner", () -> live.start(discussion)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    void nothingArrivedMeansAFailedRecordingWithAReason() {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        var finished = signedIn.as("assessor", () -> live.finish(recording.id(), 0));
        assertThat(finished.state()).isEqualTo(RecordingState.FAILED);
        assertThat(finished.message()).startsWith("No sound arrived from the browser");
    }

    @Test
    void aSilentBrowsersRecordingIsClosedWithWhatArrivedAndSaysSoAfterIngest() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        transactions.executeWithoutResult(status -> repository.findById(recording.id()).orElseThrow()
                .chunkArrived(0, Instant.now().minus(Duration.ofHours(1))));

        live.closeAbandoned();

        var settled = uploads.awaitSettled(discussion);
        assertThat(settled.id()).isEqualTo(recording.id());
        assertThat(settled.sha256()).isEqualTo(Hashing.sha256Hex(part(0)));
        assertThat(settled.state()).as("the parts are text, not media").isEqualTo(RecordingState.FAILED);
        assertThat(settled.message()).as("the note on how it arrived survives ingest")
                .startsWith("The recording stopped unexpectedly").contains("everything that arrived was kept");
    }

    @Test
    void aRecordingAnotherRequestClaimedIsLeftToItWithItsParts() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        // Another node's finish claimed it just now and is reading the parts; the browser has been silent for long.
        transactions.executeWithoutResult(status -> {
            Recording claimed = repository.findById(recording.id()).orElseThrow();
            claimed.chunkArrived(0, Instant.now().minus(Duration.ofHours(1)));
            claimed.assembling(Instant.now());
        });

        live.closeAbandoned();
        assertThatThrownBy(() -> signedIn.as("assessor", () -> live.finish(recording.id(), 1)))
                .as("the browser is told to ask again shortly").isInstanceOf(LiveRecordings.RecordingBusyException.class);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> {
            live.part(recording.id(), 1, new ByteArrayInputStream(part(1)));
            return null;
        })).isInstanceOf(LiveRecordings.RecordingBusyException.class).hasMessageContaining("Send it again");

        RecordingState state = transactions.execute(status -> repository.findById(recording.id()).orElseThrow()
                .state());
        assertThat(state).isEqualTo(RecordingState.ASSEMBLING);
        assertThat(LiveParts.in(store.incomingDir()).sequences(recording.id())).as("parts left to the claim")
                .containsExactly(0);
    }

    @Test
    void aClaimLeftByANodeThatDiedIsTakenOverByTheSweep() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = startedWithOnePart(discussion);
        transactions.executeWithoutResult(status -> repository.findById(recording.id()).orElseThrow()
                .assembling(Instant.now().minus(Duration.ofHours(1))));

        live.closeAbandoned();

        var taken = transactions.execute(status -> repository.findById(recording.id()).orElseThrow().summary());
        assertThat(taken.state()).isNotIn(RecordingState.RECORDING, RecordingState.ASSEMBLING);
        assertThat(taken.sha256()).isEqualTo(Hashing.sha256Hex(part(0)));
        assertThat(LiveParts.in(store.incomingDir()).sequences(recording.id())).as("parts removed").isEmpty();
    }

    @Test
    void soFarAnswersTheWindowOfPartsInARowFromWhereTheObserverIs() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        for (int sequence : new int[] {0, 1, 2, 4}) {
            signedIn.as("assessor", () -> {
                live.part(recording.id(), sequence, new ByteArrayInputStream(part(sequence)));
                return null;
            });
        }
        assertThat(signedIn.as("assessor", () -> live.soFar(recording.id(), 0, 10)).to()).as("up to the gap")
                .isEqualTo(3);
        assertThat(signedIn.as("assessor", () -> live.soFar(recording.id(), 1, 1)).to()).as("at most max")
                .isEqualTo(2);
        assertThat(signedIn.as("assessor", () -> live.soFar(recording.id(), 3, 10)).to()).as("part 3 is missing")
                .isEqualTo(3);
        assertThat(signedIn.as("assessor", () -> live.soFar(recording.id(), 4, 10)).to()).isEqualTo(5);

        assertThat(signedIn.as("assessor", () -> live.soFar(recording.id(), 3, 10)).nextAfterGap())
                .as("part 4 arrived after the missing part 3").isEqualTo(4);
        assertThat(signedIn.as("assessor", () -> live.soFar(recording.id(), 0, 10)).nextAfterGap())
                .as("no gap where the observer is").isEqualTo(-1);
        assertThat(signedIn.as("assessor", () -> live.soFar(recording.id(), 5, 10)).nextAfterGap())
                .as("nothing after the newest part").isEqualTo(-1);
    }

    private void send(long recordingId, int sequence) throws Exception {
        signedIn.as("assessor", () -> {
            live.part(recordingId, sequence, new ByteArrayInputStream(part(sequence)));
            return null;
        });
    }

    /** The bytes of parts {@code from} to {@code to} (exclusive), one after the other. */
    private byte[] parts(int from, int to) {
        var bytes = new ByteArrayOutputStream();
        for (int sequence = from; sequence < to; sequence++) {
            bytes.writeBytes(part(sequence));
        }
        return bytes.toByteArray();
    }

    private RecordingSummary stored(long recordingId) {
        return transactions.execute(status -> repository.findById(recordingId).orElseThrow().summary());
    }

    private long latestOf(long recordingId) {
        return transactions.execute(status -> {
            return repository.latestOf(repository.findById(recordingId).orElseThrow()).id();
        });
    }

    /** A live recording whose first two parts arrived before its browser fell silent and the sweep closed it. */
    private RecordingSummary closedAsSilentWithTwoParts(long discussion) throws Exception {
        var recording = startedWithOnePart(discussion);
        send(recording.id(), 1);
        fixtures.closeAsSilent(recording.id());
        return recording;
    }

    /** A live recording started by the assessor, with its first part arrived. */
    private RecordingSummary startedWithOnePart(long discussion) {
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        signedIn.as("assessor", () -> {
            live.part(recording.id(), 0, new ByteArrayInputStream(part(0)));
            return null;
        });
        return recording;
    }
}
