package app.earmark.room;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.AssessedCriterion;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionPlan;
import app.earmark.discussions.Discussions;
import app.earmark.observation.LiveObservations;
import app.earmark.support.AuditTrail;
import app.earmark.support.Axe;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import app.earmark.talktime.TalkAnalysis;
import app.earmark.talktime.TalkTime;
import app.earmark.workspace.TagView;
import app.earmark.workspace.Tags;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A remote discussion between two Chromium instances, each with its own fake microphone (tones with pauses made by
 * ffmpeg: 440 Hz for the assessor, 880 Hz for the learner, taking turns): the assessor starts the room from the
 * discussion's page, the learner joins from their home page, an uninvited learner is refused, both agree to the
 * recording notice (audited), the call connects both ways (RTCPeerConnection connected, sound received), each
 * party's browser records its own microphone (the learner's with their camera) and its parts (with their capture
 * clock) reach Earmark, the assessor tags live with the AC keys (the tag lands on the assessor's own track at the time
 * of the key press less the reaction delay), the assessor shows planned questions and the learner sees them, the
 * learner's picture pauses on a slow link (both told) and comes back, an IQA who marked the discussion for live
 * observation joins receive-only and is shown to both as "IQA observing", and the learner's browser is killed and
 * comes back (the call connects again and a new track records).
 */
class RemoteRoomIT extends BrowserTest {

    static final String CONNECTED_TO = RoomPages.CONNECTED_TO;

    @Autowired
    SignedIn signedIn;
    @Autowired
    Discussions discussions;
    @Autowired
    Catalogue catalogue;
    @Autowired
    AuditTrail trail;
    @Autowired
    LiveObservations observations;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RemoteRooms rooms;
    @Autowired
    Tags tags;
    @Autowired
    TalkTime talkTime;

    /** The workspace's default reaction delay (earmark.workspace.reaction-delay). */
    static final long REACTION_DELAY_MS = 2000;

    /** A mono WAV of {@code seconds}: a tone at {@code hz} for 2 s, then 2 s of silence, and so on ({@code shift}). */
    static Path tones(Path file, int hz, int shiftSeconds, int seconds) throws Exception {
        Files.createDirectories(file.getParent());
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=" + hz + ":sample_rate=48000:duration=" + seconds, "-af",
                "volume='if(lt(mod(t+" + shiftSeconds + "\\,4)\\,2)\\,0.7\\,0)':eval=frame", "-ac", "1", "-c:a",
                "pcm_s16le", file.toString()).redirectErrorStream(true).start();
        String out = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(out).isZero();
        return file;
    }

    /** Two browsers, a server and a call on a shared 2-core machine: the assertions' default 5 s is too tight. */
    @org.junit.jupiter.api.BeforeAll
    static void patientAssertions() {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @org.junit.jupiter.api.AfterAll
    static void usualAssertions() {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
    }

    @Test
    void bothPartiesJoinAgreeAndAreRecordedEachFromTheirOwnBrowserWhileAnIqaObservesAndAStrangerIsRefused()
            throws Exception {
        started = System.nanoTime();
        long learnerId = trail.userId("learner");
        long unit = catalogue.unit("8587-300").map(Unit::id).orElseThrow();
        long discussion = signedIn.as("assessor", () -> discussions.create(List.of(learnerId), Set.of(unit),
                LocalDate.now(), DiscussionMode.REMOTE)).id();
        List<AssessedCriterion> acs = signedIn.as("assessor", () -> discussions.criteria(discussion));
        String q1 = "Tell me how you plan a safe working area.";
        String q2 = "What would you do if the isolation could not be proved?";
        signedIn.as("assessor", () -> discussions.savePlan(discussion, LocalTime.of(10, 0), List.of(
                new DiscussionPlan.Draft(q1, Set.of(acs.get(0).id())),
                new DiscussionPlan.Draft(q2, Set.of(acs.get(1).id())))));
        signedIn.as("iqa", () -> observations.mark(discussion));
        Path dir = Path.of("target", "room").toAbsolutePath();
        Path assessorWav = tones(dir.resolve("assessor-440.wav"), 440, 0, 30);
        Path learnerWav = tones(dir.resolve("learner-880.wav"), 880, 2, 30);
        long since = trail.lastSeq();

        Playwright own = newPlaywright();
        try {
            Browser assessorBrowser = launch(own, withAudio(assessorWav));
            Browser learnerBrowser = launch(own, withAudio(learnerWav));
            Page assessor = open(assessorBrowser, "assessor");
            Page learner = open(learnerBrowser, "learner");

            step("browsers open, both signed in");
            // The assessor starts the room from the discussion's page.
            assessor.navigate(url("/discussions/" + discussion));
            assessor.locator("#start-remote-discussion").click();
            assessor.waitForURL(url("/discussions/" + discussion + "/room"));
            assertThat(assessor.locator("#room")).hasAttribute("data-state", "ready");
            Axe.check(assessor);
            join(assessor);

            step("assessor in the call");
            // The learner sees "Join" on their home page.
            learner.navigate(url("/"));
            learner.locator("#join-remote-discussion-" + discussion).click();
            learner.waitForURL(url("/discussions/" + discussion + "/room"));
            assertThat(learner.locator("#room")).hasAttribute("data-state", "ready");
            assertThat(learner.locator("#room-microphone option")).not().hasCount(0);
            // The learner chooses their camera: the call sends it and their recording has it.
            learner.locator("#room-camera").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
            assertThat(learner.locator("#room")).hasAttribute("data-state", "ready");
            join(learner);
            assertThat(assessor.locator("#room-presence")).containsText("Lee Learner (learner)");

            step("learner in the call");
            // Nothing is recorded before both agree.
            assertThat(assessor.locator("#room-recording")).containsText("Not recording yet");
            assessor.locator("#room-consent").click();
            assertThat(learner.locator("#room-recording")).containsText("waiting for the learner");
            assertThat(learner.locator("#room")).hasAttribute("data-recording", "false");
            learner.locator("#room-consent").click();

            step("both agreed");
            // The call connects both ways, and each hears the other.
            Page joined = learner;
            connectedOrExplain(List.of(joined, assessor), () -> {
                assessor.waitForFunction(CONNECTED_TO, "LEARNER", new Page.WaitForFunctionOptions().setTimeout(30_000));
                joined.waitForFunction(CONNECTED_TO, "ASSESSOR", new Page.WaitForFunctionOptions().setTimeout(30_000));
            });
            RoomPages.awaitAudio(assessor, "LEARNER");
            RoomPages.awaitAudio(learner, "ASSESSOR");

            step("connected, sound both ways");
            // Both record their own microphone, and both see it.
            assertThat(assessor.locator("#room")).hasAttribute("data-recording", "true",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
            assertThat(learner.locator("#room")).hasAttribute("data-recording", "true",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
            assertThat(assessor.locator("#room-recording")).containsText("Recording: ");
            assertThat(assessor.locator("#room-recording")).containsText("Lee Learner (learner)");
            assertThat(learner.locator("#room-recording")).containsText("Sam Assessor (assessor)");
            assertThat(learner.locator("#room")).hasAttribute("data-recording-type",
                    java.util.regex.Pattern.compile("^video/webm"));
            assertThat(assessor.locator("#room")).hasAttribute("data-recording-type",
                    java.util.regex.Pattern.compile("^audio/"));

            step("both recording");
            // The assessor tags live, with the AC keys of the workspace: the tag goes on their own track.
            assertThat(learner.locator("#room-tagging")).hasCount(0);
            assertThat(learner.locator("#room-share")).hasCount(0);
            assessor.locator("body").click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(1, 1));
            double pressedAt = ((Number) assessor.evaluate("() => performance.timeOrigin + performance.now()"))
                    .doubleValue();
            assessor.keyboard().type(acs.get(0).number());
            assessor.keyboard().press("Enter");
            try {
                assertThat(assessor.locator("#room .tag-item")).hasCount(1,
                        new LocatorAssertions.HasCountOptions().setTimeout(20_000));
            } catch (AssertionError e) {
                assessor.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(Path.of("target", "browser-screenshots", "RemoteRoomIT-assessor-tag.png")));
                System.out.println("RemoteRoomIT tagging: " + assessor.locator("#room-tagging").innerText()
                        + "\nstatus: " + assessor.locator("#room-status").innerText());
                throw e;
            }

            step("assessor tagged live");
            // The assessor shows one planned question, then the list; the learner sees what is shown, nothing else.
            assessor.locator(".room-share-one[data-position='2']").click();
            assertThat(learner.locator("#room-shared")).containsText(q2);
            assertThat(learner.locator("#room-shared")).not().containsText(q1);
            assertThat(assessor.locator("#room-share-state")).containsText("The learner sees question 2.");
            assessor.locator("#room-share-all").click();
            assertThat(learner.locator("#room-shared .room-shared-question")).hasCount(2);
            assertThat(learner.locator("#room-shared")).containsText(q1);
            assertThat(learner.locator("#room-shared")).not().containsText(acs.get(0).text());

            step("questions shown to the learner");
            // The learner's link gets too slow for video: their picture pauses (sound goes on), both are told; then
            // it recovers. (The statistics are simulated: the test cannot throttle the loopback.)
            learner.evaluate("() => document.querySelector('#room').simulateLink(true, 3)");
            assertThat(learner.locator("#room-video-notice")).containsText("Video paused: the connection is too slow;"
                    + " sound continues.");
            assertThat(assessor.locator("#room-video-notice")).containsText("Video paused: the connection is too slow;"
                    + " sound continues. (Lee Learner's picture)");
            learner.evaluate("() => document.querySelector('#room').simulateLink(false, 5)");
            assertThat(learner.locator("#room-video-notice")).isHidden();
            assertThat(assessor.locator("#room-video-notice")).isHidden();

            step("video paused and resumed");
            // An uninvited learner is refused.
            Page stranger = open(learnerBrowser, "learner2");
            stranger.navigate(url("/discussions/" + discussion + "/room"));
            assertThat(stranger.locator("#access-refused")).containsText("Only the learner and the assessor of this"
                    + " discussion");
            assertThat(stranger.locator("#room")).hasCount(0);

            step("stranger refused");
            // The IQA who marked it joins receive-only; both parties see it.
            Page iqa = open(assessorBrowser, "iqa");
            iqa.navigate(url("/discussions/" + discussion));
            iqa.locator("#observe-remote-discussion").click();
            iqa.waitForURL(url("/discussions/" + discussion + "/room"));
            iqa.locator("#room-join").click();
            assertThat(assessor.locator("#room-observing")).containsText("IQA observing: Ingrid IQA");
            assertThat(learner.locator("#room-observing")).containsText("IQA observing: Ingrid IQA");
            assertThat(iqa.locator("#room-notice")).isHidden();
            Axe.check(learner);
            Axe.check(iqa);
            iqa.waitForFunction(CONNECTED_TO, "LEARNER", new Page.WaitForFunctionOptions().setTimeout(20_000));
            iqa.waitForFunction(CONNECTED_TO, "ASSESSOR", new Page.WaitForFunctionOptions().setTimeout(20_000));

            step("IQA observing, connected to both");
            // Each party's parts arrive, with their capture clock.
            Map<String, Long> tracks = awaitParts(discussion, 2);
            assertThat(tracks).containsOnlyKeys("ASSESSOR", "LEARNER");
            // The live tag is on the assessor's track, at the key press less the reaction delay, counted from the
            // track's start as its first part's capture clock says (by the assessor's browser clock).
            long assessorTrack = tracks.get("ASSESSOR");
            long trackStart = jdbc.queryForObject("select capture_start_ms from room_part_clock where recording_id = ?"
                    + " and seq = 0", Long.class, assessorTrack);
            List<TagView> placed = signedIn.as("assessor", () -> tags.forRecording(assessorTrack));
            assertThat(placed).singleElement().satisfies(tag -> {
                assertThat(tag.criterionIds()).containsExactly(acs.get(0).id());
                long expected = Math.round(pressedAt) - trackStart - REACTION_DELAY_MS;
                // The first key goes down a moment after the time was read (a round trip to the browser).
                assertThat(tag.startMs()).isBetween(Math.max(0, expected - 300), expected + 2500);
            });
            long tagOnTrackMs = placed.get(0).startMs();
            long learnerTrack = tracks.get("LEARNER");
            assertThat(signedIn.as("assessor", () -> tags.forRecording(learnerTrack))).isEmpty();

            step("parts and clocks of both parties arrived; the tag is on the assessor's track");
            // The learner's browser is killed and the learner comes back: their new page replaces the dead one in the
            // room at once, the call connects again, and their browser records a new track by itself (they agreed
            // already); what the assessor shows is on the new page too. Runs only with -Dearmark.test.room-rejoins=N
            // (N times), until the stuck rejoin in docs/remote-room.md is understood; it repeats it (to
            // try the rejoin many times under load in one run).
            Map<String, Long> first = tracks;
            for (int round = 1, rounds = Integer.getInteger("earmark.test.room-rejoins", 1); round <= rounds; round++) {
                learner.context().close();
                learner = open(learnerBrowser, "learner");
                learner.navigate(url("/discussions/" + discussion + "/room"));
                join(learner);
                Page rejoined = learner;
                connectedOrExplain(List.of(rejoined, assessor), () -> {
                    rejoined.waitForFunction(CONNECTED_TO, "ASSESSOR",
                            new Page.WaitForFunctionOptions().setTimeout(30_000));
                    // The assessor has one learner again (the new page), connected.
                    assessor.waitForFunction("() => document.querySelector('#room').peerStates()"
                            + ".filter(p => p.role === 'LEARNER').length === 1", null,
                            new Page.WaitForFunctionOptions().setTimeout(30_000));
                    assessor.waitForFunction(CONNECTED_TO, "LEARNER",
                            new Page.WaitForFunctionOptions().setTimeout(30_000));
                });
                RoomPages.awaitAudio(learner, "ASSESSOR");
                RoomPages.awaitAudio(assessor, "LEARNER");
                assertThat(learner.locator("#room")).hasAttribute("data-recording", "true");
                assertThat(assessor.locator("#room-presence")).containsText("Lee Learner (learner)");
                assertThat(learner.locator("#room-shared .room-shared-question")).hasCount(2);
                Map<String, Long> afterRejoin = awaitNewLearnerTrack(discussion, tracks.get("LEARNER"));
                assertThat(afterRejoin.get("ASSESSOR")).isEqualTo(tracks.get("ASSESSOR"));
                tracks = afterRejoin;
                step("learner killed, rejoined, connected and recording again (" + round + " of " + rounds + ")");
            }

            // The assessor ends it: both browsers send the rest and finish their recording.
            assessor.locator("#room-end").click();
            assertThat(learner.locator("#room")).hasAttribute("data-state", "ended");
            assertThat(learner.locator("#room-recording")).containsText("The assessor ended the remote discussion");
            Page learnerNow = learner;
            statusOnFailure(List.of(learnerNow, assessor), () -> {
                assertThat(learnerNow.locator("#room")).hasAttribute("data-recording", "finished",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
                assertThat(assessor.locator("#room")).hasAttribute("data-recording", "finished",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            });
            assertThat(learner.locator("#room-status")).containsText("Your recording has reached Earmark completely");
            for (long recordingId : tracks.values()) {
                assertThat(jdbc.queryForObject("select state from recording where id = ?", String.class,
                        recordingId)).isNotEqualTo("RECORDING");
            }
            step("both recordings finished");
            // The learner's first track has their camera: its ingest finds a picture.
            long learnerFirst = first.get("LEARNER");
            long deadline = System.currentTimeMillis() + 60_000;
            Map<String, Object> row = Map.of();
            while (System.currentTimeMillis() < deadline) {
                row = jdbc.queryForMap("select state, video_codec, audio_codec from recording where id = ?", learnerFirst);
                if (!List.of("RECORDING", "ASSEMBLING", "QUEUED", "PROBING", "PROCESSING").contains(row.get("state"))) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(row.get("state")).as(row.toString()).isEqualTo("READY");
            assertThat((String) row.get("video_codec")).as(row.toString()).isNotBlank();
            assertThat((String) row.get("audio_codec")).as(row.toString()).isNotBlank();
            step("the learner's camera track ingested with picture and sound");
            long combined = theCombinedRecordingCoversTheCallWithTheTagAndTheTalkOfTheScript(tracks.get("ASSESSOR"),
                    tagOnTrackMs);
            // The learner chose a camera: the combined recording has a picture (the two parties side by side).
            assertThat(jdbc.queryForObject("select video_codec from recording where id = ?", String.class, combined))
                    .isEqualTo("h264");
            // The workspace shows the combined recording with a talk-time lane per party (the picture in
            // docs/remote-room.md is this screenshot).
            assessor.navigate(url("/discussions/" + discussion + "/workspace?recording=" + combined));
            assertThat(assessor.locator("#talk-lanes-" + combined)).isVisible();
            assertThat(assessor.locator("#solo-learner")).isVisible();
            assessor.locator("#talk-lanes-" + combined).screenshot(new com.microsoft.playwright.Locator
                    .ScreenshotOptions().setPath(Path.of("target", "browser-screenshots",
                            "RemoteRoomIT-combined-recording-talk-lanes.png")));
            step("the combined recording's workspace shows the talk-time lanes and the party mixer");
        } finally {
            own.close();
        }

        List<Map<String, Object>> audit = trail.since(since);
        assertThat(audit).filteredOn(e -> "recording-consent-given".equals(e.get("action")))
                .extracting(e -> e.get("actor")).containsExactlyInAnyOrder("assessor", "learner");
        assertThat(audit).filteredOn(e -> "recording-consent-given".equals(e.get("action")))
                .allSatisfy(e -> assertThat((String) e.get("details")).contains("The centre keeps the recording"));
        assertThat(audit).filteredOn(e -> "access-refused".equals(e.get("action"))
                && ("room:" + discussion).equals(e.get("subject"))).extracting(e -> e.get("actor"))
                .contains("learner2");
        assertThat(audit).filteredOn(e -> "remote-room-entered".equals(e.get("action")))
                .extracting(e -> e.get("actor")).contains("assessor", "learner", "iqa");
    }

    @Test
    void theWaitingRoomSaysPlainlyWhenTheMicrophoneIsRefusedMissingOrTheBrowserCannotCall() {
        long learnerId = trail.userId("learner");
        long unit = catalogue.unit("8587-300").map(Unit::id).orElseThrow();
        long discussion = signedIn.as("assessor", () -> discussions.create(List.of(learnerId), Set.of(unit),
                LocalDate.now(), DiscussionMode.REMOTE)).id();
        signedIn.as("assessor", () -> rooms.enter(discussion));
        signInAs("learner");
        String room = url("/discussions/" + discussion + "/room");

        // The browser (as a person would) refuses the microphone.
        context.addInitScript("window.__refuse = 'NotAllowedError';");
        context.addInitScript(REFUSING_MICROPHONE);
        page.navigate(room);
        assertThat(page.locator("#room-problem")).containsText("Earmark was not allowed to use your microphone");
        assertThat(page.locator("#room-join")).isDisabled();
        Axe.check(page);

        // No microphone at all.
        page.evaluate("() => { window.__refuse = 'NotFoundError'; document.querySelector('.room-check-again').click(); }");
        assertThat(page.locator("#room-problem")).containsText("No microphone was found");
        assertThat(page.locator("#room-join")).isDisabled();

        // A browser without WebRTC.
        BrowserContext old = newContext();
        Page noRtc = old.newPage();
        signInAs(noRtc, "learner");
        old.addInitScript("delete window.RTCPeerConnection;");
        noRtc.navigate(room);
        assertThat(noRtc.locator("#room-problem")).containsText("This browser cannot make calls (it has no WebRTC)");
        assertThat(noRtc.locator("#room-join")).isDisabled();

        // Other tests share the database: leave no room open on the learner's home page.
        signedIn.as("assessor", () -> rooms.end(discussion));
    }

    /** getUserMedia failing as the browser's own refusal would, with the DOMException named in window.__refuse. */
    static final String REFUSING_MICROPHONE = "navigator.mediaDevices.getUserMedia = () =>"
            + " Promise.reject(new DOMException('refused in the test', window.__refuse));";

    private long started;

    /** Prints how long the test has run at each step (the target is about a minute on a quiet machine). */
    /**
     * When the room has ended, its tracks are mixed into one combined recording (assessor left, learner right) and
     * ingested: it covers the call from the first track's start to the last one's end, the live tag has moved onto it
     * at its track's offset, and talk time finds what the fake microphones played (each party a tone 2 s of every 4,
     * so each spoke half of the time their own tracks were recording).
     */
    private long theCombinedRecordingCoversTheCallWithTheTagAndTheTalkOfTheScript(long assessorTrack,
            long tagOnTrackMs) throws InterruptedException {
        long session = jdbc.queryForObject("select session_id from room_track where recording_id = ?", Long.class,
                assessorTrack);
        long deadline = System.currentTimeMillis() + 180_000;
        Long combined = null;
        String state = null;
        while (System.currentTimeMillis() < deadline) {
            List<Long> rows = jdbc.queryForList("select recording_id from room_combined where session_id = ?",
                    Long.class, session);
            if (!rows.isEmpty()) {
                combined = rows.get(0);
                state = jdbc.queryForObject("select state from recording where id = ?", String.class, combined);
                if (!List.of("QUEUED", "PROBING", "PROCESSING").contains(state)) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        assertThat(combined).as("the room's combined recording within 3 minutes of the end").isNotNull();
        assertThat(state).as("the combined recording's state").isEqualTo("READY");
        long recordingId = combined;
        Map<String, Object> timeline = jdbc.queryForMap("select timeline_start_ms, duration_ms from room_combined"
                + " where session_id = ?", session);
        long timelineStart = ((Number) timeline.get("timeline_start_ms")).longValue();
        long combinedMs = jdbc.queryForObject("select duration_ms from recording where id = ?", Long.class, recordingId);
        // Every track lies inside the combined recording: its start on the common timeline plus its own length.
        List<Long> allTracks = jdbc.queryForList("select recording_id from room_track where session_id = ?", Long.class,
                session);
        long learnerRecorded = 0;
        long assessorRecorded = 0;
        int learnerTracks = 0;
        for (long track : allTracks) {
            Map<String, Object> row = jdbc.queryForMap("select r.state, r.duration_ms, t.party from recording r join"
                    + " room_track t on t.recording_id = r.id where r.id = ?", track);
            if (!"READY".equals(row.get("state")) || row.get("duration_ms") == null) {
                continue;
            }
            long length = ((Number) row.get("duration_ms")).longValue();
            Long start = jdbc.queryForObject("select min(server_start_ms) from room_part_clock where recording_id = ?",
                    Long.class, track);
            assertThat(start - timelineStart + length).as("track " + track + " ends inside the combined recording")
                    .isLessThanOrEqualTo(combinedMs + 500);
            if ("ASSESSOR".equals(row.get("party"))) {
                assessorRecorded += length;
            } else {
                learnerRecorded += length;
                learnerTracks++;
            }
        }
        // The live tag has moved from the assessor's track onto the combined recording, shifted by the track's start.
        long assessorStart = jdbc.queryForObject("select server_start_ms from room_part_clock where recording_id = ?"
                + " and seq = 0", Long.class, assessorTrack);
        assertThat(signedIn.as("assessor", () -> tags.forRecording(assessorTrack))).isEmpty();
        List<TagView> moved = signedIn.as("assessor", () -> tags.forRecording(recordingId));
        assertThat(moved).hasSize(1);
        step("combined recording ready (" + combinedMs + " ms), the live tag moved onto it at "
                + moved.get(0).startMs() + " ms (the track starts at " + (assessorStart - timelineStart) + " ms)");
        assertThat(moved.get(0).startMs()).isBetween(tagOnTrackMs + assessorStart - timelineStart - 5,
                tagOnTrackMs + assessorStart - timelineStart + 5);
        // Talk time of the combined recording against the script: half of each party's recorded time, give or take
        // one tone at each track's edges and the voice detector's hangover.
        TalkAnalysis analysis = awaitTalkTime(recordingId);
        long assessorSpeech = analysis.figures().assessorSpeechMs();
        long learnerSpeech = analysis.figures().learnerSpeechMs();
        step("talk time: assessor " + assessorSpeech + " ms of " + assessorRecorded + " ms recorded, learner "
                + learnerSpeech + " ms of " + learnerRecorded + " ms");
        assertThat(assessorSpeech).isBetween(Math.round(assessorRecorded * 0.45) - 2000,
                Math.round(assessorRecorded * 0.55) + 2000);
        assertThat(learnerSpeech).isBetween(Math.round(learnerRecorded * 0.45) - 2000L * learnerTracks,
                Math.round(learnerRecorded * 0.55) + 2000L * learnerTracks);
        return recordingId;
    }

    private TalkAnalysis awaitTalkTime(long recordingId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            var analysis = signedIn.as("assessor", () -> talkTime.forRecording(recordingId));
            if (analysis.isPresent() && analysis.get().figures() != null) {
                return analysis.get();
            }
            assertThat(System.currentTimeMillis()).as("talk time of the combined recording within a minute, was "
                    + analysis).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private void step(String what) {
        System.out.printf("RemoteRoomIT %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static List<String> withAudio(Path wav) {
        var flags = new ArrayList<>(CHROMIUM_FLAGS);
        flags.add("--use-file-for-fake-audio-capture=" + wav);
        return flags;
    }

    /** As {@link #awaitParts} with one part, once the learner's newest track is another than {@code before}. */
    private Map<String, Long> awaitNewLearnerTrack(long discussion, long before) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        Map<String, Long> now = awaitParts(discussion, 1);
        while (now.get("LEARNER") == before && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            now = awaitParts(discussion, 1);
        }
        assertThat(now.get("LEARNER")).isNotEqualTo(before);
        return now;
    }

    /** Each party's newest room track, once at least {@code parts} of its parts (with their clocks) have arrived. */
    private Map<String, Long> awaitParts(long discussion, int parts) throws InterruptedException {
        String sql = "select t.party, t.recording_id, r.chunks, (select count(*) from room_part_clock c where"
                + " c.recording_id = t.recording_id) as clocks from room_track t join room_session s on s.id ="
                + " t.session_id join recording r on r.id = t.recording_id where s.discussion_id = ?"
                + " and t.recording_id = (select max(u.recording_id) from room_track u where u.session_id ="
                + " t.session_id and u.party = t.party)";
        long deadline = System.currentTimeMillis() + 30_000;
        List<Map<String, Object>> rows = List.of();
        while (System.currentTimeMillis() < deadline) {
            rows = jdbc.queryForList(sql, discussion);
            boolean enough = rows.size() == 2 && rows.stream().allMatch(r -> r.get("chunks") != null
                    && ((Number) r.get("chunks")).intValue() >= parts && ((Number) r.get("clocks")).intValue() >= parts);
            if (enough) {
                var result = new java.util.TreeMap<String, Long>();
                rows.forEach(r -> result.put((String) r.get("party"), ((Number) r.get("recording_id")).longValue()));
                return result;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Parts did not arrive from both parties: " + rows);
    }

    /** Runs the assertions; if one fails, prints each page's status and queue lines, then fails. */
    private static void statusOnFailure(List<Page> pages, Runnable assertions) {
        try {
            assertions.run();
        } catch (RuntimeException | AssertionError e) {
            for (Page p : pages) {
                System.out.println("RemoteRoomIT status of " + p.url() + ": " + p.locator("#room-status").innerText()
                        + " / " + p.locator("#room-queue").innerText());
            }
            throw e;
        }
    }

    /** Presses Join and waits for the call; if the page stays out of it, prints what the page says, then fails. */
    private static void join(Page page) {
        RoomPages.join(page);
    }

    /** Runs the waits; if one fails, prints what each page's connections went through, then fails. */
    private static void connectedOrExplain(List<Page> pages, Runnable waits) {
        try {
            waits.run();
        } catch (RuntimeException | AssertionError e) {
            for (Page p : pages) {
                try {
                    System.out.println("RemoteRoomIT signalling of " + p.url() + ":\n  " + String.join("\n  ",
                            (List<String>) p.evaluate("() => document.querySelector('#room').signalLog()"))
                            + "\n  peers: " + p.evaluate("() => JSON.stringify(document.querySelector('#room')"
                            + ".peerStates())"));
                } catch (RuntimeException ignored) {
                    // the page is gone
                }
            }
            throw e;
        }
    }

    private Page open(Browser browser, String username) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        context.setDefaultTimeout(20_000);
        Page opened = context.newPage();
        signInAs(opened, username);
        return opened;
    }
}
