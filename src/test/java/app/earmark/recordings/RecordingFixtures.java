package app.earmark.recordings;

import app.earmark.discussions.DiscussionMode;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.base.Hashing;
import app.earmark.catalogue.Catalogue;
import app.earmark.catalogue.Unit;
import app.earmark.recordings.media.MediaStore;
import app.earmark.support.AuditTrail;
import app.earmark.support.SignedIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Discussions and ready recordings for tests that do not need the ingest worker. */
@Component
public class RecordingFixtures {

    private final Discussions discussions;
    private final RecordingRepository recordings;
    private final MediaStore store;
    private final Catalogue catalogue;
    private final SignedIn signedIn;
    private final AuditTrail trail;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final LiveRecordings live;

    RecordingFixtures(Discussions discussions, RecordingRepository recordings, MediaStore store, Catalogue catalogue,
            SignedIn signedIn, AuditTrail trail, TransactionTemplate transactions, ApplicationEventPublisher events,
            LiveRecordings live) {
        this.live = live;
        this.discussions = discussions;
        this.recordings = recordings;
        this.store = store;
        this.catalogue = catalogue;
        this.signedIn = signedIn;
        this.trail = trail;
        this.transactions = transactions;
        this.events = events;
    }

    /** Closes a live recording as the sweep does when no part has come for abandon-after (its browser fell silent). */
    public void closeAsSilent(long recordingId) {
        transactions.executeWithoutResult(status -> recordings.findById(recordingId).orElseThrow()
                .chunkArrived(0, java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
        live.closeAbandoned();
    }

    /** A new discussion of unit 8587-300 between {@code assessor} and {@code learner}. */
    public DiscussionSummary discussionWithLearner() {
        long learner = trail.userId("learner");
        long unit = catalogue.unit("8587-300").map(Unit::id).orElseThrow();
        return signedIn.as("assessor", () -> discussions.create(List.of(learner), Set.of(unit), LocalDate.now(),
                DiscussionMode.FACE_TO_FACE));
    }

    /** A recording of the given file, queued for ingest as a finished upload would be. */
    public long queuedRecording(long discussionId, Path file) {
        long id = storedRecording(discussionId, file, false);
        events.publishEvent(new Recordings.RecordingQueued(id));
        return id;
    }

    /** A recording of the given file, stored and waiting, whose queueing (and so its job) is up to the caller. */
    public long notYetQueuedRecording(long discussionId, Path file) {
        return storedRecording(discussionId, file, false);
    }

    /**
     * A recording of the given file as a crash of Earmark would leave it: the database says a worker was
     * processing it, and no worker runs.
     */
    public long interruptedRecording(long discussionId, Path file) {
        return storedRecording(discussionId, file, true);
    }

    private long storedRecording(long discussionId, Path file, boolean interrupted) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String sha = Hashing.sha256Hex(bytes);
            store.putOriginal(Files.write(store.incomingDir().resolve("fixture-" + sha), bytes), sha);
            return transactions.execute(status -> {
                var recording = new Recording(discussionId, null, sha, (long) bytes.length, file.getFileName().toString(),
                        null, "assessor", Instant.now());
                if (interrupted) {
                    recording.started(Instant.now());
                }
                return recordings.save(recording).id();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ready recording whose rendition is the given bytes (as if ingest had made them). */
    public long readyRecording(long discussionId, byte[] rendition, String mimeType) {
        try {
            byte[] original = ("original of " + Hashing.sha256Hex(rendition)).getBytes();
            String sha = Hashing.sha256Hex(original);
            store.putOriginal(Files.write(store.incomingDir().resolve("fixture-" + sha), original), sha);
            Path work = store.newWorkDir();
            Files.write(work.resolve("rendition.m4a"), rendition);
            store.putDerived(sha, work);
            return transactions.execute(status -> {
                var recording = recordings.save(new Recording(discussionId, null, sha, (long) original.length, "talk.m4a",
                        null, "assessor", Instant.now()));
                recording.started(Instant.now());
                recording.probed(new Recording.MediaFacts("mov,mp4,m4a", 60_000L, "aac", 1, 48_000, null, null, null),
                        Instant.now());
                recording.ready(new Recording.Rendition("rendition.m4a", mimeType, true, rendition.length),
                        PeakLevels.toJson(List.of()), null, 60_000L, null, Instant.now());
                return recording.id();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
