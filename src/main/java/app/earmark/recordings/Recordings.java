package app.earmark.recordings;

import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.DiscussionSummary;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.RecordingEvents.RecordingUploaded;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.worker.ChannelLevelsFormat;
import app.earmark.security.AccessGuard;
import app.earmark.security.CurrentUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recordings of discussions: taking a finished upload into the media store, listing recordings, and
 * handing out their media, each time after checking that the signed-in person may see the discussion.
 */
@Service
@Transactional(readOnly = true)
public class Recordings {

    private final RecordingRepository recordings;
    private final Discussions discussions;
    private final MediaStore store;
    private final CurrentUser currentUser;
    private final AccessGuard guard;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RecordingOpenings openings;
    private final IngestSupervisor ingest;

    Recordings(RecordingRepository recordings, Discussions discussions, MediaStore store, CurrentUser currentUser,
            AccessGuard guard, ApplicationEventPublisher events, Clock clock, IngestSupervisor ingest,
            RecordingOpenings openings) {
        this.openings = openings;
        this.ingest = ingest;
        this.recordings = recordings;
        this.discussions = discussions;
        this.store = store;
        this.currentUser = currentUser;
        this.guard = guard;
        this.events = events;
        this.clock = clock;
    }

    /**
     * An upload of a recording has begun (the upload endpoint says so, once it has accepted it): an ingest worker is
     * started ahead, so that the recording's ingest need not wait for one when the upload ends.
     */
    public void uploadStarted() {
        ingest.prepareWorker();
    }

    /** A finished upload's details, as the upload endpoint knows them. */
    public record FinishedUpload(long discussionId, String uploadId, Path file, String sha256, long size,
            String fileName) {
    }

    /**
     * Takes a finished upload: the file goes into the media store as an original and a queued recording is
     * created. Taking the same upload twice returns the recording made the first time.
     */
    @Transactional
    public RecordingSummary takeUpload(FinishedUpload upload) {
        discussions.requireMayRecord(upload.discussionId());
        Optional<Recording> existing = recordings.findByUploadId(upload.uploadId());
        if (existing.isPresent()) {
            return existing.get().summary();
        }
        SafeFileName name = SafeFileName.of(upload.fileName());
        try {
            store.putOriginal(upload.file(), upload.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException("The upload could not be moved into the media store", e);
        }
        String actor = currentUser.actorName();
        Recording recording = recordings.save(new Recording(upload.discussionId(), upload.uploadId(),
                upload.sha256(), (Long) upload.size(), name.name(), name.warning(), actor, clock.instant()));
        events.publishEvent(new RecordingUploaded(actor, upload.discussionId(), recording.id(), upload.sha256(),
                upload.size(), name.name()));
        events.publishEvent(new RecordingQueued(recording.id()));
        return recording.summary();
    }

    /** Published after a recording joins the ingest queue, so that a worker slot picks it up at once. */
    public record RecordingQueued(long recordingId) {
    }

    public List<RecordingSummary> forDiscussion(long discussionId) {
        discussions.get(discussionId);
        return recordings.findByDiscussionIdAndRemovedAtIsNullOrderByUploadedAt(discussionId).stream().map(Recording::summary).toList();
    }

    /** The latest recording of each discussion the signed-in person may see (for lists and the API). */
    public Map<Long, List<RecordingSummary>> forDiscussions(List<DiscussionSummary> visible) {
        return recordings.findByDiscussionIdInAndRemovedAtIsNull(visible.stream().map(DiscussionSummary::id).toList()).stream()
                .map(Recording::summary)
                .collect(java.util.stream.Collectors.groupingBy(RecordingSummary::discussionId));
    }

    public RecordingSummary get(long recordingId) {
        return visibleRecording(recordingId).summary();
    }

    /**
     * Where what is made for a live recording now goes (its tags), if the signed-in person may add evidence to its
     * discussion: the last live recording that continues it (its browser came back after it was closed as silent;
     * see {@link LiveRecordings#part}) and records or holds sound, else the recording itself. Continuations left empty
     * are passed over.
     *
     * @throws app.earmark.security.AccessRefusedException for whoever may not add evidence to its discussion (as for
     *         a recording not seen at all, whoever may not see it)
     */
    public RecordingSummary receiving(long recordingId) {
        Recording recording = recordings.findById(recordingId).filter(r -> !r.removed()).orElse(null);
        if (recording == null || !discussions.mayRecord(recording.discussionId())) {
            // Refused as everywhere else; only a refusal costs the visibility check.
            recording = visibleRecording(recordingId);
            discussions.requireMayRecord(recording.discussionId());
        }
        List<Recording> chain = recordings.chainFrom(recording);
        for (int i = chain.size() - 1; i > 0; i--) {
            Recording continuation = chain.get(i);
            if (continuation.originalSha256() != null || continuation.state() == RecordingState.RECORDING
                    || continuation.state() == RecordingState.ASSEMBLING) {
                return continuation.summary();
            }
        }
        return chain.get(0).summary();
    }

    /** The recording and the live recordings that continue it one after the other, first to last (their ids). */
    public List<Long> chainOf(long recordingId) {
        return recordings.findById(recordingId).map(r -> recordings.chainFrom(r).stream().map(Recording::id).toList())
                .orElse(List.of(recordingId));
    }

    /**
     * The first recording of the chain {@code recordingId} is in: the one a browser started, which live recordings
     * continue when it came back after falling silent ({@link #chainOf}); itself if it continues none.
     */
    public long chainStart(long recordingId) {
        Optional<Recording> recording = recordings.findById(recordingId);
        long first = recordingId;
        while (recording.isPresent() && recording.get().continuesRecordingId() != null) {
            first = recording.get().continuesRecordingId();
            recording = recordings.findById(first);
        }
        return first;
    }

    /** Tries a failed recording again from the start. */
    @Transactional
    public void retry(long recordingId) {
        Recording recording = visibleRecording(recordingId);
        discussions.requireMayRecord(recording.discussionId());
        if (recording.state() != RecordingState.FAILED) {
            throw new DiscussionException("Only a failed recording can be tried again.");
        }
        recording.retried(clock.instant());
        events.publishEvent(new RecordingQueued(recording.id()));
    }

    /**
     * Removes a ready or failed recording from its discussion, with a reason, until the discussion's evidence is
     * signed. The row and the original file are kept (and the audit trail says who removed it and why); the
     * recording is no longer listed, played or tagged. A recording with tags is refused: delete its tags first, so
     * that no AC map or sheet points at a recording nobody can see.
     */
    @Transactional
    public void remove(long recordingId, String reason) {
        Recording recording = visibleRecording(recordingId);
        discussions.requireMayRecord(recording.discussionId());
        String why = Discussions.requireReason(reason, "removing recording " + recordingId);
        discussions.requireCorrectable(recording.discussionId());
        if (recording.state().inProgress()) {
            throw new DiscussionException("Recording " + recordingId + " is still " + recording.state().label()
                    .toLowerCase(java.util.Locale.ROOT) + ": it can be removed once it is ready or has failed.");
        }
        discussions.recordingInUse(recordingId).ifPresent(refusal -> {
            throw new DiscussionException(refusal);
        });
        recording.remove(currentUser.actorName(), why, clock.instant());
        events.publishEvent(new RecordingEvents.RecordingRemoved(currentUser.actorName(), recording.discussionId(),
                recordingId, recording.originalName(), recording.originalSha256(), why));
    }

    /** The kinds of media a recording has. */
    public enum MediaKind { RENDITION, POSTER, PEAKS }

    /** A file to stream, with its type and a stable tag for caching. */
    public record Media(Resource resource, String mimeType, String etag) {
    }

    /**
     * A recording's media file, if the signed-in person may see the discussion; checked on every call.
     *
     * @param peaksLevel samples per pixel, for {@link MediaKind#PEAKS}
     */
    public Optional<Media> media(long recordingId, MediaKind kind, Integer peaksLevel) {
        Recording recording = visibleRecording(recordingId);
        if (recording.state() != RecordingState.READY) {
            return Optional.empty();
        }
        String fileName;
        String mime;
        switch (kind) {
            case RENDITION -> {
                fileName = recording.renditionName();
                mime = recording.renditionMime();
            }
            case POSTER -> {
                fileName = recording.posterName();
                mime = "image/jpeg";
            }
            case PEAKS -> {
                fileName = PeakLevels.fromJson(recording.peaks()).stream()
                        .filter(level -> peaksLevel != null && level.samplesPerPixel() == peaksLevel)
                        .map(PeakLevels.Level::fileName).findFirst().orElse(null);
                mime = "application/octet-stream";
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        openings.mediaOpened(currentUser.actorName(), recording.id(), kind);
        if (fileName == null) {
            return Optional.empty();
        }
        String etag = "\"" + recording.originalSha256().substring(0, 16) + "-" + fileName + "\"";
        return store.derived(recording.originalSha256(), fileName).map(file -> new Media(file, mime, etag));
    }

    /**
     * The per-channel levels ingest measured for a ready recording whose sound track has two channels; empty for any
     * other recording (mono, not ready, removed, or ingested before levels were measured). For Earmark's own analyses,
     * which run without a signed-in person: it returns levels only, never the media, and whoever shows what is derived
     * from them checks access through {@link #get(long)}.
     */
    public Optional<ChannelLevels> channelLevels(long recordingId) {
        Recording recording = recordings.findById(recordingId).filter(r -> !r.removed())
                .filter(r -> r.state() == RecordingState.READY).orElse(null);
        if (recording == null) {
            return Optional.empty();
        }
        return store.derived(recording.originalSha256(), ChannelLevelsFormat.FILE_NAME).map(resource -> {
            try (var in = resource.getInputStream()) {
                float[][] levels = ChannelLevelsFormat.read(java.nio.ByteBuffer.wrap(in.readAllBytes()));
                return new ChannelLevels(recordingId, recording.discussionId(), ChannelLevelsFormat.FRAME_MS, levels);
            } catch (IOException e) {
                throw new UncheckedIOException("The channel levels of recording " + recordingId + " could not be read",
                        e);
            }
        });
    }

    /**
     * The recording's summary without an access check, for Earmark's own analyses (no signed-in person); empty when it
     * does not exist or was removed.
     */
    public Optional<RecordingSummary> forAnalysis(long recordingId) {
        return recordings.findById(recordingId).filter(r -> !r.removed()).map(Recording::summary);
    }

    /**
     * What a recording keeps in the media store, for the retention module, which decides what is due for deletion.
     *
     * @param renditionName the playable copy's file name among the original's derived files, or null
     * @param renditionSize its size in bytes, or null
     */
    public record StoredMedia(long recordingId, long discussionId, String originalName, RecordingState state,
            boolean removed, String originalSha256, long originalSize, String renditionName, Long renditionSize) {
    }

    /**
     * What these discussions' recordings (those removed from them included) keep in the media store. No access check:
     * the caller has already decided that the signed-in person may see the discussions.
     */
    public List<StoredMedia> storedMedia(java.util.Collection<Long> discussionIds) {
        if (discussionIds.isEmpty()) {
            return List.of();
        }
        return recordings.findByDiscussionIdInOrderById(discussionIds).stream().map(r -> new StoredMedia(r.id(),
                r.discussionId(), r.originalName(), r.state(), r.removed(), r.originalSha256(),
                r.originalSize() == null ? 0 : r.originalSize(), r.renditionName(), r.renditionSize())).toList();
    }

    /**
     * Marks a recording whose media the retention module deleted: it shows as {@link RecordingState#DELETED} with the
     * message (when and under which rule) instead of a player, and its media is no longer asked of the store. No access
     * check: the retention module checks. Marking it again changes nothing.
     */
    @Transactional
    public void markMediaDeleted(long recordingId, String message) {
        Recording recording = recordings.findById(recordingId).orElseThrow(
                () -> new DiscussionException("There is no recording " + recordingId + "."));
        if (recording.state() != RecordingState.DELETED) {
            recording.mediaDeleted(message, clock.instant());
        }
    }

    void auditOpening(Recording recording, String what) {
        openings.opened(currentUser.actorName(), recording.id(), what);
    }

    /** The recording, if the signed-in person may see its discussion; refused (and recorded) otherwise. */
    Recording visibleRecording(long recordingId) {
        Recording recording = recordings.findById(recordingId).filter(r -> !r.removed()).orElse(null);
        if (recording == null) {
            throw guard.refuse("recording:" + recordingId, "You may not see recording " + recordingId + ".");
        }
        try {
            discussions.requireVisible(recording.discussionId());
        } catch (app.earmark.security.AccessRefusedException e) {
            throw guard.refuse("recording:" + recordingId, "You may not see recording " + recordingId + ".");
        }
        return recording;
    }
}
