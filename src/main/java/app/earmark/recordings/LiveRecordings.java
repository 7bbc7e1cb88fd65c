package app.earmark.recordings;

import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.base.AuditableEvent;
import app.earmark.base.Hashing;
import app.earmark.base.TimeFormat;
import app.earmark.recordings.Recordings.RecordingQueued;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.media.SharedFiles;
import app.earmark.security.AccessGuard;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live recordings made in the browser. The browser's MediaRecorder sends a part every few seconds while
 * it records; each part is kept as it arrives ({@link LiveParts}: on disk, or in the object store when several nodes
 * share it, so that parts may reach any node), so a closed tab, a crashed browser or a dropped
 * network loses only what had not been sent. When the assessor stops, or when no part has arrived for
 * {@code earmark.live.abandon-after}, the parts (in order; past a part the browser lost, with a gap where it was)
 * become the recording's original, which then goes through ingest like an upload.
 */
@Service
public class LiveRecordings {

    private static final Logger log = LoggerFactory.getLogger(LiveRecordings.class);
    private static final long MAX_PART_BYTES = 64L * 1024 * 1024;
    /** How often the sweep looks for parts left behind (it lists every part kept: on S3, every live recording's). */
    private static final Duration LEFTOVERS_EVERY = Duration.ofMinutes(10);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CONTINUED_TIME = DateTimeFormatter.ofPattern("HH.mm")
            .withZone(ZoneId.systemDefault());

    private final RecordingRepository recordings;
    private final Discussions discussions;
    private final MediaStore store;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final LiveProperties properties;
    private final IngestSupervisor ingest;
    private final AccessGuard guard;
    private final LiveParts parts;
    /** When this node last looked for parts left behind ({@link #removeLeftoverParts}); not at every sweep. */
    private volatile Instant leftoversCheckedAt;

    LiveRecordings(RecordingRepository recordings, Discussions discussions, MediaStore store, CurrentUser currentUser,
            ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock, LiveProperties properties,
            IngestSupervisor ingest, AccessGuard guard, ObjectProvider<SharedFiles> sharedFiles) {
        SharedFiles shared = sharedFiles.getIfAvailable();
        this.parts = shared == null ? LiveParts.in(store.incomingDir()) : LiveParts.in(shared);
        this.ingest = ingest;
        this.guard = guard;
        this.recordings = recordings;
        this.discussions = discussions;
        this.store = store;
        this.currentUser = currentUser;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
    }

    /** Starts a live recording of the discussion (an assessor of its learner only). */
    @Transactional
    public RecordingSummary start(long discussionId) {
        discussions.requireMayRecord(discussionId);
        return started(discussionId, "Live recording " + NAME_TIME.format(clock.instant()) + ".webm");
    }

    /** Saves a new live recording by the signed-in person and says it started. */
    private RecordingSummary started(long discussionId, String name) {
        Recording recording = recordings.save(Recording.live(discussionId, name, currentUser.actorName(),
                clock.instant()));
        events.publishEvent(new RecordingEvents.LiveRecordingStarted(currentUser.actorName(), discussionId,
                recording.id()));
        // Its ingest begins when it stops: a worker started now is ready by then.
        ingest.prepareWorker();
        return recording.summary();
    }

    /**
     * Starts a live recording of one party's own microphone in a remote discussion (the remote room records each
     * party in its own browser): the assessor who may record the discussion, or the discussion's learner. Its parts
     * and its end then come from the person who started it, through {@link #part} and {@link #finish}.
     */
    @Transactional
    public RecordingSummary startOwnTrack(long discussionId, String name) {
        DiscussionSummary discussion = discussions.get(discussionId);
        if (!discussions.mayRecord(discussion) && !discussions.isLearnerOf(discussion)) {
            throw guard.refuse("discussion:" + discussionId, "Only the assessor or the learner of discussion "
                    + discussionId + " may record their own part of it.");
        }
        return started(discussionId, name);
    }

    /**
     * Keeps one part. Sending the same part again replaces it (the browser retries after a dropped
     * connection). A part of a recording the sweep closed because its browser fell silent goes to the recording that
     * continues it (started once the first such part has arrived whole), so a browser that comes back late loses
     * nothing; a part already put into the closed recording's original is taken as received.
     *
     * @throws RecordingClosedException if the recording was stopped (or removed) and this part is not in it
     * @throws RecordingBusyException if the recording is being put together just now: send the part again shortly
     */
    public void part(long recordingId, int sequence, InputStream body) throws IOException {
        if (sequence < 0 || sequence > 100_000) {
            throw new DiscussionException("Part " + sequence + " is out of range.");
        }
        Destination to = transactions.execute(status -> destination(recordingId, sequence));
        if (to.alreadyIn()) {
            return;
        }
        Path temporary = Files.createTempFile(store.incomingDir(), "live-" + recordingId + "-part-", ".tmp");
        try {
            try (InputStream in = body; OutputStream out = Files.newOutputStream(temporary)) {
                long copied = in.transferTo(new LimitedOutput(out, MAX_PART_BYTES));
                if (copied == 0) {
                    throw new DiscussionException("Part " + sequence + " is empty.");
                }
            }
            // A continuation is started only now that its first part is here whole: one whose part never came
            // would be the closed recording again.
            long into = to.recordingId() != null ? to.recordingId()
                    : transactions.execute(status -> continuation(to.continues()).id());
            parts.put(into, sequence, temporary);
            transactions.executeWithoutResult(status -> {
                Recording recording = recordings.findById(into).orElseThrow();
                if (recording.state() != RecordingState.RECORDING) {
                    // Closed while the part was being kept: whether it made it in, only asking again tells.
                    throw new RecordingBusyException(busy(recordingId));
                }
                recording.chunkArrived(sequence, clock.instant());
            });
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Where a part goes: into the recording {@code recordingId} that records, into {@code continues}' continuation
     * (which this part starts, if it has none), or nowhere (both null: already in the closed recording's original).
     */
    private record Destination(Long recordingId, Long continues) {
        boolean alreadyIn() {
            return recordingId == null && continues == null;
        }
    }

    /**
     * Where a part of {@code recordingId} goes now: the recording itself while it records, else the last of the
     * recordings that continue it, or the continuation of that one if it was closed as silent.
     */
    private Destination destination(long recordingId, int sequence) {
        List<Recording> chain = recordings.chainFrom(requireMayAdd(recordingId));
        Recording latest = chain.get(chain.size() - 1);
        if (chain.stream().noneMatch(LiveRecordings::gone)) {
            if (latest.state() == RecordingState.RECORDING) {
                return new Destination(latest.id(), null);
            }
            if (latest.state() == RecordingState.ASSEMBLING) {
                throw new RecordingBusyException(busy(recordingId));
            }
            if (continuable(latest)) {
                return sequence < latest.livePartsEnd() ? new Destination(null, null)
                        : new Destination(null, latest.id());
            }
        }
        throw new RecordingClosedException("Recording " + recordingId + " has already ended; this part was not added.");
    }

    /** Closed by the sweep with what had arrived, and still there: parts that come later continue it. */
    private static boolean continuable(Recording closed) {
        return closed.closedSilent() && closed.livePartsEnd() != null && !gone(closed);
    }

    /** Removed from its discussion, or its media deleted (retention): nothing continues it any more. */
    private static boolean gone(Recording recording) {
        return recording.removed() || recording.state() == RecordingState.DELETED;
    }

    /**
     * The recording that continues {@code closedId}, started now if it has none, on the closed one's locked row (of
     * two nodes, one starts it).
     */
    private Recording continuation(long closedId) {
        Recording closed = recordings.lockById(closedId).orElseThrow();
        Optional<Recording> started = recordings.findByContinuesRecordingId(closedId);
        if (started.isPresent() && started.get().state() == RecordingState.RECORDING) {
            return started.get();
        }
        if (started.isPresent() || !continuable(closed)) {
            throw new RecordingBusyException(busy(closedId)); // changed meanwhile: asked again, it goes where it now may
        }
        String name = stem(closed.originalName()) + " (continued " + CONTINUED_TIME.format(clock.instant()) + ").webm";
        Recording continuation = recordings.save(Recording.continuing(closed, name, clock.instant()));
        events.publishEvent(new RecordingEvents.LiveRecordingStarted(currentUser.actorName(), closed.discussionId(),
                continuation.id()));
        ingest.prepareWorker();
        return continuation;
    }

    /** A name without its {@code .webm} and without what an earlier continuation added. */
    private static String stem(String name) {
        return name.replaceFirst("\\.webm$", "").replaceFirst(" \\(continued [0-9.]+\\)$", "");
    }

    private static String busy(long recordingId) {
        return "Recording " + recordingId + " is being put together just now; this part was not added yet. Send it"
                + " again in a moment.";
    }

    /**
     * The recorder stopped: the parts become the original, and ingest takes over. Sent for a recording the sweep
     * closed, it finishes the recording that continues it; for one already closed, it answers how that one is.
     *
     * @throws RecordingBusyException if the recording is being put together just now: ask again shortly
     */
    public RecordingSummary finish(long recordingId, int expectedParts) {
        Recording latest = transactions.execute(status -> recordings.latestOf(requireMayAdd(recordingId)));
        return switch (latest.state()) {
            case RECORDING -> assemble(latest.id(), expectedParts, null, null);
            case ASSEMBLING -> throw new RecordingBusyException(busy(recordingId));
            default -> latest.summary();
        };
    }

    /**
     * What a live recording has received so far, for someone who may see its discussion (an observing IQA, whose
     * own module checks the rest): the parts from {@code from} on that have arrived in order, at most
     * {@code maxParts}. Its {@code recording} is false once the recording has ended (its parts are then gone). When
     * part {@code from} has not arrived but a later one has, {@code nextAfterGap} is that later one's number (a part
     * the browser lost, or one still on its way: the observer decides how long to wait).
     */
    public LiveSoFar soFar(long recordingId, int from, int maxParts) {
        Recording recording = transactions.execute(status -> {
            String refusal = "You may not see recording " + recordingId + ".";
            Recording found = recordings.findById(recordingId).orElseThrow(() -> guard.refuse("recording:"
                    + recordingId, refusal));
            try {
                discussions.requireVisible(found.discussionId());
            } catch (AccessRefusedException e) {
                throw guard.refuse("recording:" + recordingId, refusal);
            }
            return found;
        });
        boolean running = recording.state() == RecordingState.RECORDING;
        int start = Math.max(0, from);
        LiveParts.Window window;
        try {
            window = running ? parts.window(recordingId, start, Math.max(0, maxParts)) : new LiveParts.Window(0, -1);
        } catch (IOException e) {
            throw new UncheckedIOException("The parts of live recording " + recordingId + " cannot be listed", e);
        }
        return new LiveSoFar(recordingId, recording.discussionId(), recording.summary().uploadedAt(), running,
                start, start + window.inARow(), window.firstKeptAfterGap());
    }

    /**
     * Copies parts {@code [from, to)} of a live recording, as found by {@link #soFar}, to {@code out}.
     *
     * @throws RecordingClosedException if the recording ended meanwhile and its parts are gone
     */
    public void copyParts(LiveSoFar soFar, OutputStream out) throws IOException {
        for (int sequence = soFar.from(); sequence < soFar.to(); sequence++) {
            if (!copyPart(soFar.recordingId(), sequence, out, sequence > soFar.from())) {
                return;
            }
        }
    }

    /**
     * As {@link #copyParts}, but from the first WebM cluster in them: after a gap, a player can take up a recording
     * only where a cluster starts (a part may begin in the middle of one, and a cluster carries its own time). The
     * body is opened only once a cluster is found.
     *
     * @return whether one was found; if not, nothing was written and the body was never opened
     * @throws RecordingClosedException if the recording ended meanwhile and its parts are gone
     */
    public boolean copyPartsFromCluster(LiveSoFar soFar, Body body) throws IOException {
        WebmClusters.FromFirstCluster out = new WebmClusters.FromFirstCluster(body);
        for (int sequence = soFar.from(); sequence < soFar.to(); sequence++) {
            if (!copyPart(soFar.recordingId(), sequence, out, out.found())) {
                break;
            }
        }
        return out.found();
    }

    /**
     * Copies one part; false if it is gone because the recording ended meanwhile and an answer has begun (it ends
     * there, and the next question is answered that the recording has ended).
     *
     * @throws RecordingClosedException if it is gone and nothing has been written yet
     */
    private boolean copyPart(long recordingId, int sequence, OutputStream out, boolean begun) throws IOException {
        try {
            parts.copy(recordingId, sequence, out);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            if (begun) {
                return false;
            }
            throw new RecordingClosedException("Recording " + recordingId + " has ended.");
        }
    }

    /** Where an answer's bytes go, opened when the first is ready. */
    public interface Body {
        OutputStream open() throws IOException;
    }

    /**
     * The parts of a live recording available from {@code from} (inclusive) to {@code to} (exclusive), and the first
     * part kept after a gap at {@code from} ({@code -1}: none, or no gap).
     */
    public record LiveSoFar(long recordingId, long discussionId, Instant startedAt, boolean recording, int from,
            int to, int nextAfterGap) {
    }

    /**
     * Live recordings whose browser went silent: keep what arrived. A recording claimed for putting together longer
     * ago than that (its node died doing it) is taken over. Every {@code earmark.live.sweep-interval}, once
     * across the cluster ({@link RecordingJobs}).
     */
    void closeAbandoned() {
        Instant cutoff = clock.instant().minus(properties.abandonAfter());
        List<Long> abandoned = transactions.execute(status -> recordings.findByStateIn(List.of(RecordingState.RECORDING,
                        RecordingState.ASSEMBLING)).stream()
                .filter(r -> r.state() == RecordingState.RECORDING
                        ? r.lastChunkAt() != null && r.lastChunkAt().isBefore(cutoff)
                        : r.stateChangedAt() != null && r.stateChangedAt().isBefore(cutoff))
                .map(Recording::id).toList());
        for (long id : abandoned) {
            try {
                assemble(id, -1, "The recording stopped unexpectedly (the browser closed or lost its connection"
                        + " and did not come back within " + TimeFormat.clock(properties.abandonAfter().toMillis())
                        + "); everything that arrived was kept.", cutoff);
            } catch (RuntimeException e) {
                log.error("Could not close abandoned live recording {}", id, e);
            }
        }
        Instant now = clock.instant();
        if (leftoversCheckedAt == null || !now.isBefore(leftoversCheckedAt.plus(LEFTOVERS_EVERY))) {
            leftoversCheckedAt = now;
            removeLeftoverParts();
        }
    }

    /**
     * Removes the parts of recordings that ended: those of a node killed between putting a recording together and
     * removing its parts, and a part stored just after they were removed (it is answered "send again", and goes where
     * it now may). The recordings are listed first and their states read after, so a recording started meanwhile is
     * not among them, and an ended one never records again.
     *
     * @return the recordings whose parts were removed
     */
    List<Long> removeLeftoverParts() {
        try {
            Set<Long> withParts = parts.recordingIds();
            if (withParts.isEmpty()) {
                return List.of();
            }
            Set<Long> open = transactions.execute(status -> recordings.findAllById(withParts).stream()
                    .filter(r -> r.state() == RecordingState.RECORDING || r.state() == RecordingState.ASSEMBLING)
                    .map(Recording::id).collect(Collectors.toSet()));
            List<Long> ended = withParts.stream().filter(id -> !open.contains(id)).toList();
            ended.forEach(this::deleteParts);
            if (!ended.isEmpty()) {
                log.info("Removed the parts left behind by live recordings that ended: {}", ended);
            }
            return ended;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not look for parts left behind by live recordings that ended", e);
            return List.of();
        }
    }

    /** The recording, if the signed-in person may add to it (its assessor, or the learner whose own track it is). */
    private Recording requireMayAdd(long recordingId) {
        // One refusal whether the recording exists or not, and one that names no discussion: ids cannot be probed.
        String refusal = "Only an assessor of the learner may add to recording " + recordingId + ".";
        Recording recording = recordings.findById(recordingId)
                .orElseThrow(() -> guard.refuse("recording:" + recordingId, refusal));
        if (!learnersOwnTrack(recording)) {
            try {
                discussions.requireMayRecord(recording.discussionId());
            } catch (AccessRefusedException e) {
                throw guard.refuse("recording:" + recordingId, refusal);
            }
        }
        return recording;
    }

    /** A recording the signed-in learner started of their own microphone ({@link #startOwnTrack}). */
    private boolean learnersOwnTrack(Recording recording) {
        if (!currentUser.actorName().equals(recording.summary().uploadedBy())) {
            return false;
        }
        try {
            return discussions.isLearnerOf(discussions.get(recording.discussionId()));
        } catch (AccessRefusedException e) {
            return false;
        }
    }

    /**
     * Puts the parts together into the original. The recording is claimed first, in a short transaction on its locked
     * row: of a finish and the sweep (or a finish retried on another node) one claims it and the others return at
     * once, without reading a part. The parts are then read and the original stored outside any transaction; the
     * claim's owner queues the recording and removes the parts. A failure returns the recording to
     * {@link RecordingState#RECORDING} with its parts kept, for a retried finish or the sweep.
     *
     * @param staleClaimsBefore a claim made before this is taken over (its node died putting the parts together);
     *        {@code null} to take only an open recording
     */
    private RecordingSummary assemble(long recordingId, int expectedParts, String reason, Instant staleClaimsBefore) {
        Instant claimed = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Claim claim = transactions.execute(status -> {
            Recording recording = recordings.lockById(recordingId).orElseThrow();
            boolean open = recording.state() == RecordingState.RECORDING && (staleClaimsBefore == null
                    || recording.lastChunkAt().isBefore(staleClaimsBefore)) // the sweep: a part came meanwhile
                    || (staleClaimsBefore != null && recording.state() == RecordingState.ASSEMBLING
                    && recording.stateChangedAt().isBefore(staleClaimsBefore));
            if (!open) {
                return new Claim(recording.summary(), List.of());
            }
            recording.assembling(claimed);
            return new Claim(null, recording.continuesRecordingId() == null ? List.of()
                    : chainTo(recordings.findById(recording.continuesRecordingId()).orElseThrow()));
        });
        if (claim.other() != null) {
            return claim.other();
        }
        Path assembled = null;
        RecordingSummary summary;
        try {
            Recording continued = claim.continued();
            int first = continued == null ? 0 : continued.livePartsEnd();
            int parts = first;
            SortedSet<Integer> kept = this.parts.sequences(recordingId);
            // A continuation without a part of its own (its first failed to be kept) would be the closed one again.
            boolean nothingNew = continued != null && kept.tailSet(first).isEmpty();
            // What it continues was removed or its media deleted meanwhile: there is no whole recording to make.
            boolean continuedGone = continued != null && !nothingNew && (claim.chainGone()
                    || (claim.continuedOriginal() != null && !store.hasOriginal(claim.continuedOriginal())));
            assembled = Files.createTempFile(store.incomingDir(), "live-" + recordingId + "-", ".webm");
            var digest = Hashing.sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(assembled), digest)) {
                if (claim.continuedOriginal() != null && !nothingNew && !continuedGone) {
                    Files.copy(store.originalFile(claim.continuedOriginal()), out);
                }
                // Every part kept, in order. A part the browser lost leaves a gap: WebM's clusters carry their own
                // times, so what follows plays at its time after a short silence, and is not thrown away.
                for (int sequence : kept.tailSet(first)) {
                    this.parts.copy(recordingId, sequence, out);
                    parts = sequence + 1;
                }
            }
            long size = Files.size(assembled);
            int partsEnd = parts;
            String sha256 = HexFormat.of().formatHex(digest.digest());
            List<Integer> missing = IntStream.range(first, parts).filter(sequence -> !kept.contains(sequence)).boxed()
                    .toList();
            String note = note(continued, reason, parts, expectedParts, missing);
            if (size > 0 && !nothingNew && !continuedGone) {
                store.putOriginal(assembled, sha256);
            }
            summary = transactions.execute(status -> {
                Recording recording = recordings.lockById(recordingId).orElseThrow();
                if (!claimedBy(recording, claimed)) {
                    return recording.summary(); // taken over as stale: the other claim finishes it
                }
                if (continuedGone) {
                    recording.failed("“" + continued.originalName() + "”, which this recording continues, was removed"
                            + " or its sound deleted meanwhile; there is no whole recording to make.", clock.instant());
                    return recording.summary();
                }
                if (nothingNew) {
                    recording.nothingArrived(first, reason != null, "No part arrived after “" + continued.originalName()
                            + "” was closed; there is nothing to add to it.", clock.instant());
                    return recording.summary();
                }
                if (size == 0) {
                    recording.nothingArrived(0, reason != null, "No sound arrived from the browser before the recording"
                            + " stopped; there is nothing to keep.", clock.instant());
                    return recording.summary();
                }
                recording.assembled(sha256, size, partsEnd, reason != null, note, clock.instant());
                events.publishEvent(new RecordingEvents.RecordingUploaded(recording.summary().uploadedBy(),
                        recording.discussionId(), recordingId, sha256, size, continued == null
                                ? "live recording of " + partsEnd + " parts" + lost(missing)
                                : "live recording " + continued.id() + " continued, " + partsEnd + " parts in all"
                                        + lost(missing)));
                events.publishEvent(new RecordingQueued(recordingId));
                if (continued != null) {
                    events.publishEvent(new RecordingEvents.LiveRecordingContinued(reason != null
                            ? AuditableEvent.SYSTEM : currentUser.actorName(), recording.discussionId(), recordingId,
                            continued.id(), first, claim.earlier()));
                }
                return recording.summary();
            });
        } catch (IOException e) {
            release(recordingId, claimed, e);
            throw new UncheckedIOException("The live recording's parts could not be put together", e);
        } catch (RuntimeException e) {
            release(recordingId, claimed, e);
            throw e;
        } finally {
            deleteQuietly(assembled);
        }
        if (summary.state() != RecordingState.ASSEMBLING && summary.state() != RecordingState.RECORDING) {
            deleteParts(recordingId);
        }
        return summary;
    }

    /**
     * This request's claim on a live recording: another's answer ({@code other}), or, for a continuation, the
     * recordings before it in its chain, first to last ({@code before}; empty for any other live recording).
     */
    private record Claim(RecordingSummary other, List<Recording> before) {

        /** The recording it continues, or null. */
        Recording continued() {
            return before.isEmpty() ? null : before.get(before.size() - 1);
        }

        /** The original it starts from: the last one of the recordings before it that has one (an empty one has none). */
        String continuedOriginal() {
            for (int i = before.size() - 1; i >= 0; i--) {
                if (before.get(i).originalSha256() != null) {
                    return before.get(i).originalSha256();
                }
            }
            return null;
        }

        /** Whether one of the recordings before it was removed or its media deleted ({@link #gone}). */
        boolean chainGone() {
            return before.stream().anyMatch(LiveRecordings::gone);
        }

        /** The ids of the recordings before it, whose tags go to it. */
        List<Long> earlier() {
            return before.stream().map(Recording::id).toList();
        }
    }

    /** {@code last} and the recordings it continues, one after the other: first to last. */
    private List<Recording> chainTo(Recording last) {
        List<Recording> chain = new java.util.ArrayList<>(List.of(last));
        while (chain.get(0).continuesRecordingId() != null) {
            chain.add(0, recordings.findById(chain.get(0).continuesRecordingId()).orElseThrow());
        }
        return chain;
    }

    private static boolean claimedBy(Recording recording, Instant claimed) {
        return recording.state() == RecordingState.ASSEMBLING && claimed.equals(recording.stateChangedAt());
    }

    /** Putting the parts together failed: the claim is given up, the parts kept, for a retried finish or the sweep. */
    private void release(long recordingId, Instant claimed, Exception cause) {
        try {
            transactions.executeWithoutResult(status -> recordings.lockById(recordingId)
                    .filter(recording -> claimedBy(recording, claimed))
                    .ifPresent(recording -> recording.assemblyFailed("The recording's parts could not be put together"
                            + " yet (" + cause.getMessage() + "); they are kept and it is tried again.",
                            clock.instant())));
        } catch (RuntimeException e) {
            log.warn("Could not give up the claim on live recording {} (a later sweep takes it over)", recordingId, e);
        }
    }

    private static String note(Recording continued, String reason, int partsEnd, int expected, List<Integer> missing) {
        StringBuilder note = new StringBuilder();
        if (continued != null) {
            note.append("Continues “").append(continued.originalName()).append("”, which was closed when its browser"
                    + " fell silent: the browser came back and sent the rest, so this recording holds everything that"
                    + " arrived, from the start.");
        }
        if (reason != null) {
            note.append(note.isEmpty() ? "" : " ").append(reason);
        }
        if (missing.contains(0)) {
            note.append(note.isEmpty() ? "" : " ").append("The first part of the browser's recording never arrived"
                    + " (the browser lost it): it carries the recording's header, without which the parts after it"
                    + " cannot be played. What arrived is kept as the original.");
        } else if (!missing.isEmpty()) {
            note.append(note.isEmpty() ? "" : " ").append(missing.size() == 1 ? "Part " : "Parts ")
                    .append(partNumbers(missing)).append(" of the browser's recording never arrived (the browser lost ")
                    .append(missing.size() == 1 ? "it" : "them").append("): the recording is silent where ")
                    .append(missing.size() == 1 ? "it was" : "they were")
                    .append(", and everything before and after is kept at its time.");
        }
        if (expected > partsEnd) {
            note.append(note.isEmpty() ? "" : " ").append("The browser recorded ").append(expected)
                    .append(" parts, but none after number ").append(partsEnd).append(" arrived.");
        }
        return note.isEmpty() ? null : note.toString();
    }

    /** For the audit entry: how many of the parts were lost, if any. */
    private static String lost(List<Integer> missing) {
        return missing.isEmpty() ? "" : " (" + missing.size() + " never arrived)";
    }

    /** Part numbers as the browser counts them (from 1), at most ten of them. */
    private static String partNumbers(List<Integer> sequences) {
        String shown = sequences.stream().limit(10).map(sequence -> String.valueOf(sequence + 1))
                .collect(Collectors.joining(", "));
        return sequences.size() > 10 ? shown + " and " + (sequences.size() - 10) + " more" : shown;
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Could not remove {}", file, e);
        }
    }

    private void deleteParts(long recordingId) {
        try {
            parts.deleteAll(recordingId);
        } catch (IOException e) {
            log.warn("Could not remove the parts of live recording {}", recordingId, e);
        }
    }

    /** A part or a finish sent while its recording is being put together: it is to be sent again shortly. */
    public static class RecordingBusyException extends DiscussionException {
        RecordingBusyException(String message) {
            super(message);
        }
    }

    /** A part sent after its recording ended. */
    public static class RecordingClosedException extends DiscussionException {
        RecordingClosedException(String message) {
            super(message);
        }
    }

    /** Refuses to write more than a part may hold. */
    private static final class LimitedOutput extends java.io.FilterOutputStream {
        private long remaining;

        LimitedOutput(OutputStream out, long limit) {
            super(out);
            this.remaining = limit;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            if (length > remaining) {
                throw new DiscussionException("A part of a live recording may be at most 64 MB.");
            }
            remaining -= length;
            out.write(buffer, offset, length);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
