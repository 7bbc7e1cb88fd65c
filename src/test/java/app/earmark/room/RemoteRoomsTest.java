package app.earmark.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.Recordings;
import app.earmark.observation.LiveObservations;
import app.earmark.room.RemoteRooms.Track;
import app.earmark.security.AccessRefusedException;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The room's rules: who may enter (and that refusals are audited), the assessor's entering opens it, nothing is
 * recorded before both parties agree (each agreement audited with the notice), each party records its own track
 * (the learner too, through the live recording's own part upload), and each part's capture clock is kept on the
 * server's clock.
 */
@EarmarkSpringTest
class RemoteRoomsTest {

    @Autowired
    RemoteRooms rooms;
    @Autowired
    Discussions discussions;
    @Autowired
    LiveRecordings live;
    @Autowired
    Recordings recordings;
    @Autowired
    LiveObservations observations;
    @Autowired
    Catalogue catalogue;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SchedulerClient scheduler;
    @Autowired
    RoomHub hub;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    private long discussion(DiscussionMode mode) {
        long learner = trail.userId("learner");
        long unit = catalogue.unit("8587-300").map(Unit::id).orElseThrow();
        return signedIn.as("assessor", () -> discussions.create(List.of(learner), Set.of(unit), LocalDate.now(),
                mode)).id();
    }

    @Test
    void onlyTheLearnerTheAssessorAndAMarkingIqaEnterAndEveryRefusalIsAudited() {
        long discussion = discussion(DiscussionMode.REMOTE);
        long before = trail.lastSeq();
        for (String stranger : new String[] {"learner2", "assessor2", "iqa", "eqa", "admin"}) {
            assertThatThrownBy(() -> signedIn.as(stranger, () -> rooms.enter(discussion))).as(stranger)
                    .isInstanceOf(AccessRefusedException.class).hasMessage(RemoteRooms.REFUSAL);
        }
        assertThat(trail.since(before)).filteredOn(e -> "access-refused".equals(e.get("action"))
                && ("room:" + discussion).equals(e.get("subject"))).extracting(e -> e.get("actor"))
                .containsExactlyInAnyOrder("learner2", "assessor2", "iqa", "eqa", "admin");

        // Before the assessor opens it the learner may enter, but there is no session yet.
        assertThat(signedIn.as("learner", () -> rooms.enter(discussion)).session()).isEmpty();
        var opened = signedIn.as("assessor", () -> rooms.enter(discussion));
        assertThat(opened.role()).isEqualTo(RoomRole.ASSESSOR);
        assertThat(opened.session()).isPresent();
        assertThat(opened.session().get().notice()).contains("The centre keeps the recording");
        var learner = signedIn.as("learner", () -> rooms.enter(discussion));
        assertThat(learner.role()).isEqualTo(RoomRole.LEARNER);
        assertThat(learner.session().get().id()).isEqualTo(opened.session().get().id());
        assertThat(signedIn.as("learner", () -> rooms.openForMe())).extracting(d -> d.id()).contains(discussion);

        // An IQA only once they marked it, and then as an observer, who is not recorded.
        signedIn.as("iqa", () -> observations.mark(discussion));
        assertThat(signedIn.as("iqa", () -> rooms.enter(discussion)).role()).isEqualTo(RoomRole.OBSERVER);
        assertThatThrownBy(() -> signedIn.as("iqa", () -> rooms.consent(discussion)))
                .isInstanceOf(RoomException.class).hasMessageContaining("not recorded");

        // Other tests share the database: leave no room open on the learner's home page.
        signedIn.as("assessor", () -> rooms.end(discussion));
        assertThat(signedIn.as("learner", () -> rooms.openForMe())).extracting(d -> d.id()).doesNotContain(discussion);
    }

    @Test
    void aRoomBothPartiesLeftEndsByItselfAfterAWhileButNotWhileAPartyIsIn() {
        long discussion = discussion(DiscussionMode.REMOTE);
        long session = signedIn.as("assessor", () -> rooms.enter(discussion)).session().orElseThrow().id();
        var told = new java.util.concurrent.CopyOnWriteArrayList<String>();
        String member = hub.join(discussion, RoomRole.ASSESSOR, "Sam Assessor", new RoomHub.Member() {
            public void signal(String fromId, String json) {
            }

            public void state(String json) {
            }

            public void ended(String message) {
                told.add(message);
            }
        });
        Instant now = Instant.now();
        var transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        java.util.function.Consumer<Duration> sweepAt = later -> transactions.executeWithoutResult(
                status -> rooms.endOverlongAndEmpty(now.plus(later)));
        java.util.function.Supplier<Object> endedAt = () -> jdbc.queryForObject(
                "select ended_at from room_session where id = ?", Object.class, session);

        // Twenty minutes on, the assessor is still in the call (their node wrote so): it stays open.
        rooms.markPresent(now.plus(Duration.ofMinutes(20)));
        sweepAt.accept(Duration.ofMinutes(20));
        assertThat(endedAt.get()).isNull();
        // The assessor closes the tab without ending it; nobody is left. Fourteen minutes later it is still open.
        hub.leave(discussion, member);
        rooms.markPresent(now.plus(Duration.ofMinutes(30)));
        sweepAt.accept(Duration.ofMinutes(34));
        assertThat(endedAt.get()).isNull();
        // Past fifteen minutes (earmark.room.empty-after) without either party, it ends by itself, audited.
        long since = trail.lastSeq();
        hub.join(discussion, RoomRole.OBSERVER, "Ingrid IQA", new RoomHub.Member() {
            public void signal(String fromId, String json) {
            }

            public void state(String json) {
            }

            public void ended(String message) {
                told.add(message);
            }
        });
        rooms.markPresent(now.plus(Duration.ofMinutes(35)));
        sweepAt.accept(Duration.ofMinutes(36));
        assertThat(endedAt.get()).as("an observer alone does not keep it open").isNotNull();
        assertThat(jdbc.queryForObject("select ended_by from room_session where id = ?", String.class, session))
                .isEqualTo("system");
        assertThat(trail.since(since)).filteredOn(e -> "remote-room-ended".equals(e.get("action"))
                && ("discussion:" + discussion).equals(e.get("subject"))).singleElement()
                .satisfies(e -> assertThat((String) e.get("details"))
                        .contains("without the assessor or the learner for 15 minutes"));
        assertThat(told).containsExactly("Neither the assessor nor the learner has been in the remote discussion for"
                + " 15 minutes, so it ended; what was recorded is kept.");
        assertThat(signedIn.as("learner", () -> rooms.openForMe())).extracting(d -> d.id()).doesNotContain(discussion);
    }

    @Test
    void aFaceToFaceDiscussionHasNoRoom() {
        long discussion = discussion(DiscussionMode.FACE_TO_FACE);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> rooms.enter(discussion)))
                .isInstanceOf(RoomException.class).hasMessageContaining("held face to face");
    }

    @Test
    void nothingIsRecordedBeforeBothAgreeThenEachPartyRecordsItsOwnTrackWithItsCaptureClock() throws Exception {
        long discussion = discussion(DiscussionMode.REMOTE);
        signedIn.as("assessor", () -> rooms.enter(discussion));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> rooms.startTrack(discussion, 0, 10)))
                .isInstanceOf(RoomException.class).hasMessageContaining("Waiting for both of you");
        long before = trail.lastSeq();
        signedIn.as("assessor", () -> rooms.consent(discussion));
        signedIn.as("assessor", () -> rooms.consent(discussion));
        assertThatThrownBy(() -> signedIn.as("learner", () -> rooms.startTrack(discussion, 0, 10)))
                .isInstanceOf(RoomException.class).hasMessageContaining("Waiting for the learner");
        var session = signedIn.as("learner", () -> rooms.consent(discussion));
        assertThat(session.bothAgreed()).isTrue();
        List<Map<String, Object>> consents = trail.since(before).stream()
                .filter(e -> "recording-consent-given".equals(e.get("action"))).toList();
        assertThat(consents).extracting(e -> e.get("actor")).containsExactly("assessor", "learner");
        assertThat(consents).allSatisfy(e -> assertThat((String) e.get("details"))
                .contains("agreed to be recorded").contains("The centre keeps the recording"));

        // The learner's browser is 1500 ms ahead of the server's clock.
        Track learnerTrack = signedIn.as("learner", () -> rooms.startTrack(discussion, 1500, 40));
        Track assessorTrack = signedIn.as("assessor", () -> rooms.startTrack(discussion, -20, 12));
        assertThat(learnerTrack.party()).isEqualTo(RoomRole.LEARNER);
        assertThat(learnerTrack.chunkUrl()).isEqualTo("/live/recordings/" + learnerTrack.recordingId() + "/chunks");
        signedIn.as("learner", () -> {
            try {
                live.part(learnerTrack.recordingId(), 0, new ByteArrayInputStream("learner part 0".getBytes()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        signedIn.as("learner", () -> rooms.partCaptured(learnerTrack.recordingId(), 0, 1_000_000_000_000L + 1500,
                1_000_000_002_000L + 1500));
        assertThat(jdbc.queryForObject("select server_start_ms from room_part_clock where recording_id = ? and"
                + " seq = 0", Long.class, learnerTrack.recordingId())).isEqualTo(1_000_000_000_000L);
        assertThat(jdbc.queryForObject("select party from room_track where recording_id = ?", String.class,
                assessorTrack.recordingId())).isEqualTo("ASSESSOR");

        // Nobody else sends parts or clocks to the learner's track, not even the assessor.
        assertThatThrownBy(() -> signedIn.as("learner2", () -> {
            try {
                live.part(learnerTrack.recordingId(), 1, new ByteArrayInputStream("x".getBytes()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> rooms.partCaptured(learnerTrack.recordingId(), 1, 0,
                2000))).isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("learner", () -> rooms.partCaptured(learnerTrack.recordingId(), 1, 5000,
                2000))).isInstanceOf(RoomException.class).hasMessageContaining("cannot end before it starts");

        // The learner finishes their own track; it goes to ingest like any live recording.
        var finished = signedIn.as("learner", () -> live.finish(learnerTrack.recordingId(), 1));
        assertThat(finished.state()).isNotEqualTo(RecordingState.RECORDING);

        // The assessor ends the room; a new entry opens a new one with no agreements.
        signedIn.as("assessor", () -> rooms.end(discussion));
        assertThatThrownBy(() -> signedIn.as("learner", () -> rooms.consent(discussion)))
                .isInstanceOf(RoomException.class).hasMessageContaining("not open");
        assertThatThrownBy(() -> signedIn.as("learner", () -> rooms.end(discussion)))
                .isInstanceOf(RoomException.class).hasMessageContaining("Only the assessor");
        var again = signedIn.as("assessor", () -> rooms.enter(discussion));
        assertThat(again.session().get().consents()).isEmpty();
        signedIn.as("assessor", () -> rooms.end(discussion));
    }

    @Test
    void anEndedRoomsCombineJobWaitsSlowlyButLooksAgainAsSoonAsATracksIngestEnds() {
        long discussion = discussion(DiscussionMode.REMOTE);
        signedIn.as("assessor", () -> rooms.enter(discussion));
        signedIn.as("assessor", () -> rooms.consent(discussion));
        signedIn.as("learner", () -> rooms.consent(discussion));
        Track track = signedIn.as("assessor", () -> rooms.startTrack(discussion, 0, 10));
        signedIn.as("assessor", () -> {
            try {
                live.part(track.recordingId(), 0, new ByteArrayInputStream("not really webm".getBytes()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        var session = signedIn.as("assessor", () -> rooms.end(discussion));
        TaskInstanceId job = TaskInstanceId.of(RoomJobs.COMBINE_TASK, String.valueOf(session.id()));

        // Its first look finds the track still recording: it waits, due again only at the slow safety poll.
        ScheduledExecution<Object> waiting = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> scheduler.getScheduledExecution(job).orElse(null),
                        e -> e != null && !e.isPicked() && e.getLastSuccess() != null);
        Instant safetyPoll = waiting.getExecutionTime();
        assertThat(safetyPoll).isAfter(waiting.getLastSuccess().plus(RoomJobs.SAFETY_POLL).minusSeconds(5));

        // The track stops and its ingest ends (this one fails: it is no WebM): the job looks again at once, finds
        // every track settled and none with sound, and is done, well before the safety poll.
        signedIn.as("assessor", () -> live.finish(track.recordingId(), 1));
        Awaitility.await().atMost(Duration.ofSeconds(50)).until(() -> scheduler.getScheduledExecution(job).isEmpty());
        assertThat(recordings.forAnalysis(track.recordingId())).get().extracting(r -> r.state())
                .isEqualTo(RecordingState.FAILED);
        assertThat(Instant.now()).as("looked again when the track's ingest ended").isBefore(safetyPoll);
    }

    @Test
    void onlyTheAssessorShowsPlannedQuestionsAndOnlyTheirNumbersAndTextsLeaveThePlan() {
        long discussion = discussion(DiscussionMode.REMOTE);
        var acs = signedIn.as("assessor", () -> discussions.criteria(discussion));
        signedIn.as("assessor", () -> discussions.savePlan(discussion, java.time.LocalTime.of(9, 30), List.of(
                new app.earmark.discussions.DiscussionPlan.Draft("How do you check the isolation?",
                        Set.of(acs.get(0).id())),
                new app.earmark.discussions.DiscussionPlan.Draft("Who do you tell first?", Set.of(acs.get(1).id())))));
        assertThatThrownBy(() -> signedIn.as("assessor", () -> rooms.share(discussion, List.of(1))))
                .isInstanceOf(RoomException.class).hasMessageContaining("not open");
        signedIn.as("assessor", () -> rooms.enter(discussion));

        assertThat(signedIn.as("assessor", () -> rooms.share(discussion, List.of(2))))
                .containsExactly(new RoomHub.SharedQuestion(2, "Who do you tell first?"));
        assertThatThrownBy(() -> signedIn.as("learner", () -> rooms.share(discussion, List.of(1))))
                .isInstanceOf(RoomException.class).hasMessage("Only the assessor shows the planned questions.");
        assertThatThrownBy(() -> signedIn.as("learner2", () -> rooms.share(discussion, List.of(1))))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> signedIn.as("assessor", () -> rooms.share(discussion, List.of(1, 7))))
                .isInstanceOf(RoomException.class).hasMessageContaining("The plan has no question 7 (it has 2)");
        assertThat(signedIn.as("assessor", () -> rooms.share(discussion, List.of()))).isEmpty();
        signedIn.as("assessor", () -> rooms.end(discussion));
    }
}
