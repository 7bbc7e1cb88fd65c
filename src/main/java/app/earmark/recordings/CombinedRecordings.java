package app.earmark.recordings;

import app.earmark.base.AuditableEvent;
import app.earmark.base.EarmarkProperties;
import app.earmark.base.Hashing;
import app.earmark.recordings.RecordingEvents.RecordingUploaded;
import app.earmark.recordings.Recordings.RecordingQueued;
import app.earmark.recordings.media.MediaStore;
import app.earmark.recordings.worker.MixJob;
import app.earmark.recordings.worker.WorkerMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recordings the server makes from other recordings of the same discussion: a stereo mix of one-party tracks placed on
 * a common timeline, with their pictures side by side when any has video (the remote room's combined recording, see
 * docs/remote-room.md). The tracks are mixed by a worker
 * process of their own ({@link MixJob}: FFmpeg never parses a file inside the web application), the mix goes into the
 * media store as an original, and a recording of it then goes through the normal ingest (rendition, peaks, per-channel
 * levels, talk time). For Earmark's own jobs, which run without a signed-in person: the caller decides who may.
 */
@Service
public class CombinedRecordings {

    private final RecordingRepository recordings;
    private final MediaStore store;
    private final RecordingsProperties limits;
    private final WorkerCommand command;
    private final Path logDir;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CombinedRecordings(RecordingRepository recordings, MediaStore store, RecordingsProperties limits,
            EarmarkProperties properties, ApplicationEventPublisher events, TransactionTemplate transactions,
            Clock clock) {
        this.recordings = recordings;
        this.store = store;
        this.limits = limits;
        this.command = WorkerCommand.forThisJvm(limits.workerHeap().toBytes());
        this.logDir = properties.dataDir().toAbsolutePath().resolve("ingest-logs");
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * A recording placed on the mix's timeline.
     *
     * @param channel  0 = left, 1 = right
     * @param offsetMs where its first sample goes, from the start of the mix
     */
    public record Placement(long recordingId, int channel, long offsetMs) {
    }

    /**
     * A mix kept in the media store as an original, not yet a recording ({@link #take}).
     *
     * @param video whether it has a picture (an MP4 with the parties side by side), else it is sound only (M4A)
     */
    public record Mix(String sha256, long size, long durationMs, boolean video) {

        /** The file name's extension that fits it: {@code .mp4} or {@code .m4a}. */
        public String extension() {
            return video ? ".mp4" : ".m4a";
        }
    }

    /** The mix could not be made; the message says why, for a person. */
    public static class MixException extends RuntimeException {
        MixException(String message) {
            super(message);
        }
    }

    /** {@link #mix(long, List, List)} without labels for the pictures' panels. */
    public Mix mix(long durationMs, List<Placement> placements) throws IOException, InterruptedException {
        return mix(durationMs, placements, List.of());
    }

    /**
     * Mixes the placed recordings (each must be ready: the caller checked, and its placements describe what is mixed)
     * into one stereo original of
     * {@code durationMs}, in a worker process within the ingest's time and memory limits, and keeps it in the media
     * store. When any of them has video, the mix is an MP4 with the two channels' pictures side by side (channel 0
     * left), and {@code labels} are what the left and the right half say where that side has no picture; otherwise it
     * is sound only (M4A). Takes as long as the decoding (and encoding) does; call it outside a transaction.
     *
     * @param labels the left and the right side's labels (e.g. "Sam Assessor (assessor)"), or empty
     * @throws MixException when a placed recording is no longer ready (removed, or ingested again since the caller
     *         looked), or the worker refused, crashed or ran over its limits
     */
    public Mix mix(long durationMs, List<Placement> placements, List<String> labels) throws IOException,
            InterruptedException {
        List<MixJob.Track> tracks = new ArrayList<>();
        for (Placement placement : placements) {
            RecordingSummary recording = transactions.execute(status -> recordings.findById(placement.recordingId())
                    .filter(r -> !r.removed() && r.state() == RecordingState.READY)
                    .map(Recording::summary)).orElseThrow(() -> new MixException("Recording "
                            + placement.recordingId() + " is no longer ready to play (removed, or being ingested"
                            + " again), so the tracks cannot be mixed as placed."));
            tracks.add(new MixJob.Track(store.originalFile(recording.sha256()).toString(), placement.channel(),
                    placement.offsetMs(), recording.isVideo(),
                    recording.durationMillis() == null ? 0 : recording.durationMillis()));
        }
        boolean video = tracks.stream().anyMatch(MixJob.Track::video);
        Path workDir = store.newWorkDir();
        try {
            Path spec = workDir.resolve("mix.json");
            new ObjectMapper().writeValue(spec.toFile(), new MixJob.Spec(durationMs, tracks, labels));
            Path output = workDir.resolve(video ? "combined.mp4" : "combined.m4a");
            Path log = logDir.resolve("mix-" + clock.millis() + "-" + System.nanoTime() % 1_000_000 + ".log");
            long mixedMs;
            try (WorkerProcess worker = WorkerProcess.start(command.mixArguments(spec, output, log), log)) {
                var outcome = WorkerRun.watch(worker, limits.processTimeout().plusMillis(2 * durationMs),
                        limits.workerMaxMemory().toBytes(), "Mixing the tracks", WorkerMessage.Mixed.class);
                if (outcome instanceof WorkerRun.Outcome.Refused<WorkerMessage.Mixed> refused) {
                    throw new MixException(refused.message());
                }
                if (outcome instanceof WorkerRun.Outcome.Crashed<WorkerMessage.Mixed> crashed) {
                    throw new MixException("The mix worker stopped unexpectedly (" + crashed.reason() + ").");
                }
                mixedMs = ((WorkerRun.Outcome.Finished<WorkerMessage.Mixed>) outcome).result().durationMs();
            }
            String sha256;
            var digest = Hashing.sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(output), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
            long size = Files.size(output);
            store.putOriginal(output, sha256);
            return new Mix(sha256, size, mixedMs, video);
        } finally {
            WorkDirs.deleteQuietly(workDir);
        }
    }

    /**
     * Makes a queued recording of a mix (audited as an upload by the system), which ingest then takes like any
     * other. Joins the caller's transaction.
     *
     * @param note shown with the recording (e.g. which spans have one party only), or null
     */
    @Transactional
    public RecordingSummary take(long discussionId, Mix mix, String name, String note) {
        return take(discussionId, mix, name, note, "made by Earmark from the remote room's tracks");
    }

    /**
     * As {@link #take(long, Mix, String, String)}, saying in the audit trail how it was made.
     *
     * @param madeFrom e.g. "made by Earmark from two recordings, one per party"
     */
    @Transactional
    public RecordingSummary take(long discussionId, Mix mix, String name, String note, String madeFrom) {
        var recording = Recording.combined(discussionId, mix.sha256(), mix.size(), name, note, AuditableEvent.SYSTEM,
                clock.instant());
        recording = recordings.save(recording);
        events.publishEvent(new RecordingUploaded(AuditableEvent.SYSTEM, discussionId, recording.id(), mix.sha256(),
                mix.size(), name + " (" + madeFrom + ")"));
        events.publishEvent(new RecordingQueued(recording.id()));
        return recording.summary();
    }
}
