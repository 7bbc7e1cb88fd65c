package app.earmark.room;

import app.earmark.base.TimeFormat;
import app.earmark.people.People;
import app.earmark.people.PersonRef;
import app.earmark.recordings.CombinedRecordings;
import app.earmark.recordings.CombinedRecordings.Placement;
import app.earmark.recordings.RecordingState;
import app.earmark.recordings.RecordingSummary;
import app.earmark.recordings.Recordings;
import app.earmark.room.RoomEvents.RoomRecordingCombined;
import app.earmark.room.RoomEvents.TrackPlacement;
import app.earmark.room.RoomStore.CombinedRow;
import app.earmark.room.RoomStore.SessionRow;
import app.earmark.room.RoomStore.SingleSided;
import app.earmark.room.RoomStore.TrackRow;
import app.earmark.workspace.Tags;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a room's combined recording once its session has ended and every track has settled (ready, failed, or empty;
 * a track whose browser fell silent and came back together with the live recordings that continue it, the last of
 * which holds all its sound): each track is placed on one timeline at its start on the server's clock (its first
 * part's capture start, converted with the clock offset its browser measured), the assessor on the left channel, the
 * learner on the right, from the first track's start to the last track's end. The mix is made by
 * {@link CombinedRecordings} (a worker process) and becomes a new recording of the discussion, which goes through the
 * normal ingest: sound only (M4A), or, when a track has a camera picture, an MP4 with the two parties' pictures side by
 * side (assessor left, learner right, each side labelled with the party's name where it has no picture). Spans in
 * which only one party was recorded are kept and said on the recording. Run by the {@code room-combine} job
 * ({@link RoomJobs}).
 */
@Component
class RoomCombiner {

    private static final Logger log = LoggerFactory.getLogger(RoomCombiner.class);
    /** Shorter stretches of one party only are the tracks' starts and ends not quite meeting, not a missing side. */
    static final long SINGLE_SIDED_MIN_MS = 1000;
    static final String LABEL = "Remote discussion (combined)";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm")
            .withZone(ZoneId.systemDefault());

    private final RoomStore store;
    private final Recordings recordings;
    private final CombinedRecordings combined;
    private final TransactionTemplate transactions;
    private final Tags tags;
    private final People people;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoomCombiner(RoomStore store, Recordings recordings, CombinedRecordings combined, TransactionTemplate transactions,
            Tags tags, People people, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.recordings = recordings;
        this.combined = combined;
        this.transactions = transactions;
        this.tags = tags;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    enum Outcome {
        /** A track is still being recorded or ingested: ask again later. */
        WAIT,
        /** Combined, or there is nothing to combine. */
        DONE
    }

    /** A track on the timeline (server-clock epoch ms). */
    record Placed(long recordingId, RoomRole party, long startMs, long endMs) {
    }

    Outcome combine(long sessionId) throws IOException, InterruptedException {
        Optional<SessionRow> session = transactions.execute(status -> store.session(sessionId));
        if (session.isEmpty() || session.get().endedAt() == null) {
            log.warn("Remote room {} has not ended (or does not exist); nothing to combine", sessionId);
            return Outcome.DONE;
        }
        if (transactions.execute(status -> store.combined(sessionId)).isPresent()) {
            return Outcome.DONE;
        }
        List<TrackRow> tracks = transactions.execute(status -> store.tracks(sessionId));
        List<Placed> placed = new ArrayList<>();
        for (TrackRow track : tracks) {
            // A track whose browser fell silent and came back is a chain: the recording closed as silent, then the
            // live recordings that continue it, each holding all the sound before it at the same times.
            List<RecordingSummary> chain = recordings.chainOf(track.recordingId()).stream()
                    .map(recordings::forAnalysis).flatMap(Optional::stream).toList();
            if (chain.stream().anyMatch(recording -> recording.state().inProgress())) {
                return Outcome.WAIT;
            }
            Optional<RecordingSummary> whole = lastWithSound(chain);
            if (whole.isPresent()) {
                long start = transactions.execute(status -> store.trackStartOnServer(track.recordingId()));
                placed.add(new Placed(whole.get().id(), track.party(), start, start + whole.get().durationMillis()));
            }
        }
        if (placed.isEmpty()) {
            log.info("Remote room {}: no track has sound, so there is no combined recording", sessionId);
            return Outcome.DONE;
        }
        long origin = placed.stream().mapToLong(Placed::startMs).min().orElseThrow();
        long duration = placed.stream().mapToLong(Placed::endMs).max().orElseThrow() - origin;
        List<SingleSided> spans = singleSided(placed, origin, duration);
        String note = note(spans, duration);
        List<Placement> placements = placed.stream().map(p -> new Placement(p.recordingId(),
                p.party() == RoomRole.ASSESSOR ? 0 : 1, p.startMs() - origin)).toList();
        CombinedRecordings.Mix mix = combined.mix(duration, placements, List.of(label(tracks, RoomRole.ASSESSOR),
                label(tracks, RoomRole.LEARNER)));
        long discussionId = session.get().discussionId();
        transactions.executeWithoutResult(status -> {
            if (store.combined(sessionId).isPresent()) {
                return;
            }
            String name = LABEL + " " + NAME_TIME.format(session.get().openedAt()) + mix.extension();
            RecordingSummary recording = combined.take(discussionId, mix, name, note);
            store.insertCombined(new CombinedRow(sessionId, recording.id(), origin, duration, note), spans,
                    clock.instant());
            RoomRecordingCombined done = new RoomRecordingCombined(discussionId, sessionId, recording.id(), duration,
                    placed.stream().map(p -> new TrackPlacement(p.recordingId(), p.party(), p.startMs() - origin))
                            .toList(), note);
            events.publishEvent(done);
            // The tags made during the call (on the assessor's track) go with it, shifted by their track's place.
            // A track continued after its browser fell silent has the later tags on its continuations (same timeline).
            for (TrackPlacement placement : done.placements()) {
                for (long part : recordings.chainOf(recordings.chainStart(placement.recordingId()))) {
                    tags.moveAll(part, recording.id(), placement.offsetMs(), done.actor());
                }
            }
        });
        return Outcome.DONE;
    }

    /** The last recording of a track's chain that has sound: it holds the sound of every one before it. */
    private static Optional<RecordingSummary> lastWithSound(List<RecordingSummary> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            RecordingSummary recording = chain.get(i);
            if (recording.state() == RecordingState.READY && recording.durationMillis() != null
                    && recording.durationMillis() > 0) {
                return Optional.of(recording);
            }
        }
        return Optional.empty();
    }

    /** What a party's side of the picture says where it has none: "Sam Assessor (assessor)", or "learner". */
    private String label(List<TrackRow> tracks, RoomRole party) {
        return tracks.stream().filter(t -> t.party() == party).findFirst()
                .flatMap(t -> transactions.execute(status -> people.refByUsername(t.username())))
                .map(PersonRef::displayName).map(name -> name + " (" + party.label() + ")")
                .orElse(party.label());
    }

    /**
     * The spans of {@code [0, duration)} (relative to {@code origin}) in which exactly one party has a track, at
     * least {@link #SINGLE_SIDED_MIN_MS} long, in order.
     */
    static List<SingleSided> singleSided(List<Placed> placed, long origin, long duration) {
        List<Long> edges = new ArrayList<>(List.of(0L, duration));
        for (Placed p : placed) {
            edges.add(p.startMs() - origin);
            edges.add(p.endMs() - origin);
        }
        List<Long> sorted = edges.stream().distinct().sorted().toList();
        List<SingleSided> spans = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            long from = sorted.get(i);
            long to = sorted.get(i + 1);
            // No edge lies inside [from, to): whoever has a track at its start has one all through it.
            boolean assessor = covered(placed, origin, RoomRole.ASSESSOR, from);
            boolean learner = covered(placed, origin, RoomRole.LEARNER, from);
            if (assessor == learner) {
                continue;
            }
            RoomRole party = assessor ? RoomRole.ASSESSOR : RoomRole.LEARNER;
            SingleSided last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && last.party() == party && last.endMs() == from) {
                spans.set(spans.size() - 1, new SingleSided(last.startMs(), to, party));
            } else {
                spans.add(new SingleSided(from, to, party));
            }
        }
        // Made in order of the edges, so already in time order.
        return spans.stream().filter(s -> s.endMs() - s.startMs() >= SINGLE_SIDED_MIN_MS).toList();
    }

    private static boolean covered(List<Placed> placed, long origin, RoomRole party, long at) {
        return placed.stream().anyMatch(p -> p.party() == party && p.startMs() - origin <= at
                && at < p.endMs() - origin);
    }

    /** What the recording says about its single-sided spans, e.g. "Only the learner's side was recorded from …". */
    static String note(List<SingleSided> spans, long duration) {
        if (spans.isEmpty()) {
            return null;
        }
        StringBuilder note = new StringBuilder();
        for (SingleSided span : spans) {
            RoomRole missing = span.party() == RoomRole.ASSESSOR ? RoomRole.LEARNER : RoomRole.ASSESSOR;
            if (!note.isEmpty()) {
                note.append(' ');
            }
            if (span.startMs() == 0 && span.endMs() == duration) {
                note.append("Only the ").append(span.party().label()).append("'s side was recorded: the ")
                        .append(missing.label()).append("'s track is missing.");
            } else {
                note.append("Only the ").append(span.party().label()).append("'s side was recorded from ")
                        .append(TimeFormat.clock(span.startMs())).append(" to ").append(TimeFormat.clock(span.endMs()))
                        .append('.');
            }
        }
        String text = note.toString();
        return text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
    }
}
