package app.earmark.bench;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.worker.DecodedSound;
import app.earmark.room.RoomPages;
import app.earmark.support.AuditTrail;
import app.earmark.support.BrowserTest;
import app.earmark.support.SignedIn;
import app.earmark.talktime.Segment;
import app.earmark.talktime.TalkAnalysis;
import app.earmark.talktime.TalkFigures;
import app.earmark.talktime.TalkTime;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 12's benchmark of the remote room: a call between two Debian Chromium instances on this machine, each with a
 * microphone that plays a known script on the wall clock (a tone per party, switched on and off at the script's
 * times), the learner's Chromium killed (SIGKILL) mid-answer and started again, then the call ended. Measured: talk
 * time of the combined recording against the script, the alignment of each tone onset in the combined recording, the
 * sound lost by the kill, and the CPU of the server (and of each Chromium) while recording. Writes the "Remote room"
 * section of the benchmark report. The length of the script is {@code -Dearmark.bench.room-seconds} (240).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:earmark-bench-room;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "earmark.media-store=target/bench-room-store",
        "earmark.data-dir=target/bench-room-data",
        // The killed learner's track is closed with what arrived this long after its last part (2 min by default).
        "earmark.live.abandon-after=30s",
        "earmark.live.sweep-interval=PT1S"})
@DirtiesContext
class RoomBenchmark extends BrowserTest {

    static final int ASSESSOR_HZ = 440;
    static final int LEARNER_HZ = 660;
    static final double SHARE_TARGET_PP = 2;
    static final long PAUSE_TARGET_MS = 200;
    static final long ALIGNMENT_TARGET_MS = 100;
    static final long LOST_TARGET_MS = 5000;
    static final int RATE = 48_000;

    static final String CONNECTED_TO = RoomPages.CONNECTED_TO;

    /**
     * The page's microphone: {@code getUserMedia} for sound gives a {@code MediaStreamAudioDestinationNode}'s track
     * of an AudioContext playing a tone (with a syllable-like 4 Hz swell, 0.2–0.8 of full scale) through a gate that is
     * opened and closed at the script's wall-clock times ({@code window.__benchPlay(bursts)}, epoch ms pairs). Each
     * switch is scheduled on the audio clock about a second ahead, from the audio clock's offset to {@code Date.now()}
     * as last read (the highest of the last 2 s: the audio clock moves in steps of the audio callback). The real fake
     * device is still opened and closed once (so permission and the device list are as with a microphone);
     * a camera, when asked for, is Chromium's fake one.
     */
    static String microphone(int hz) {
        return """
                (() => {
                  let ctx = null, gate = null, events = [], next = 0;
                  const recent = [];
                  const stats = { scheduled: 0, late: 0, spreadMs: 0, loopbackMs: [] };
                  const switchedOn = [];
                  window.__benchStats = stats;
                  function graph() {
                    if (ctx) return;
                    ctx = new AudioContext({ sampleRate: 48000 });
                    const tone = new OscillatorNode(ctx, { frequency: %d });
                    const level = new GainNode(ctx, { gain: 0.5 });
                    const swell = new OscillatorNode(ctx, { frequency: 4 });
                    const depth = new GainNode(ctx, { gain: 0.3 });
                    swell.connect(depth).connect(level.gain);
                    gate = new GainNode(ctx, { gain: 0 });
                    tone.connect(level).connect(gate);
                    tone.start();
                    swell.start();
                    setInterval(tick, 50);
                  }
                  function tick() {
                    if (ctx.state !== 'running') { ctx.resume(); return; }
                    const now = Date.now();
                    recent.push(ctx.currentTime * 1000 - now);
                    if (recent.length > 40) recent.shift();
                    const offset = Math.max(...recent);
                    stats.spreadMs = Math.max(stats.spreadMs, offset - Math.min(...recent));
                    if (events.length && stats.firstOffset === undefined) stats.firstOffset = offset;
                    stats.lastOffset = offset;
                    while (next < events.length && events[next][0] <= now + 1000) {
                      const [at, on] = events[next++];
                      const when = (at + offset) / 1000;
                      if (when < ctx.currentTime) stats.late++;
                      gate.gain.setValueAtTime(on ? 1 : 0, Math.max(ctx.currentTime, when));
                      if (on) switchedOn.push(Math.max(ctx.currentTime, when));
                      stats.scheduled++;
                    }
                  }
                  window.__benchPlay = (bursts) => {
                    graph();
                    const now = Date.now();
                    events = [];
                    for (const [from, to] of bursts) {
                      if (to > now) { events.push([Math.max(from, now), 1], [to, 0]); }
                    }
                    events.sort((a, b) => a[0] - b[0]);
                    next = 0;
                  };
                  // When the page asks its recorder to start (the room marks a track's capture start later, at the
                  // recorder's start event).
                  stats.recorderStarts = [];
                  const startRecorder = MediaRecorder.prototype.start;
                  MediaRecorder.prototype.start = function (...args) {
                    stats.recorderStarts.push(performance.timeOrigin + performance.now());
                    return startRecorder.apply(this, args);
                  };
                  const md = navigator.mediaDevices;
                  const original = md.getUserMedia.bind(md);
                  md.getUserMedia = async (c) => {
                    if (!c || !c.audio) return original(c);
                    const real = await original({ audio: true });
                    real.getTracks().forEach((t) => t.stop());
                    graph();
                    const out = new MediaStreamAudioDestinationNode(ctx, { channelCount: 1 });
                    gate.connect(out);
                    if (!window.__benchLoop) {
                      // The microphone's own latency, at most: its track read back into the same AudioContext; each
                      // tone's first sample there less the audio-clock time its gate was opened.
                      window.__benchLoop = true;
                      const analyser = new AnalyserNode(ctx, { fftSize: 2048 });
                      ctx.createMediaStreamSource(out.stream).connect(analyser);
                      const data = new Float32Array(analyser.fftSize);
                      let on = false;
                      setInterval(() => {
                        analyser.getFloatTimeDomainData(data);
                        const end = ctx.currentTime;
                        const first = data.findIndex((v) => Math.abs(v) > 0.03);
                        if (first > 0 && !on) {
                          const onset = end - (data.length - first) / ctx.sampleRate;
                          const opened = switchedOn.filter((w) => w <= onset + 0.001).pop();
                          if (opened !== undefined && onset - opened < 1) stats.loopbackMs.push(Math.round((onset - opened) * 1000));
                        }
                        on = first >= 0;
                      }, 20);
                    }
                    const tracks = out.stream.getAudioTracks();
                    if (c.video) {
                      const camera = await original({ video: c.video });
                      tracks.push(...camera.getVideoTracks());
                    }
                    return new MediaStream(tracks);
                  };
                })();
                """.formatted(hz);
    }

    @Autowired
    SignedIn signedIn;
    @Autowired
    Discussions discussions;
    @Autowired
    Catalogue catalogue;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TalkTime talkTime;
    @Autowired
    Recordings recordings;
    @Autowired
    MediaStore media;

    private long started;

    @BeforeAll
    static void patientAssertions() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    static void usualAssertions() {
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
    }

    @Test
    void aCallAgainstAKnownScript() throws Exception {
        started = System.nanoTime();
        Machine machine = Machine.thisOne();
        long lengthMs = Long.getLong("earmark.bench.room-seconds", 240) * 1000;
        RoomScript script = RoomScript.of(lengthMs);
        long learnerId = trail.userId("learner");
        long unit = catalogue.unit("8587-300").map(Unit::id).orElseThrow();
        long discussion = signedIn.as("assessor", () -> discussions.create(List.of(learnerId), Set.of(unit),
                LocalDate.now(), DiscussionMode.REMOTE)).id();
        String room = url("/discussions/" + discussion + "/room");

        long t0;
        long killedAt;
        long rejoinedAt;
        String loadBefore;
        String loadAfter;
        long serverCpuMs;
        long recordingWallMs;
        long assessorChromiumMs;
        long learnerChromiumMs;
        long afterCallServerMs;
        long afterCallWallMs;
        Map<String, Object> assessorStats;
        Map<String, Object> learnerStats;
        try (Playwright own = newPlaywright()) {
            Browser assessorBrowser = launch(own, flags("assessor"));
            Browser learnerBrowser = launch(own, flags("learner-1"));
            ProcessHandle assessorChromium = ProcessCpu.chromium("--earmark-bench=assessor").orElseThrow();
            ProcessHandle learnerChromium = ProcessCpu.chromium("--earmark-bench=learner-1").orElseThrow();
            Page assessor = open(assessorBrowser, "assessor", ASSESSOR_HZ);
            Page learner = open(learnerBrowser, "learner", LEARNER_HZ);

            assessor.navigate(url("/discussions/" + discussion));
            assessor.locator("#start-remote-discussion").click();
            assessor.waitForURL(room);
            join(assessor);
            learner.navigate(room);
            join(learner);
            assessor.locator("#room-consent").click();
            learner.locator("#room-consent").click();
            assessor.waitForFunction(CONNECTED_TO, "LEARNER", new Page.WaitForFunctionOptions().setTimeout(60_000));
            learner.waitForFunction(CONNECTED_TO, "ASSESSOR", new Page.WaitForFunctionOptions().setTimeout(60_000));
            for (Page p : List.of(assessor, learner)) {
                assertThat(p.locator("#room")).hasAttribute("data-recording", "true",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            }
            step("connected, both recording");

            // The script starts on the wall clock a moment from now, in both pages at once.
            t0 = System.currentTimeMillis() + 3000;
            assessor.evaluate("b => window.__benchPlay(JSON.parse(b))", RoomScript.onWallClock(script.assessor(), t0));
            learner.evaluate("b => window.__benchPlay(JSON.parse(b))", RoomScript.onWallClock(script.learner(), t0));
            sleepUntil(t0);
            loadBefore = Bench.loadAverage();
            long serverStart = ProcessCpu.serverMillis();
            long assessorStart = ProcessCpu.treeMillis(assessorChromium);
            long learnerStart = ProcessCpu.treeMillis(learnerChromium);
            step("script started (" + script.lengthMs() / 1000 + " s), load " + loadBefore);

            // The learner's Chromium is killed mid-answer (SIGKILL to it and every process under it), then the learner
            // starts a new one and comes back.
            sleepUntil(t0 + script.killAtMs());
            learnerChromiumMs = ProcessCpu.treeMillis(learnerChromium) - learnerStart;
            List<ProcessHandle> tree = new ArrayList<>(learnerChromium.descendants().toList());
            killedAt = System.currentTimeMillis();
            learnerChromium.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            learnerChromium.onExit().get(10, TimeUnit.SECONDS);
            step("learner's Chromium killed");
            Browser again = launch(own, flags("learner-2"));
            ProcessHandle learnerChromium2 = ProcessCpu.chromium("--earmark-bench=learner-2").orElseThrow();
            long learner2Start = ProcessCpu.treeMillis(learnerChromium2);
            Page back = open(again, "learner", LEARNER_HZ);
            back.navigate(room);
            back.evaluate("b => window.__benchPlay(JSON.parse(b))", RoomScript.onWallClock(script.learner(), t0));
            join(back);
            back.waitForFunction(CONNECTED_TO, "ASSESSOR", new Page.WaitForFunctionOptions().setTimeout(60_000));
            assessor.waitForFunction(CONNECTED_TO, "LEARNER", new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertThat(back.locator("#room")).hasAttribute("data-recording", "true",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            rejoinedAt = System.currentTimeMillis();
            step("learner back, connected and recording (" + (rejoinedAt - killedAt) + " ms after the kill)");

            sleepUntil(t0 + script.lengthMs() + 1000);
            long end = System.currentTimeMillis();
            serverCpuMs = ProcessCpu.serverMillis() - serverStart;
            assessorChromiumMs = ProcessCpu.treeMillis(assessorChromium) - assessorStart;
            learnerChromiumMs += ProcessCpu.treeMillis(learnerChromium2) - learner2Start;
            recordingWallMs = end - t0;
            loadAfter = Bench.loadAverage();
            assessorStats = stats(assessor);
            learnerStats = stats(back);
            step("script ended, load " + loadAfter);

            long afterStart = ProcessCpu.serverMillis();
            assessor.locator("#room-end").click();
            for (Page p : List.of(assessor, back)) {
                assertThat(p.locator("#room")).hasAttribute("data-recording", "finished",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            }
            long combined = awaitCombined(discussion);
            awaitTalkTime(combined);
            afterCallServerMs = ProcessCpu.serverMillis() - afterStart;
            afterCallWallMs = System.currentTimeMillis() - end;
            step("combined recording and its talk time ready");
        }

        // What the server has: the session's timeline, each track's place and length.
        long session = jdbc.queryForObject("select id from room_session where discussion_id = ?", Long.class,
                discussion);
        Map<String, Object> combinedRow = jdbc.queryForMap("select recording_id, timeline_start_ms from room_combined"
                + " where session_id = ?", session);
        long combined = ((Number) combinedRow.get("recording_id")).longValue();
        long timelineStart = ((Number) combinedRow.get("timeline_start_ms")).longValue();
        List<Map<String, Object>> trackRows = jdbc.queryForList("select t.recording_id, t.party, r.state,"
                + " t.clock_offset_ms, t.clock_rtt_ms,"
                + " r.duration_ms, (select min(c.server_start_ms) from room_part_clock c where c.recording_id ="
                + " t.recording_id) as start_ms from room_track t join recording r on r.id = t.recording_id"
                + " where t.session_id = ? order by t.recording_id", session);
        String startMarks = startMark("assessor", assessorStats, trackRows, "ASSESSOR", 0) + ", "
                + startMark("learner (after the rejoin)", learnerStats, trackRows, "LEARNER", 1);
        String clocks = trackRows.stream().map(r -> ((String) r.get("party")).toLowerCase(Locale.ROOT) + " "
                + signedMs(((Number) r.get("clock_offset_ms")).longValue()) + " (round trip " + r.get("clock_rtt_ms")
                + " ms)").collect(java.util.stream.Collectors.joining(", "));
        List<Segment> assessorSpans = new ArrayList<>();
        List<Segment> learnerSpans = new ArrayList<>();
        for (Map<String, Object> row : trackRows) {
            assertThat(row.get("state")).as(row.toString()).isEqualTo("READY");
            long from = ((Number) row.get("start_ms")).longValue() - timelineStart;
            Segment span = new Segment(from, from + ((Number) row.get("duration_ms")).longValue());
            ("ASSESSOR".equals(row.get("party")) ? assessorSpans : learnerSpans).add(span);
        }
        assertThat(assessorSpans).hasSize(1);
        assertThat(learnerSpans).hasSize(2);
        long shift = t0 - timelineStart;
        long killOnTimeline = killedAt - timelineStart;
        long lostMs = killOnTimeline - learnerSpans.get(0).endMs();

        // Talk time against the script, on the combined recording's timeline, where each party was recorded.
        TalkAnalysis analysis = signedIn.as("assessor", () -> talkTime.forRecording(combined)).orElseThrow();
        assertThat(analysis.status()).isEqualTo(TalkAnalysis.Status.ANALYSED);
        List<Segment> expectedA = RoomScript.within(script.assessor(), shift, assessorSpans);
        List<Segment> expectedL = RoomScript.within(script.learner(), shift, learnerSpans);
        TalkFigures expected = TalkFigures.of(expectedA, expectedL);
        TalkFigures measured = analysis.figures();
        List<RoomScript.Pause> expectedPauses = RoomScript.pauses(expectedA, expectedL);
        List<RoomScript.Pause> measuredPauses = RoomScript.pauses(analysis.assessor(), analysis.learner());
        List<long[]> pairs = new ArrayList<>();
        for (RoomScript.Pause p : expectedPauses) {
            measuredPauses.stream().filter(m -> Math.abs(m.turnEndMs() - p.turnEndMs()) < 1500).findFirst()
                    .ifPresentOrElse(m -> pairs.add(new long[] {p.turnEndMs(), p.pauseMs(), m.pauseMs()}),
                            () -> pairs.add(new long[] {p.turnEndMs(), p.pauseMs(), Long.MIN_VALUE}));
        }

        // Alignment: each scripted onset against the one in the decoded combined recording (left assessor, right
        // learner), where that party was recorded and silent for 0.5 s before.
        RecordingSummary summary = signedIn.as("assessor", () -> recordings.get(combined));
        short[][] channels = DecodedSound.stereo(media.originalFile(summary.sha256()));
        List<long[]> assessorOnsets = alignment(script.assessor(), shift, assessorSpans, onsets(channels[0]));
        List<long[]> learnerOnsets = alignment(script.learner(), shift, learnerSpans, onsets(channels[1]));
        List<Double> assessorErrors = assessorOnsets.stream().map(o -> (double) o[1]).toList();
        List<Double> learnerErrors = learnerOnsets.stream().map(o -> (double) o[1]).toList();
        int assessorScripted = scriptedOnsets(script.assessor(), shift, assessorSpans).size();
        int learnerScripted = scriptedOnsets(script.learner(), shift, learnerSpans).size();
        // The learner's sound before the kill, as the combined recording has it: where their last tone stops.
        long learnerSoundEnd = lastSound(channels[1], killOnTimeline);
        long scriptedAnswerStart = script.learner().stream().filter(s -> s.startMs() <= script.killAtMs())
                .mapToLong(Segment::startMs).max().orElseThrow() + shift;

        String report = report(script, expected, measured, pairs, assessorOnsets, learnerOnsets, assessorScripted,
                learnerScripted, lostMs, killOnTimeline - learnerSoundEnd, learnerSoundEnd > scriptedAnswerStart,
                rejoinedAt - killedAt, serverCpuMs, recordingWallMs, afterCallServerMs, afterCallWallMs,
                assessorChromiumMs, learnerChromiumMs, loadBefore, loadAfter, assessorStats, learnerStats,
                summary.durationMillis(), assessorSpans, learnerSpans, killOnTimeline, clocks, startMarks);
        System.out.println(report);
        BenchmarkReport.configured().replaceSection("Remote room", report, machine);
        assertThat(assessorErrors).as("assessor onsets found").isNotEmpty();
        assertThat(learnerErrors).as("learner onsets found").isNotEmpty();
    }

    private String report(RoomScript script, TalkFigures expected, TalkFigures measured, List<long[]> pairs,
            List<long[]> assessorOnsets, List<long[]> learnerOnsets, int assessorScripted, int learnerScripted,
            long lostMs, long lostBySoundMs, boolean soundCheckValid, long rejoinMs, long serverCpuMs,
            long recordingWallMs, long afterCallServerMs, long afterCallWallMs, long assessorChromiumMs,
            long learnerChromiumMs, String loadBefore, String loadAfter, Map<String, Object> assessorStats,
            Map<String, Object> learnerStats, Long combinedMs, List<Segment> assessorSpans,
            List<Segment> learnerSpans, long killOnTimeline, String clocks, String startMarks) {
        List<Double> assessorErrors = assessorOnsets.stream().map(o -> (double) o[1]).toList();
        List<Double> learnerErrors = learnerOnsets.stream().map(o -> (double) o[1]).toList();
        double shareError = Math.abs(measured.learnerSharePct() - expected.learnerSharePct());
        long medianError = expected.medianAnswerPauseMs() == null || measured.medianAnswerPauseMs() == null
                ? Long.MAX_VALUE : Math.abs(measured.medianAnswerPauseMs() - expected.medianAnswerPauseMs());
        List<Double> pauseErrors = pairs.stream().filter(p -> p[2] != Long.MIN_VALUE)
                .map(p -> (double) Math.abs(p[2] - p[1])).toList();
        long unmatched = pairs.stream().filter(p -> p[2] == Long.MIN_VALUE).count();
        double worstPause = pauseErrors.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        boolean pausesMet = unmatched == 0 && worstPause <= PAUSE_TARGET_MS;
        double minutes = recordingWallMs / 60_000.0;
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("learner talk share", pct(expected.learnerSharePct()), pct(measured.learnerSharePct()),
                pp(shareError), "≤ 2 points", Bench.verdict(shareError <= SHARE_TARGET_PP)));
        rows.add(List.of("assessor talk share", pct(expected.assessorSharePct()), pct(measured.assessorSharePct()),
                pp(Math.abs(measured.assessorSharePct() - expected.assessorSharePct())), "≤ 2 points",
                Bench.verdict(Math.abs(measured.assessorSharePct() - expected.assessorSharePct()) <= SHARE_TARGET_PP)));
        rows.add(List.of("longest assessor monologue", ms(expected.longestMonologueMs()),
                ms(measured.longestMonologueMs()), ms(Math.abs(measured.longestMonologueMs()
                        - expected.longestMonologueMs())), "(≤ 200 ms, as a pause)",
                Bench.verdict(Math.abs(measured.longestMonologueMs() - expected.longestMonologueMs())
                        <= PAUSE_TARGET_MS)));
        rows.add(List.of("median answer pause", ms(expected.medianAnswerPauseMs()),
                ms(measured.medianAnswerPauseMs()), ms(medianError), "≤ 200 ms",
                Bench.verdict(medianError <= PAUSE_TARGET_MS)));
        rows.add(List.of("each answer pause (" + pairs.size() + ")", "see below",
                (pairs.size() - unmatched) + " matched", "worst " + ms(worstPause), "≤ 200 ms each",
                Bench.verdict(pausesMet)));
        rows.add(List.of("assessor turns / turns run together / interruptions", expected.assessorTurns() + " / "
                + expected.runOnTurns() + " / " + expected.interruptions(), measured.assessorTurns() + " / "
                + measured.runOnTurns() + " / " + measured.interruptions(), "", "the same",
                Bench.verdict(expected.assessorTurns() == measured.assessorTurns()
                        && expected.runOnTurns() == measured.runOnTurns()
                        && expected.interruptions() == measured.interruptions())));
        rows.add(alignmentRow("assessor", assessorErrors, assessorScripted));
        rows.add(alignmentRow("learner", learnerErrors, learnerScripted));
        rows.add(List.of("sound lost when the learner's Chromium was killed", "0 s", seconds(lostMs),
                seconds(lostMs), "≤ 5 s", Bench.verdict(lostMs <= LOST_TARGET_MS)));
        rows.add(List.of("server CPU while recording", "", String.format(Locale.ROOT, "%.1f %% of one core",
                100.0 * serverCpuMs / recordingWallMs), String.format(Locale.ROOT, "%.2f CPU-s per call-minute",
                serverCpuMs / 1000.0 / minutes), "report it", "reported"));

        StringBuilder text = new StringBuilder();
        text.append("A call between two headless Chromium instances on this machine, each with a microphone playing a"
                + " known script on the wall clock (the assessor a ").append(ASSESSOR_HZ).append(" Hz tone, the"
                + " learner ").append(LEARNER_HZ).append(" Hz), ").append(Math.round(script.lengthMs() / 1000.0))
                .append(" s long, with the learner's Chromium killed (SIGKILL) mid-answer and started again; then"
                + " the assessor ends the room, and the combined recording (assessor left, learner right) is"
                + " analysed by talk time. **Targets** (issue 12): talk share within 2 percentage points and each"
                + " answer pause within 200 ms of the script; each track's onsets in the combined recording within"
                + " 100 ms of the script; at most 5 s of sound lost by the kill; server CPU per call reported.\n\n");
        text.append("Load average (1, 5, 15 minutes): ").append(loadBefore).append(" as the script started, ")
                .append(loadAfter).append(" as it ended, on 2 cores shared with other builds.\n\n");
        text.append(BenchmarkReport.table(List.of("figure", "script", "measured", "error", "target", "verdict"),
                rows));
        text.append("\n**Each onset's error** (found − scripted, at its place on the combined recording's timeline):"
                + " assessor ").append(onsetList(assessorOnsets)).append("; learner ").append(onsetList(learnerOnsets))
                .append(". The emulated microphone's own latency (its track read back into its AudioContext, out and"
                + " in again, so an upper bound): median ").append(loopback(assessorStats)).append(" (assessor), ")
                .append(loopback(learnerStats)).append(" (learner, the page after the rejoin).")
                .append(" The browser clock offsets the room measured when each track started (all on one machine, so"
                + " truly 0): ").append(clocks).append(". A track's capture start (its first part's `capture_start_ms`, taken"
                + " when the page calls `MediaRecorder.start()`; until 2026-12-06 it was the recorder's `start` event,"
                + " 49–118 ms later, and the tracks lagged by that much) against the moment the page called"
                + " `MediaRecorder.start()`: ")
                .append(startMarks).append(".\n");
        text.append("\n**Each answer pause** (the assessor's turn end on the combined recording's timeline; script →"
                + " measured, error):\n\n");
        List<List<String>> pauseRows = new ArrayList<>();
        for (long[] p : pairs) {
            pauseRows.add(List.of(clock(p[0]), ms(p[1]), p[2] == Long.MIN_VALUE ? "not found" : ms(p[2]),
                    p[2] == Long.MIN_VALUE ? "" : signedMs(p[2] - p[1])));
        }
        text.append(BenchmarkReport.table(List.of("turn ends at", "script", "measured", "error"), pauseRows));
        text.append("\n**CPU** over the ").append(seconds(recordingWallMs)).append(" of the script (one call):"
                + " server (Earmark's JVM with its workers) ").append(cpu(serverCpuMs, recordingWallMs))
                .append("; the assessor's Chromium (all its processes) ").append(cpu(assessorChromiumMs,
                        recordingWallMs)).append("; the learner's Chromium (the killed one until the kill, then the"
                        + " new one from its start) ").append(cpu(learnerChromiumMs, recordingWallMs))
                .append(". After the call, combining the tracks, ingesting and analysing took ")
                .append(seconds(afterCallWallMs)).append(" and ").append(String.format(Locale.ROOT, "%.1f",
                        afterCallServerMs / 1000.0)).append(" CPU-s of the server (from pressing *End the discussion"
                        + " for everyone* to the talk-time figures; it includes the browsers sending their last"
                        + " parts).\n");
        text.append("\n**The kill:** the learner's Chromium was killed ").append(seconds(killOnTimeline))
                .append(" into the combined recording, mid-answer; the server kept that track to ")
                .append(seconds(learnerSpans.get(0).endMs())).append(" (its start on the server's clock plus its"
                + " stored length), so ").append(seconds(lostMs)).append(" were lost");
        if (soundCheckValid) {
            text.append("; in the combined recording's right channel the learner's tone stops at ")
                    .append(seconds(killOnTimeline - lostBySoundMs)).append(" (").append(seconds(lostBySoundMs))
                    .append(" before the kill)");
        }
        text.append(". The learner was connected and recording again ").append(seconds(rejoinMs))
                .append(" after the kill (a new Chromium started, signed in, joined), and the second track starts at ")
                .append(seconds(learnerSpans.get(1).startMs())).append(". The combined recording is ")
                .append(combinedMs == null ? "?" : seconds(combinedMs)).append(" long; the assessor's track spans ")
                .append(seconds(assessorSpans.get(0).startMs())).append("–").append(seconds(assessorSpans.get(0)
                        .endMs())).append(".\n");
        text.append("\n### How it was measured\n\n");
        text.append("- `RoomBenchmark` (`./mvnw verify -Pbenchmark -Dit.test=RoomBenchmark`; the script's length is"
                + " `-Dearmark.bench.room-seconds`, 240 by default). Earmark runs in the test's JVM (H2 in memory,"
                + " the folder media store, its ingest and mix workers as child JVMs); each party has its own Debian"
                + " Chromium (headless, the browser tests' flags), in the room as in `RemoteRoomIT`: the assessor"
                + " starts the room, the learner joins, both agree, both record their own microphone (sound only, no"
                + " camera).\n");
        text.append("- **A script on the wall clock.** Both browsers and the server share this machine's clock."
                + " An init script replaces the page's microphone: `getUserMedia` for sound returns the track of a"
                + " `MediaStreamAudioDestinationNode` fed by an oscillator (the party's tone, swelling 4 times a"
                + " second between 0.2 and 0.8 of full scale, like syllables) through a gain that is switched on and"
                + " off at the script's wall-clock times (`setValueAtTime`, scheduled a second ahead from the audio"
                + " clock's offset to `Date.now()`; that offset moved by at most ")
                .append(stat(assessorStats, "spreadMs")).append(" ms (assessor) and ")
                .append(stat(learnerStats, "spreadMs")).append(" ms (learner) within 2 s, the audio callback's"
                + " step; from the script's start to its end the audio clock moved against `Date.now()` by ")
                .append(drift(assessorStats)).append(" ms (assessor) and ").append(drift(learnerStats))
                .append(" ms (learner, the page after the rejoin): negative when the audio clock fell behind, e.g."
                + " when rendering stalled under load, which shortens the track and moves later sounds earlier). The fake device is still opened once, so the device list is a microphone's. The page's"
                + " own echo cancellation and noise suppression are bypassed (the track is not a device's).\n");
        text.append("- **The script** (").append(script.assessor().size()).append(" assessor and ")
                .append(script.learner().size()).append(" learner bursts): assessor questions of 3–8 s, learner"
                + " answers of 12–35 s, answer pauses of 0.6–3 s, 0.5–1.1 s from an answer to the next question,"
                + " turns with two questions (1–1.3 s apart), an"
                + " interruption (the assessor starts ").append(seconds(RoomScript.INTERRUPTION_MS))
                .append(" before the learner finishes), a ").append(seconds(RoomScript.MONOLOGUE_MS))
                .append(" assessor monologue. The learner's Chromium is killed ")
                .append(seconds(RoomScript.KILL_INTO_ANSWER_MS)).append(" into the answer before the monologue.\n");
        text.append("- **Expected figures**: the script's bursts placed on the combined recording's timeline (the"
                + " script's start on the wall clock less `room_combined.timeline_start_ms`), kept only where that"
                + " party's track was recorded (each track's start on the server's clock and its stored length: the"
                + " learner's absence from the kill to the new track's start, and the sound lost by the kill, are"
                + " not counted as speech the detector missed), then `TalkFigures.of` (talk time's own definitions)."
                + " Measured: `TalkTime.forRecording` of the combined recording. Each answer pause is paired with the"
                + " measured one whose turn ends within 1.5 s of the script's.\n");
        text.append("- **Alignment**: the combined recording's original decoded by the ffmpeg command (48 kHz, per"
                + " channel); an onset is the first sample over 0.03 of full scale after 0.5 s below it. Each"
                + " scripted onset (in a span where that party was recorded, 0.5 s or more after the span's start)"
                + " is paired with the nearest found within 1 s; error = found − scripted. Median and maximum of"
                + " the absolute error; the signed median shows a steady lead or lag.\n");
        text.append("- **Sound lost**: the learner's Chromium (the process Playwright started, found by a marker"
                + " flag, and every process under it) got SIGKILL; lost = kill time − (the killed track's first"
                + " part's start on the server's clock + its stored length, once the server closed it as abandoned"
                + " with the parts that had arrived: `earmark.live.abandon-after=30s` here). Cross-checked in the"
                + " sound: where the learner's tone stops in the combined recording before the kill.\n");
        text.append("- **CPU**: the server is this JVM (`OperatingSystemMXBean.getProcessCpuTime`; the test's own"
                + " threads, mostly waiting, are in it too), plus the worker JVMs under it (`/proc/<pid>/stat`,"
                + " running ones and those it has waited for); the Playwright driver and the browsers are left out."
                + " Each Chromium is its main process and every process under it (`/proc/<pid>/stat`, utime +"
                + " stime). The recording phase is the script from its start to 1 s after its end.\n");
        return text.toString();
    }

    private static List<String> alignmentRow(String party, List<Double> errors, int scripted) {
        if (errors.isEmpty()) {
            return List.of(party + " onsets in the combined recording", scripted + " scripted", "none found", "",
                    "≤ 100 ms", Bench.verdict(false));
        }
        List<Double> absolute = errors.stream().map(Math::abs).toList();
        Stats stats = Stats.of(absolute);
        return List.of(party + " onsets in the combined recording", scripted + " scripted",
                errors.size() + " found; signed median " + signedMs(Math.round(Stats.median(errors))),
                "median " + ms(stats.median()) + ", max " + ms(stats.max()), "≤ 100 ms",
                Bench.verdict(stats.max() <= ALIGNMENT_TARGET_MS && errors.size() == scripted));
    }

    private static List<Long> scriptedOnsets(List<Segment> bursts, long shift, List<Segment> spans) {
        List<Long> out = new ArrayList<>();
        for (Segment s : bursts) {
            long at = s.startMs() + shift;
            if (spans.stream().anyMatch(span -> at >= span.startMs() + 500 && at < span.endMs())) {
                out.add(at);
            }
        }
        return out;
    }

    /** Each scripted onset found in the sound: {@code [scripted ms, found − scripted]}. */
    private static List<long[]> alignment(List<Segment> bursts, long shift, List<Segment> spans, List<Long> found) {
        List<long[]> errors = new ArrayList<>();
        for (long at : scriptedOnsets(bursts, shift, spans)) {
            found.stream().min((a, b) -> Long.compare(Math.abs(a - at), Math.abs(b - at)))
                    .filter(f -> Math.abs(f - at) <= 1000).ifPresent(f -> errors.add(new long[] {at, f - at}));
        }
        return errors;
    }

    private static String onsetList(List<long[]> onsets) {
        return onsets.stream().map(o -> signedMs(o[1]) + " at " + clock(o[0]))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    @SuppressWarnings("unchecked")
    private static String loopback(Map<String, Object> stats) {
        Object values = stats == null ? null : stats.get("loopbackMs");
        if (!(values instanceof List<?> list) || list.isEmpty()) {
            return "not measured";
        }
        List<Double> ms = ((List<Object>) list).stream().map(v -> ((Number) v).doubleValue()).toList();
        return String.format(Locale.ROOT, "%.0f ms (%d tones, %.0f–%.0f ms)", Stats.median(ms), ms.size(),
                Stats.of(ms).min(), Stats.of(ms).max());
    }

    /** Where sound starts (ms): the first sample over 0.03 of full scale after at least 0.5 s below it. */
    private static List<Long> onsets(short[] samples) {
        List<Long> onsets = new ArrayList<>();
        long lastLoud = Long.MIN_VALUE / 2;
        for (int i = 0; i < samples.length; i++) {
            if (Math.abs(samples[i]) > 1000) {
                if (i - lastLoud > RATE / 2) {
                    onsets.add(i * 1000L / RATE);
                }
                lastLoud = i;
            }
        }
        return onsets;
    }

    /** The end (ms) of the last sound over 0.03 of full scale at or before {@code beforeMs}. */
    private static long lastSound(short[] samples, long beforeMs) {
        int i = (int) Math.min(samples.length - 1, beforeMs * RATE / 1000);
        while (i > 0 && Math.abs(samples[i]) <= 1000) {
            i--;
        }
        return i * 1000L / RATE;
    }

    private long awaitCombined(long discussion) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            List<Map<String, Object>> rows = jdbc.queryForList("select c.recording_id, r.state from room_combined c"
                    + " join room_session s on s.id = c.session_id join recording r on r.id = c.recording_id"
                    + " where s.discussion_id = ?", discussion);
            if (!rows.isEmpty() && "READY".equals(rows.get(0).get("state"))) {
                return ((Number) rows.get(0).get("recording_id")).longValue();
            }
            assertThat(rows).as("the combined recording").noneSatisfy(r -> assertThat(r.get("state"))
                    .isEqualTo("FAILED"));
            Thread.sleep(250);
        }
        throw new AssertionError("No combined recording within 5 minutes of the end");
    }

    private void awaitTalkTime(long recordingId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            var analysis = signedIn.as("assessor", () -> talkTime.forRecording(recordingId));
            if (analysis.isPresent() && analysis.get().figures() != null) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No talk time of the combined recording within 2 minutes");
    }

    private static void sleepUntil(long epochMs) throws InterruptedException {
        long wait = epochMs - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stats(Page page) {
        return (Map<String, Object>) page.evaluate("() => window.__benchStats");
    }

    /** The party's {@code index}-th track's first capture start less when its page called the recorder's start. */
    private String startMark(String who, Map<String, Object> stats, List<Map<String, Object>> trackRows,
            String party, int index) {
        List<Long> tracks = trackRows.stream().filter(r -> party.equals(r.get("party")))
                .map(r -> ((Number) r.get("recording_id")).longValue()).toList();
        Object starts = stats == null ? null : stats.get("recorderStarts");
        if (index >= tracks.size() || !(starts instanceof List<?> list) || list.isEmpty()) {
            return who + " not measured";
        }
        long capture = jdbc.queryForObject("select capture_start_ms from room_part_clock where recording_id = ? and"
                + " seq = 0", Long.class, tracks.get(index));
        return who + " " + signedMs(Math.round(capture - ((Number) list.get(0)).doubleValue()));
    }

    private static String drift(Map<String, Object> stats) {
        if (stats == null || !(stats.get("firstOffset") instanceof Number first)
                || !(stats.get("lastOffset") instanceof Number last)) {
            return "?";
        }
        return String.format(Locale.ROOT, "%+.0f", last.doubleValue() - first.doubleValue());
    }

    private static String stat(Map<String, Object> stats, String key) {
        Object value = stats == null ? null : stats.get(key);
        return value instanceof Number n ? String.format(Locale.ROOT, "%.0f", n.doubleValue()) : "?";
    }

    /** The browser tests' flags, and a marker that finds this Chromium's process (Chromium ignores it). */
    private static List<String> flags(String marker) {
        List<String> flags = new ArrayList<>(CHROMIUM_FLAGS);
        flags.add("--earmark-bench=" + marker);
        return flags;
    }

    private Page open(Browser browser, String username, int hz) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        context.setDefaultTimeout(30_000);
        context.addInitScript(microphone(hz));
        Page opened = context.newPage();
        opened.onPageError(error -> System.out.println("RoomBenchmark page error: " + error));
        signInAs(opened, username);
        return opened;
    }

    private static void join(Page page) {
        RoomPages.join(page);
    }

    private void step(String what) {
        System.out.printf("RoomBenchmark %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static String cpu(long cpuMs, long wallMs) {
        return String.format(Locale.ROOT, "%.1f CPU-s (%.1f %% of one core, %.2f CPU-s per call-minute)",
                cpuMs / 1000.0, 100.0 * cpuMs / wallMs, cpuMs / 1000.0 / (wallMs / 60_000.0));
    }

    private static String pct(Double value) {
        return value == null ? "none" : String.format(Locale.ROOT, "%.2f %%", value);
    }

    private static String pp(double value) {
        return String.format(Locale.ROOT, "%.2f points", value);
    }

    private static String ms(Number value) {
        if (value == null || (value instanceof Long l && l == Long.MAX_VALUE)) {
            return "none";
        }
        return String.format(Locale.ROOT, "%.0f ms", value.doubleValue());
    }

    private static String signedMs(long value) {
        return String.format(Locale.ROOT, "%+d ms", value);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String clock(long millis) {
        return String.format(Locale.ROOT, "%d:%06.3f", millis / 60_000, (millis % 60_000) / 1000.0);
    }
}
