package app.earmark.recordings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A recording of a discussion. The original is identified by its SHA-256 in the media store and never
 * changes; ingest fills in what it found and made.
 */
@Entity
@Table(name = "recording")
class Recording {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "discussion_id", nullable = false)
    private long discussionId;

    @Column(name = "upload_id", length = 100, unique = true)
    private String uploadId;

    @Column(name = "original_sha256", length = 64)
    private String originalSha256;

    @Column(name = "original_size")
    private Long originalSize;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Source source = Source.UPLOAD;

    private Integer chunks;

    @Column(name = "last_chunk_at")
    private Instant lastChunkAt;

    @Column(name = "original_name", nullable = false)
    private String originalName;

    @Column(name = "intake_note", length = 2000)
    private String intakeNote;
    @Column(name = "name_warning", length = 1000)
    private String nameWarning;

    @Column(name = "uploaded_by", nullable = false, length = 100)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private RecordingState state;

    @Column(name = "state_message", length = 2000)
    private String stateMessage;

    @Column(nullable = false)
    private double progress;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "state_changed_at", nullable = false)
    private Instant stateChangedAt;

    @Column(length = 100)
    private String container;

    @Column(name = "duration_ms")
    private Long durationMillis;

    @Column(name = "audio_codec", length = 40)
    private String audioCodec;

    @Column(name = "audio_channels")
    private Integer audioChannels;

    @Column(name = "audio_sample_rate")
    private Integer audioSampleRate;

    @Column(name = "video_codec", length = 40)
    private String videoCodec;

    @Column(name = "video_width")
    private Integer videoWidth;

    @Column(name = "video_height")
    private Integer videoHeight;

    @Column(name = "rendition_name", length = 40)
    private String renditionName;

    @Column(name = "rendition_mime", length = 40)
    private String renditionMime;

    @Column(name = "rendition_remuxed")
    private Boolean renditionRemuxed;

    @Column(name = "rendition_size")
    private Long renditionSize;

    @Column(length = 2000)
    private String peaks;

    @Column(name = "poster_name", length = 40)
    private String posterName;

    /** How many times in a row ingest waited for the media store (unreachable); 0 again once it settles. */
    @Column(name = "store_waits", nullable = false)
    private int storeWaits;

    /** The parts a live recording's original was put together from: 0 to this, less one (see V36). */
    @Column(name = "live_parts_end")
    private Integer livePartsEnd;

    /** Closed by the sweep because its browser fell silent, not by its recorder's Stop. */
    @Column(name = "closed_silent", nullable = false)
    private boolean closedSilent;

    /** The recording this live recording continues (it came back after that one was closed as silent). */
    @Column(name = "continues_recording_id")
    private Long continuesRecordingId;

    @Version
    private long version;

    @Column(name = "removed_at")
    private Instant removedAt;

    @Column(name = "removed_by", length = 100)
    private String removedBy;

    @Column(name = "removal_reason", length = 2000)
    private String removalReason;

    protected Recording() {
    }

    Recording(long discussionId, String uploadId, String originalSha256, Long originalSize, String originalName,
            String nameWarning, String uploadedBy, Instant uploadedAt) {
        this.discussionId = discussionId;
        this.uploadId = uploadId;
        this.originalSha256 = originalSha256;
        this.originalSize = originalSize;
        this.originalName = originalName;
        this.nameWarning = nameWarning;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
        this.state = RecordingState.QUEUED;
        this.stateChangedAt = uploadedAt;
    }

    /** A live recording, started in the browser: its original is assembled from parts when it ends. */
    static Recording live(long discussionId, String name, String recordedBy, Instant at) {
        var recording = new Recording(discussionId, null, null, null, name, null, recordedBy, at);
        recording.originalSize = null;
        recording.source = Source.LIVE;
        recording.chunks = 0;
        recording.lastChunkAt = at;
        recording.state = RecordingState.RECORDING;
        return recording;
    }

    /**
     * A live recording that continues {@code closed}, which the sweep closed because its browser fell silent: the
     * browser came back and sent the parts after it. Recorded by the same person, under the same part numbers.
     */
    static Recording continuing(Recording closed, String name, Instant at) {
        var recording = live(closed.discussionId, name, closed.uploadedBy, at);
        recording.continuesRecordingId = closed.id;
        return recording;
    }

    /**
     * A recording Earmark made from others (the remote room's combined recording): queued for ingest at once, with a
     * note shown beside its state (which spans have one party only).
     */
    static Recording combined(long discussionId, String sha256, long size, String name, String note, String by,
            Instant at) {
        var recording = new Recording(discussionId, null, sha256, size, name, null, by, at);
        recording.source = Source.COMBINED;
        recording.intakeNote = note;
        recording.stateMessage = note;
        return recording;
    }

    /** Where a recording came from. */
    enum Source { UPLOAD, LIVE, COMBINED }

    Source source() {
        return source;
    }

    Integer livePartsEnd() {
        return livePartsEnd;
    }

    boolean closedSilent() {
        return closedSilent;
    }

    Long continuesRecordingId() {
        return continuesRecordingId;
    }

    Instant lastChunkAt() {
        return lastChunkAt;
    }

    void chunkArrived(int sequence, Instant at) {
        chunks = Math.max(chunks == null ? 0 : chunks, sequence + 1);
        lastChunkAt = at;
    }

    /** The live recording ended and this request claimed it, to put its parts together (no other does). */
    void assembling(Instant at) {
        moveTo(RecordingState.ASSEMBLING, null, at);
    }

    /**
     * No part had arrived (since {@code partsEnd}, for a continuation) when the live recording ended: nothing to keep,
     * but a late part may continue it.
     */
    void nothingArrived(int partsEnd, boolean silent, String reason, Instant at) {
        livePartsEnd = partsEnd;
        closedSilent = silent;
        failed(reason, at);
    }

    /** Putting its parts together failed: it is open again, to be put together by a retried finish or the sweep. */
    void assemblyFailed(String message, Instant at) {
        moveTo(RecordingState.RECORDING, message, at);
    }

    Instant stateChangedAt() {
        return stateChangedAt;
    }

    /**
     * The live recording's parts became one original: it goes to ingest like an upload.
     *
     * @param partsEnd one more than the number of the last part it holds (parts the browser lost are gaps in it)
     * @param silent closed by the sweep (its browser fell silent), so later parts continue it
     */
    void assembled(String sha256, long size, int partsEnd, boolean silent, String note, Instant at) {
        livePartsEnd = partsEnd;
        closedSilent = silent;
        originalSha256 = sha256;
        originalSize = size;
        intakeNote = note;
        moveTo(RecordingState.QUEUED, note, at);
    }

    Long id() {
        return id;
    }

    long discussionId() {
        return discussionId;
    }

    String originalName() {
        return originalName;
    }

    String originalSha256() {
        return originalSha256;
    }

    RecordingState state() {
        return state;
    }

    int attempts() {
        return attempts;
    }

    int storeWaits() {
        return storeWaits;
    }

    Long durationMillis() {
        return durationMillis;
    }

    String renditionName() {
        return renditionName;
    }

    Long renditionSize() {
        return renditionSize;
    }

    String renditionMime() {
        return renditionMime;
    }

    String posterName() {
        return posterName;
    }

    String peaks() {
        return peaks;
    }

    /** Removed from its discussion: the row and the original file are kept, with who removed it and why. */
    void remove(String by, String reason, Instant at) {
        removedAt = at;
        removedBy = by;
        removalReason = reason;
    }

    boolean removed() {
        return removedAt != null;
    }

    Long originalSize() {
        return originalSize;
    }

    /** The worker has taken the job. */
    void started(Instant at) {
        attempts++;
        moveTo(RecordingState.PROBING, null, at);
    }

    /** What the worker found in the file. */
    void probed(MediaFacts facts, Instant at) {
        container = facts.container();
        durationMillis = facts.durationMillis();
        audioCodec = facts.audioCodec();
        audioChannels = facts.audioChannels();
        audioSampleRate = facts.audioSampleRate();
        videoCodec = facts.videoCodec();
        videoWidth = facts.videoWidth();
        videoHeight = facts.videoHeight();
        moveTo(RecordingState.PROCESSING, null, at);
    }

    void progressed(double fraction) {
        progress = Math.max(0, Math.min(1, fraction));
    }

    void ready(Rendition rendition, String peaksJson, String poster, Long decodedDurationMillis, String note,
            Instant at) {
        renditionName = rendition.fileName();
        renditionMime = rendition.mimeType();
        renditionRemuxed = rendition.remuxed();
        renditionSize = rendition.size();
        peaks = peaksJson;
        posterName = poster;
        if (decodedDurationMillis != null) {
            durationMillis = decodedDurationMillis;
        }
        progress = 1;
        moveTo(RecordingState.READY, withIntakeNote(note), at);
    }

    /** Its media was deleted under a retention rule (see the retention module): the row stays, with why. */
    void mediaDeleted(String message, Instant at) {
        moveTo(RecordingState.DELETED, message, at);
    }

    void failed(String reason, Instant at) {
        moveTo(RecordingState.FAILED, withIntakeNote(reason), at);
    }

    /** The outcome's message after the note on how the recording arrived, so that neither hides the other. */
    private String withIntakeNote(String message) {
        if (intakeNote == null || intakeNote.isBlank()) {
            return message;
        }
        String joined = message == null || message.isBlank() ? intakeNote : intakeNote + " " + message;
        return joined.length() <= 2000 ? joined : joined.substring(0, 1999) + "…";
    }

    /** Back in the queue: after an interruption, or an assessor's retry. */
    void requeued(String reason, Instant at) {
        moveTo(RecordingState.QUEUED, reason, at);
    }

    /**
     * Ingest could not reach the media store: back in the queue to be tried again later, the attempt not counted
     * against the worker's (nothing is wrong with the file or the worker); {@link #storeWaits} counts it.
     */
    void waitingForStore(String message, Instant at) {
        attempts = Math.max(0, attempts - 1);
        storeWaits++;
        moveTo(RecordingState.QUEUED, message, at);
    }

    /** A failed recording is tried again from the start, with a fresh count of attempts. */
    void retried(Instant at) {
        attempts = 0;
        requeued(null, at);
    }

    private void moveTo(RecordingState newState, String message, Instant at) {
        if (newState == RecordingState.READY || newState == RecordingState.FAILED) {
            storeWaits = 0;
        }
        state = newState;
        stateMessage = message;
        stateChangedAt = at;
        if (newState != RecordingState.READY) {
            progress = 0;
        }
    }

    RecordingSummary summary() {
        return new RecordingSummary(id, discussionId, source == Source.LIVE, originalName, nameWarning, originalSha256,
                originalSize == null ? 0 : originalSize, uploadedBy, uploadedAt, state, stateMessage, progress, attempts, container, durationMillis,
                audioCodec, audioChannels, audioSampleRate, videoCodec, videoWidth, videoHeight, renditionMime,
                renditionRemuxed, renditionSize, posterName != null, PeakLevels.fromJson(peaks));
    }

    /** What the probe found. */
    record MediaFacts(String container, Long durationMillis, String audioCodec, Integer audioChannels,
            Integer audioSampleRate, String videoCodec, Integer videoWidth, Integer videoHeight) {

        static MediaFacts of(app.earmark.recordings.worker.Probe probe) {
            var audio = probe.audio();
            var video = probe.video();
            return new MediaFacts(probe.format(), probe.durationMillis(),
                    audio == null ? null : audio.codec(), audio == null ? null : audio.channels(),
                    audio == null ? null : audio.sampleRate(),
                    video == null ? null : video.codec(), video == null ? null : video.width(),
                    video == null ? null : video.height());
        }
    }

    /** The browser-playable copy ingest made. */
    record Rendition(String fileName, String mimeType, boolean remuxed, long size) {
    }
}
