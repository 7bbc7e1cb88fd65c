package app.earmark.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.people.PeopleAdmin;
import app.earmark.room.RemoteRooms;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.Role;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live observation: only an IQA assigned to the discussion's assessor marks it; only the IQA who marked it hears
 * the parts received so far; notes are checked, kept and audited; everyone else is refused as if nothing existed.
 */
@EarmarkSpringTest
class LiveObservationsTest {

    @Autowired
    LiveObservations observations;
    @Autowired
    LiveRecordings live;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    SignedIn signedIn;
    @Autowired
    PeopleAdmin admin;
    @Autowired
    AuditTrail trail;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    ObservationHub hub;
    @Autowired
    RemoteRooms rooms;
    @Autowired
    Discussions discussions;
    @Autowired
    Catalogue catalogue;
    @Autowired
    TransactionTemplate transactions;

    private static byte[] part(int sequence) {
        return ("webm part " + sequence + ";").repeat(50).getBytes();
    }

    /** An IQA of the centre assigned to no assessor. */
    private String unassignedIqa() {
        String name = "iqa." + UUID.randomUUID().toString().substring(0, 8);
        signedIn.as("admin", () -> admin.createPerson(name, "Unassigned IQA", "long enough", Set.of(Role.IQA)));
        return name;
    }

    @Test
    void onlyAnIqaOfTheAssessorMarksADiscussionAndOnceAndTheMarkIsAudited() {
        long discussion = fixtures.discussionWithLearner().id();
        String other = unassignedIqa();
        for (String refused : new String[] {other, "assessor", "learner", "eqa"}) {
            assertThatThrownBy(() -> signedIn.as(refused, () -> observations.mark(discussion)))
                    .as(refused).isInstanceOf(AccessRefusedException.class);
        }
        long before = trail.lastSeq();
        signedIn.as("iqa", () -> observations.mark(discussion));
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("live-observation-marked");
            assertThat(e.get("actor")).isEqualTo("iqa");
            assertThat(e.get("subject")).isEqualTo("discussion:" + discussion);
        });
        assertThat(signedIn.as("iqa", () -> observations.isMarkedByMe(discussion))).isTrue();
        assertThatThrownBy(() -> signedIn.as("iqa", () -> observations.mark(discussion)))
                .isInstanceOf(ObservationException.class).hasMessageContaining("already marked");
        assertThat(signedIn.as("learner", () -> observations.markedBy(discussion))).hasSize(1);
        assertThat(signedIn.as("learner", () -> observations.isParty(discussion))).isTrue();
        assertThat(signedIn.as("assessor", () -> observations.isParty(discussion))).isTrue();
        assertThat(signedIn.as("iqa", () -> observations.isParty(discussion))).isFalse();

        assertThat(signedIn.as("iqa", () -> observations.upcoming()))
                .filteredOn(u -> u.discussion().id() == discussion).singleElement()
                .satisfies(u -> assertThat(u.marked()).isTrue());
        assertThat(signedIn.as(other, () -> observations.upcoming())).noneMatch(u -> u.discussion().id() == discussion);
        assertThat(signedIn.as("assessor", () -> observations.upcoming())).isEmpty();

        signedIn.as("iqa", () -> observations.unmark(discussion));
        assertThat(signedIn.as("iqa", () -> observations.isMarkedByMe(discussion))).isFalse();
        assertThatThrownBy(() -> signedIn.as("iqa", () -> observations.unmark(discussion)))
                .isInstanceOf(ObservationException.class).hasMessageContaining("not marked");
    }

    @Test
    void theIqaIsToldOncePerRoomSessionNotOncePerTrackEvenWhenBothPartiesStartTogether() throws Exception {
        long learnerId = trail.userId("learner");
        long unit = catalogue.unit("8587-300").map(Unit::id).orElseThrow();
        long discussion = signedIn.as("assessor", () -> discussions.create(List.of(learnerId), Set.of(unit),
                LocalDate.now(), DiscussionMode.REMOTE)).id();
        signedIn.as("iqa", () -> observations.mark(discussion));
        List<Long> told = new CopyOnWriteArrayList<>();
        Runnable stop = hub.listenAsIqa(trail.userId("iqa"), started -> {
            if (started.discussionId() == discussion) {
                told.add(started.recordingId());
            }
        });
        try {
            openAndAgree(discussion);
            // Both browsers start on the same message: both starts commit before either's listeners run, so each
            // track sees the other recording (the case in which a check per track told nobody). The listeners run
            // as the one who committed, as in a request.
            List<Long> firstSession = signedIn.as("assessor", () -> transactions.execute(status -> List.of(
                    rooms.startTrack(discussion, 0, 10).recordingId(),
                    signedIn.as("learner", () -> rooms.startTrack(discussion, 0, 10)).recordingId())));
            // The learner rejoins: a new track of the same session.
            signedIn.as("learner", () -> rooms.startTrack(discussion, 0, 10));

            // A new session, both parties starting at the same moment from their own threads.
            signedIn.as("assessor", () -> rooms.end(discussion));
            openAndAgree(discussion);
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService browsers = Executors.newFixedThreadPool(2);
            List<Future<Long>> secondSession;
            try {
                secondSession = browsers.invokeAll(List.of(
                        () -> start(together, "assessor", discussion), () -> start(together, "learner", discussion)));
            } finally {
                browsers.shutdown();
            }
            List<Long> secondIds = new ArrayList<>();
            for (Future<Long> track : secondSession) {
                secondIds.add(track.get(30, TimeUnit.SECONDS));
            }
            signedIn.as("assessor", () -> rooms.end(discussion));

            // The notices go out on the hub's own thread: a later, separate start shows the earlier ones are through.
            long other = fixtures.discussionWithLearner().id();
            signedIn.as("iqa", () -> observations.mark(other));
            List<Long> toldOther = new CopyOnWriteArrayList<>();
            Runnable stopOther = hub.listenAsIqa(trail.userId("iqa"), started -> {
                if (started.discussionId() == other) {
                    toldOther.add(started.recordingId());
                }
            });
            var single = signedIn.as("assessor", () -> live.start(other));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> toldOther.size() == 1);
            stopOther.run();
            assertThat(toldOther).containsExactly(single.id());
            assertThat(told).as("one notice per room session").hasSize(2);
            assertThat(told.get(0)).isIn(firstSession);
            assertThat(told.get(1)).isIn(secondIds);
        } finally {
            stop.run();
        }
    }

    /** The assessor opens the room (a new session) and both parties agree to be recorded. */
    private void openAndAgree(long discussion) {
        signedIn.as("assessor", () -> rooms.enter(discussion));
        signedIn.as("assessor", () -> rooms.consent(discussion));
        signedIn.as("learner", () -> rooms.consent(discussion));
    }

    private long start(CyclicBarrier together, String party, long discussion) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        return signedIn.as(party, () -> rooms.startTrack(discussion, 0, 10)).recordingId();
    }

    @Test
    void aDiscussionAlreadyRecordedCannotBeMarkedForLiveObservation() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        fixtures.readyRecording(discussion, new byte[1000], "audio/mp4");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> observations.mark(discussion)))
                .isInstanceOf(ObservationException.class).hasMessageContaining("already been recorded");
        assertThat(signedIn.as("iqa", () -> observations.isMarkedByMe(discussion))).isFalse();
    }

    @Test
    void aPartThatNeverArrivedIsNamedAndTheObserverTakesUpTheRecordingAtTheNextCluster() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        byte[] cluster = {0x1F, 0x43, (byte) 0xB6, 0x75};
        var third = new ByteArrayOutputStream();
        third.write("the end of a cluster begun in part 2".getBytes());
        third.write(cluster);
        third.write("a cluster of its own".getBytes());
        signedIn.as("assessor", () -> {
            live.part(recording.id(), 0, new ByteArrayInputStream(part(0)));
            live.part(recording.id(), 1, new ByteArrayInputStream(part(1)));
            // Part 2 never arrives (the browser lost it).
            live.part(recording.id(), 3, new ByteArrayInputStream(third.toByteArray()));
            live.part(recording.id(), 4, new ByteArrayInputStream(part(4)));
            return null;
        });
        signedIn.as("iqa", () -> observations.mark(discussion));
        String url = "/observation/live/" + recording.id() + "/parts";
        var iqa = user(accounts.loadUserByUsername("iqa"));

        mvc.perform(get(url).param("from", "0").with(iqa)).andExpect(status().isOk())
                .andExpect(header().string("Earmark-Next-Part", "2"))
                .andExpect(header().doesNotExist("Earmark-Next-After-Gap"));
        mvc.perform(get(url).param("from", "2").with(iqa)).andExpect(status().isNoContent())
                .andExpect(header().string("Earmark-Next-Part", "2"))
                .andExpect(header().string("Earmark-Next-After-Gap", "3"));

        var expected = new ByteArrayOutputStream();
        expected.write(cluster);
        expected.write("a cluster of its own".getBytes());
        expected.write(part(4));
        var body = mvc.perform(get(url).param("from", "3").param("cluster", "true").with(iqa))
                .andExpect(status().isOk()).andExpect(header().string("Earmark-Next-Part", "5"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(body).as("from the cluster in part 3 on").isEqualTo(expected.toByteArray());

        // No cluster in what has arrived from part 4 on: nothing yet, and the next part to look in.
        mvc.perform(get(url).param("from", "4").param("cluster", "true").with(iqa))
                .andExpect(status().isNoContent()).andExpect(header().string("Earmark-Next-Part", "5"));
        mvc.perform(get(url).param("from", "5").with(iqa)).andExpect(status().isNoContent())
                .andExpect(header().doesNotExist("Earmark-Next-After-Gap"));
    }

    @Test
    void theMarkingIqaHearsThePartsSoFarAndNobodyElseDoes() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        signedIn.as("assessor", () -> {
            for (int i = 0; i < 3; i++) {
                live.part(recording.id(), i, new ByteArrayInputStream(part(i)));
            }
            return null;
        });
        String url = "/observation/live/" + recording.id() + "/parts";
        // Not yet marked: refused like a recording that does not exist.
        mvc.perform(get(url).with(user(accounts.loadUserByUsername("iqa")))).andExpect(status().isNotFound());
        signedIn.as("iqa", () -> observations.mark(discussion));

        var expected = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            expected.write(part(i));
        }
        var body = mvc.perform(get(url).param("from", "0").with(user(accounts.loadUserByUsername("iqa"))))
                .andExpect(status().isOk()).andExpect(header().string("Earmark-Next-Part", "3"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(body).isEqualTo(expected.toByteArray());
        mvc.perform(get(url).param("from", "3").with(user(accounts.loadUserByUsername("iqa"))))
                .andExpect(status().isNoContent()).andExpect(header().string("Earmark-Next-Part", "3"));
        var rest = mvc.perform(get(url).param("from", "1").with(user(accounts.loadUserByUsername("iqa"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(rest).hasSize(part(1).length + part(2).length);

        String other = unassignedIqa();
        long before = trail.lastSeq();
        for (String refused : new String[] {other, "learner", "learner2", "assessor2", "eqa", "admin"}) {
            mvc.perform(get(url).with(user(accounts.loadUserByUsername(refused)))).andExpect(status().isNotFound());
            mvc.perform(get(url).param("from", "1").param("cluster", "true")
                    .with(user(accounts.loadUserByUsername(refused)))).andExpect(status().isNotFound());
        }
        assertThat(trail.since(before)).filteredOn(e -> "access-refused".equals(e.get("action"))
                && ("recording:" + recording.id()).equals(e.get("subject"))).extracting(e -> e.get("actor"))
                .containsExactly(other, other, "learner", "learner", "learner2", "learner2", "assessor2", "assessor2",
                        "eqa", "eqa", "admin", "admin");
        mvc.perform(get("/observation/live/999999999/parts").with(user(accounts.loadUserByUsername("iqa"))))
                .andExpect(status().isNotFound());
        // Without a session: 401 for the player's script (SignedOutScriptRequests), not the login page.
        mvc.perform(get(url)).andExpect(status().isUnauthorized());

        signedIn.as("assessor", () -> live.finish(recording.id(), 3));
        mvc.perform(get(url).param("from", "3").with(user(accounts.loadUserByUsername("iqa"))))
                .andExpect(status().isGone());
    }

    @Test
    void notesAreCheckedKeptForTheirAuthorOnlyAndAudited() throws Exception {
        long discussion = fixtures.discussionWithLearner().id();
        signedIn.as("iqa", () -> observations.mark(discussion));
        var recording = signedIn.as("assessor", () -> live.start(discussion));
        assertThatThrownBy(() -> signedIn.as("iqa", () -> observations.addNote(discussion, recording.id(), 0, "  ")))
                .isInstanceOf(ObservationException.class).hasMessage("Write the note before adding it.");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> observations.addNote(discussion, recording.id(), 0,
                "x".repeat(2001)))).hasMessageContaining("at most 2,000 characters");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> observations.addNote(discussion, recording.id(), -5,
                "Too early"))).hasMessageContaining("outside the recording");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> observations.addNote(discussion, recording.id(),
                3_600_000, "Far in the future"))).hasMessageContaining("outside the recording");
        assertThatThrownBy(() -> signedIn.as("iqa", () -> observations.addNote(discussion, 999_999_999L, 0,
                "Wrong recording"))).hasMessageContaining("not a live recording of this discussion");
        assertThatThrownBy(() -> signedIn.as("assessor", () -> observations.addNote(discussion, recording.id(), 0,
                "Not an IQA"))).isInstanceOf(AccessRefusedException.class);
        assertThat(signedIn.as("iqa", () -> observations.myNotes(discussion))).as("nothing half-written").isEmpty();

        long before = trail.lastSeq();
        var note = signedIn.as("iqa", () -> observations.addNote(discussion, recording.id(), 1500,
                "Learner explains contracting clearly"));
        assertThat(signedIn.as("iqa", () -> observations.myNotes(discussion))).singleElement()
                .satisfies(n -> {
                    assertThat(n.atMs()).isEqualTo(1500);
                    assertThat(n.text()).isEqualTo("Learner explains contracting clearly");
                    assertThat(n.id()).isEqualTo(note.id());
                });
        assertThat(trail.since(before)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("observation-note-added");
            assertThat((String) e.get("details")).contains("Learner explains contracting clearly");
        });
        assertThatThrownBy(() -> signedIn.as("learner", () -> observations.myNotes(discussion)))
                .isInstanceOf(AccessRefusedException.class);
        signedIn.as("assessor", () -> live.finish(recording.id(), 0));
    }
}
