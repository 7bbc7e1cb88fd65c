package app.earmark.room;

import app.earmark.recordings.worker.BrowserTracks;
import app.earmark.recordings.worker.DecodedSound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.LiveRecordings;
import app.earmark.recordings.RecordingFixtures;
import app.earmark.recordings.TestMedia;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.worker.DecodedPictures;
import app.earmark.recordings.worker.DecodedPictures.Seen;
import app.earmark.room.RemoteRooms.Track;
import app.earmark.room.RoomStore.SingleSided;
import app.earmark.support.AuditTrail;
import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import app.earmark.talktime.Segment;
import app.earmark.talktime.TalkAnalysis;
import app.earmark.talktime.TalkTime;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import app.earmark.workspace.Tags.TagDraft;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The combined recording of a remote room, end to end through the real services, job and worker processes: three
 * party tracks made with ffmpeg (clicks at known times; the learner joins 3 s late, drops out for 5 s and rejoins,
 * with a browser clock 1.5 s ahead of the server's), recorded and ingested as the room's live recordings with their
 * part clocks; the room ends; the {@code room-combine} job mixes them (assessor left, learner right) into a new
 * recording that goes through ingest. Read back independently (the ffmpeg command decodes the combined original), each
 * click sits within 100 ms of where the script puts it, the recording covers the whole discussion, the single-sided
 * spans are kept and said, and the assessor's live tags moved onto the combined recording at the right moments.
 */
@EarmarkSpringTest
class RoomCombinedRecordingTest {

    /** The alignment target of issue 12. */
    private static final long TOLERANCE_MS = 100;
    private static final int RATE = DecodedSound.RATE;
    /** The discussion's start on the server's clock. */
    private static final long T0 = 1_765_000_000_000L;

    @Autowired
    RemoteRooms rooms;
    @Autowired
    RoomStore store;
    @Autowired
    Discussions discussions;
    @Autowired
    LiveRecordings live;
    @Autowired
    Recordings recordings;
    @Autowired
    MediaStore media;
    @Autowired
    Tags tags;
    @Autowired
    Catalogue catalogue;
    @Autowired
    SignedIn signedIn;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TalkTime talkTime;
    @Autowired
    RecordingFixtures fixtures;

    @TempDir
    Path dir;

    @Test
    void theTracksAreMixedOnOneTimelineWithinATenthOfASecondAndTheLiveTagsFollow() throws Exception {
        long discussion = openRoomBothAgreed();

        // The script, on the common timeline (ms from the assessor's start). The assessor records 0–20 s with clicks
        // at 1, 5, 10 and 17 s. The learner joins at 3 s (6 s of sound, clicks 1 s and 4 s in), drops out at 9 s,
        // rejoins at 14 s (8 s, clicks 1.5 s and 6.5 s in): 22 s in all.
        Path assessorFile = track("assessor", 20.0, 1000, 1.0, 5.0, 10.0, 17.0);
        Path learnerFirst = track("learner-1", 6.0, 2000, 1.0, 4.0);
        Path learnerSecond = track("learner-2", 8.0, 2000, 1.5, 6.5);

        long assessorTrack = record("assessor", discussion, -20, T0, assessorFile);
        // The learner's browser clock is 1.5 s ahead of the server's.
        long learnerTrack1 = record("learner", discussion, 1500, T0 + 3000, learnerFirst);
        long learnerTrack2 = record("learner", discussion, 1500, T0 + 14_000, learnerSecond);

        // Live tags, on the assessor's track at the time since it started (and one on the learner's second track).
        for (long id : List.of(assessorTrack, learnerTrack1, learnerTrack2)) {
            awaitState(id, RecordingState.READY, Duration.ofMinutes(3));
        }
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).stream()
                .map(AssessedCriterion::id).findFirst().orElseThrow();
        TagView onAssessor = signedIn.as("assessor", () -> tags.create(assessorTrack, new TagDraft(5000, 6000L,
                Set.of(ac), "the second question")));
        TagView onLearner = signedIn.as("assessor", () -> tags.create(learnerTrack2, new TagDraft(1500, null,
                Set.of(ac), null)));

        long before = trail.lastSeq();
        var session = signedIn.as("assessor", () -> rooms.end(discussion));
        RecordingSummary combined = combinedOf(session.id());
        long combinedId = combined.id();

        // It is a new recording of the discussion, stereo, covering the whole discussion.
        assertThat(combined.discussionId()).isEqualTo(discussion);
        assertThat(combined.originalName()).startsWith("Remote discussion (combined)");
        assertThat(combined.audioChannels()).isEqualTo(2);
        assertThat(combined.durationMillis()).isCloseTo(22_000L, within(TOLERANCE_MS));

        // Independent reading: each click is where the script says.
        short[][] channels = assertHeard(combined, "clicks", new long[] {1000, 5000, 10_000, 17_000},
                new long[] {4000, 7000, 15_500, 20_500});
        assertThat(channels[0].length * 1000L / RATE).isCloseTo(22_000L, within(TOLERANCE_MS));

        // The single-sided spans: the assessor alone before the learner joined and while the learner was away; the
        // learner alone after the assessor's track ended.
        List<SingleSided> spans = store.singleSided(session.id());
        assertThat(spans).hasSize(3);
        assertSpan(spans.get(0), 0, 3000, RoomRole.ASSESSOR);
        assertSpan(spans.get(1), 9000, 14_000, RoomRole.ASSESSOR);
        assertSpan(spans.get(2), 20_000, 22_000, RoomRole.LEARNER);
        RecordingSummary asSeen = signedIn.as("assessor", () -> recordings.get(combinedId));
        assertThat(asSeen.message()).contains("Only the assessor's side was recorded from 0:00 to 0:03.")
                .contains("Only the assessor's side was recorded from 0:09 to 0:14.")
                .contains("Only the learner's side was recorded from 0:20 to 0:22.");

        // The live tags are on the combined recording now, shifted by their track's place.
        List<TagView> moved = signedIn.as("assessor", () -> tags.forRecording(combinedId));
        assertThat(moved).extracting(TagView::id).containsExactly(onAssessor.id(), onLearner.id());
        assertThat(moved.get(0).startMs()).isEqualTo(5000);
        assertThat(moved.get(0).endMs()).isEqualTo(6000L);
        assertThat(moved.get(1).startMs()).isCloseTo(15_500L, within(TOLERANCE_MS));
        assertThat(trail.since(before)).extracting(e -> e.get("action"))
                .contains("remote-room-ended", "room-recording-combined", "tag-moved");
    }

    /**
     * The learner chose a camera (VP8 and Opus in WebM, 640×360 at 15 frames/s, as the room records it: red, blue from
     * 3 s into the track) and joins 2 s after the assessor, who has sound only; the assessor records 0–12 s, the
     * learner 2–10 s. The combined recording is an MP4 with H.264 of the two pictures side by side, which ingest takes
     * like any upload (picture and sound, peaks, a poster, talk time of its two channels); its sound is aligned as
     * without pictures; on the learner's half the colour turns at 2 + 3 s (within two frames), with the panel before
     * the learner's track and after it; the assessor's half is the panel all through.
     */
    @Test
    void withTheLearnersCameraTheCombinedRecordingShowsBothSidesByOnTheSameTimeline() throws Exception {
        long discussion = openRoomBothAgreed();

        // Each party speaks (a tone) for a second at a time: the assessor at 1, 5 and 9 s of its track, the learner
        // at 1 and 4 s of its own (3 and 6 s on the timeline).
        Path assessorFile = speech("assessor-sound", 12.0, 1000, null, 1.0, 5.0, 9.0);
        Path learnerFile = speech("learner-camera", 8.0, 2000,
                "color=c=0xC82828:s=640x360:r=15:d=8,drawbox=c=0x2838C8:t=fill:enable='gte(t\\,3)'", 1.0, 4.0);
        long assessorTrack = record("assessor", discussion, -20, T0, assessorFile);
        long learnerTrack = record("learner", discussion, 1500, T0 + 2000, learnerFile);
        awaitState(assessorTrack, RecordingState.READY, Duration.ofMinutes(3));
        RecordingSummary learnerRecording = awaitState(learnerTrack, RecordingState.READY, Duration.ofMinutes(3));
        assertThat(learnerRecording.videoCodec()).isEqualTo("vp8");

        var session = signedIn.as("assessor", () -> rooms.end(discussion));
        RecordingSummary combined = combinedOf(session.id());
        long combinedId = combined.id();

        // Ingest took the MP4 like any upload: H.264 at the chosen size with the stereo AAC sound, peaks, a poster.
        assertThat(combined.originalName()).startsWith("Remote discussion (combined)").endsWith(".mp4");
        assertThat(combined.videoCodec()).isEqualTo("h264");
        assertThat(combined.videoWidth()).isEqualTo(1280);
        assertThat(combined.videoHeight()).isEqualTo(360);
        assertThat(combined.audioCodec()).isEqualTo("aac");
        assertThat(combined.audioChannels()).isEqualTo(2);
        assertThat(combined.renditionMime()).isEqualTo("video/mp4");
        assertThat(combined.hasPoster()).isTrue();
        assertThat(combined.peaks()).isNotEmpty();
        assertThat(combined.durationMillis()).isCloseTo(12_000L, within(TOLERANCE_MS));

        // The sound, read independently: each party's speech where the script puts it, on its own channel.
        assertHeard(combined, "with pictures", new long[] {1000, 5000, 9000}, new long[] {3000, 6000});
        Path original = media.originalFile(combined.sha256());

        // The picture, read independently (Debian's ffmpeg): the learner's half turns from red to blue at 5 s.
        List<Seen<String[]>> frames = DecodedPictures.read(original, 1280, 360, picture -> new String[] {
            shown(picture.colour(320, 60, 4)), shown(picture.colour(960, 60, 4))});
        List<Seen<String>> learnerRuns = new ArrayList<>();
        for (Seen<String[]> frame : frames) {
            assertThat(frame.what()[0]).as("the assessor's half at %s s", frame.seconds()).isEqualTo("panel");
            String learner = frame.what()[1];
            if (learnerRuns.isEmpty() || !learnerRuns.get(learnerRuns.size() - 1).what().equals(learner)) {
                learnerRuns.add(new Seen<>(frame.seconds(), learner));
            }
        }
        System.out.println("The learner's half: " + learnerRuns);
        assertThat(learnerRuns).extracting(Seen::what).containsExactly("panel", "red", "blue", "panel");
        double frame = 1.0 / 15;
        assertThat(learnerRuns.get(1).seconds()).isCloseTo(2.0, within(2 * frame + 0.001));
        assertThat(learnerRuns.get(2).seconds()).isCloseTo(5.0, within(2 * frame + 0.001));
        assertThat(learnerRuns.get(3).seconds()).isCloseTo(10.0, within(2 * frame + 0.001));

        // Talk time analyses its two channels: the assessor on the left, the learner on the right.
        TalkAnalysis analysis = await(() -> signedIn.as("assessor", () -> talkTime.forRecording(combinedId))
                .filter(a -> a.status() != TalkAnalysis.Status.ANALYSED || a.figures() != null).orElse(null),
                Duration.ofMinutes(1));
        assertThat(analysis.status()).as(analysis.message()).isEqualTo(TalkAnalysis.Status.ANALYSED);
        System.out.println("Talk time of the combined recording with pictures: assessor " + analysis.assessor()
                + ", learner " + analysis.learner());
        assertThat(analysis.assessor()).extracting(Segment::startMs).hasSize(3);
        assertThat(analysis.learner()).extracting(Segment::startMs).hasSize(2);
        assertThat(analysis.learner().get(0).startMs()).isCloseTo(3000L, within(TOLERANCE_MS * 3));
        assertThat(analysis.figures().assessorSpeechMs()).isCloseTo(3000L, within(300L));
        assertThat(analysis.figures().learnerSpeechMs()).isCloseTo(2000L, within(300L));
    }

    /**
     * The assessor's browser falls silent 6 s into its 12 s track (the sweep closes the track with its first two parts)
     * and comes back: its later parts go to a live recording that continues the track, holding all its sound. The
     * room ends while that continuation is still recording; the combined recording waits for it (made as soon as the
     * continuation is ingested), carries the assessor's whole track, the clicks after the silence too, and the tags
     * made before and after the silence.
     */
    @Test
    void aTrackWhoseBrowserFellSilentAndCameBackIsCombinedWithAllItsSound() throws Exception {
        long discussion = openRoomBothAgreed();
        byte[] assessorFile = Files.readAllBytes(streamed(track("assessor-silent", 12.0, 1000, 1.0, 5.0, 10.0)));
        Path learnerFile = track("learner-steady", 10.0, 2000, 2.0, 8.0);
        int count = 4;
        Track assessor = signedIn.as("assessor", () -> rooms.startTrack(discussion, -20, 20));
        sendParts("assessor", assessor.recordingId(), assessorFile, count, 0, 2);
        signedIn.as("assessor", () -> {
            rooms.partCaptured(assessor.recordingId(), 0, T0 - 20, T0 - 20 + 3000);
            return null;
        });
        fixtures.closeAsSilent(assessor.recordingId());
        awaitState(assessor.recordingId(), RecordingState.READY, Duration.ofMinutes(3));
        long ac = signedIn.as("assessor", () -> discussions.criteria(discussion)).stream()
                .map(AssessedCriterion::id).findFirst().orElseThrow();
        TagView beforeTheSilence = signedIn.as("assessor", () -> tags.create(assessor.recordingId(),
                new TagDraft(4000, null, Set.of(ac), "before the silence")));
        long learnerTrack = record("learner", discussion, 1500, T0 + 1000, learnerFile);
        awaitState(learnerTrack, RecordingState.READY, Duration.ofMinutes(3));

        // The assessor's browser comes back: its third part starts the continuation, which is still recording when
        // the room ends.
        sendParts("assessor", assessor.recordingId(), assessorFile, count, 2, 3);
        long continuation = recordings.chainOf(assessor.recordingId()).get(1);
        var session = signedIn.as("assessor", () -> rooms.end(discussion));
        Thread.sleep(RoomJobs.FIRST_LOOK.toMillis() + 4000); // the job has looked (it polls every 2 s)
        assertThat(store.combined(session.id())).as("no combined recording while a track's continuation records")
                .isEmpty();

        sendParts("assessor", assessor.recordingId(), assessorFile, count, 3, count);
        signedIn.as("assessor", () -> live.finish(assessor.recordingId(), count));
        RecordingSummary whole = awaitState(continuation, RecordingState.READY, Duration.ofMinutes(3));
        assertThat(whole.durationMillis()).isCloseTo(12_000L, within(TOLERANCE_MS * 3));
        TagView afterTheSilence = signedIn.as("assessor", () -> tags.create(continuation,
                new TagDraft(10_000, null, Set.of(ac), "after the silence")));
        // The continuation's ingest makes the waiting job due at once, not at its next safety poll a minute later.
        await(() -> store.combined(session.id()).orElse(null), RoomJobs.SAFETY_POLL.dividedBy(3));
        RecordingSummary combined = combinedOf(session.id());

        assertThat(combined.durationMillis()).isCloseTo(12_000L, within(TOLERANCE_MS));
        assertHeard(combined, "a track that continued", new long[] {1000, 5000, 10_000}, new long[] {3000, 9000});
        // Both tags went with the track: the one made before the silence through the continuation, at their times.
        List<TagView> moved = signedIn.as("assessor", () -> tags.forRecording(combined.id()));
        assertThat(moved).extracting(TagView::id).containsExactly(beforeTheSilence.id(), afterTheSilence.id());
        assertThat(moved).extracting(TagView::startMs).containsExactly(4000L, 10_000L);
    }

    /** Sends parts {@code from} (inclusive) to {@code to} of {@code file} cut by bytes into {@code count}. */
    private void sendParts(String party, long recordingId, byte[] file, int count, int from, int to) {
        for (int sequence = from; sequence < to; sequence++) {
            byte[] part = TestMedia.part(file, count, sequence);
            int seq = sequence;
            signedIn.as(party, () -> {
                live.part(recordingId, seq, new ByteArrayInputStream(part));
                return null;
            });
        }
    }

    /** The file as a browser's recorder writes it: a live WebM, without cues or a duration, clusters every second. */
    private Path streamed(Path webm) throws Exception {
        Path out = dir.resolve("streamed-" + webm.getFileName());
        Process process = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", webm.toString(), "-c", "copy",
                "-f", "webm", "-live", "1", "-cluster_time_limit", "1000", out.toString()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return out;
    }

    /** The colour at a point: "panel" (the dark panel), "red", "blue", or "other". */
    private static String shown(int[] rgb) {
        if (Math.abs(rgb[0] - 38) <= 12 && Math.abs(rgb[1] - 38) <= 12 && Math.abs(rgb[2] - 38) <= 12) {
            return "panel";
        }
        if (rgb[0] > 150 && rgb[1] < 90 && rgb[2] < 90) {
            return "red";
        }
        if (rgb[2] > 150 && rgb[0] < 90 && rgb[1] < 110) {
            return "blue";
        }
        return "other";
    }

    /**
     * A party's track as its browser records it: Opus in WebM (with {@code picture}, an ffmpeg source, as VP8 when
     * given), with a second of tone (speech) from each given second on.
     */
    private Path speech(String name, double seconds, int hz, String picture, double... starts) throws Exception {
        return BrowserTracks.webm(dir.resolve(name + ".webm"), seconds, hz, 0.5, 1, picture, starts);
    }

    /** The session's combined recording, once it is made and ready. */
    private RecordingSummary combinedOf(long sessionId) throws Exception {
        Long id = await(() -> store.combined(sessionId).map(RoomStore.CombinedRow::recordingId).orElse(null),
                Duration.ofMinutes(3));
        return awaitState(id, RecordingState.READY, Duration.ofMinutes(3));
    }

    /**
     * Reads the combined original independently (the ffmpeg command decodes it) and finds each party's sound where
     * the script puts it (ms on the timeline): the assessor's on the left channel, the learner's on the right.
     * Returns the two decoded channels.
     */
    private short[][] assertHeard(RecordingSummary combined, String what, long[] assessor, long[] learner)
            throws Exception {
        short[][] channels = DecodedSound.stereo(media.originalFile(combined.sha256()));
        List<Long> left = DecodedSound.onsets(channels[0]);
        List<Long> right = DecodedSound.onsets(channels[1]);
        System.out.println("Combined recording " + combined.id() + " (" + what + "): assessor at " + left
                + " ms (script " + Arrays.toString(assessor) + "), learner at " + right + " ms (script "
                + Arrays.toString(learner) + ")");
        assertClicks(left, assessor);
        assertClicks(right, learner);
        return channels;
    }

    private static void assertClicks(List<Long> found, long... script) {
        assertThat(found).hasSize(script.length);
        for (int i = 0; i < script.length; i++) {
            assertThat(found.get(i)).as("click %d", i).isCloseTo(script[i], within(TOLERANCE_MS));
        }
    }

    private static void assertSpan(SingleSided span, long start, long end, RoomRole party) {
        assertThat(span.party()).isEqualTo(party);
        assertThat(span.startMs()).isCloseTo(start, within(TOLERANCE_MS));
        assertThat(span.endMs()).isCloseTo(end, within(TOLERANCE_MS));
    }

    /** A remote discussion whose room the assessor opened, both parties agreeing to be recorded. */
    private long openRoomBothAgreed() {
        long learnerId = trail.userId("learner");
        long unit = catalogue.unit("8587-300").map(Unit::id).orElseThrow();
        long discussion = signedIn.as("assessor", () -> discussions.create(List.of(learnerId), Set.of(unit),
                LocalDate.now(), DiscussionMode.REMOTE)).id();
        signedIn.as("assessor", () -> rooms.enter(discussion));
        signedIn.as("assessor", () -> rooms.consent(discussion));
        signedIn.as("learner", () -> rooms.consent(discussion));
        return discussion;
    }

    /**
     * A party's track as its browser would send it (Opus in WebM): silence with a 30 ms tone burst (a click) at each
     * given second.
     */
    private Path track(String name, double seconds, int hz, double... clicks) throws Exception {
        return BrowserTracks.webm(dir.resolve(name + ".webm"), seconds, hz, 0.8, 0.03, null, clicks);
    }

    /**
     * Records one track as the party's browser does: starts it (with the clock offset it measured), sends its one
     * part, reports the part's capture span by the browser's clock, and finishes it.
     */
    private long record(String party, long discussion, long offsetMs, long serverStartMs, Path file) {
        return signedIn.as(party, () -> {
            Track track = rooms.startTrack(discussion, offsetMs, 20);
            try (InputStream in = Files.newInputStream(file)) {
                live.part(track.recordingId(), 0, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rooms.partCaptured(track.recordingId(), 0, serverStartMs + offsetMs, serverStartMs + offsetMs + 2000);
            live.finish(track.recordingId(), 1);
            return track.recordingId();
        });
    }

    private RecordingSummary awaitState(long recordingId, RecordingState state, Duration limit) throws Exception {
        return await(() -> {
            RecordingSummary summary = signedIn.as("assessor", () -> recordings.get(recordingId));
            assertThat(summary.state()).as("recording %d: %s", recordingId, summary.message())
                    .isNotEqualTo(RecordingState.FAILED);
            return summary.state() == state ? summary : null;
        }, limit);
    }

    private static <T> T await(Supplier<T> probe, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not there after " + limit);
            }
            Thread.sleep(250);
        }
    }
}
