package app.earmark.recordings.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * One line of the worker's stdout protocol: newline-delimited JSON objects told apart by their {@code type}. A run
 * writes {@code phase} PROBING, {@code probe}, {@code phase} PROCESSING, some {@code progress}, and ends with exactly
 * one {@link Outcome}: {@code done} (exit code 0) or {@code failed} (exit code 2). An exit without an outcome line is
 * a crash. The chapters job ({@link ChapterJob}) writes only its outcome: {@code copied} or {@code failed}; started as
 * a standby, it first writes {@code ready} once FFmpeg is loaded.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerMessage.PhaseStarted.class, name = "phase"),
        @JsonSubTypes.Type(value = WorkerMessage.Probed.class, name = "probe"),
        @JsonSubTypes.Type(value = WorkerMessage.Progress.class, name = "progress"),
        @JsonSubTypes.Type(value = WorkerMessage.Done.class, name = "done"),
        @JsonSubTypes.Type(value = WorkerMessage.Failed.class, name = "failed"),
        @JsonSubTypes.Type(value = WorkerMessage.Copied.class, name = "copied"),
        @JsonSubTypes.Type(value = WorkerMessage.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = WorkerMessage.Mixed.class, name = "mixed")})
public sealed interface WorkerMessage {

    /** Reads one protocol line. */
    static WorkerMessage fromJson(String line) {
        try {
            return WorkerJson.MAPPER.readValue(line, WorkerMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a worker message: " + line, e);
        }
    }

    /** This message as one protocol line, without the line break. */
    default String toJson() {
        try {
            return WorkerJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Worker messages are plain records", e);
        }
    }

    enum Phase {
        PROBING, PROCESSING
    }

    record PhaseStarted(Phase phase) implements WorkerMessage {
    }

    record Probed(Probe probe) implements WorkerMessage {
    }

    /** @param fraction of the processing done, 0 to 1 */
    record Progress(double fraction) implements WorkerMessage {
    }

    /** The last message of a run. */
    sealed interface Outcome extends WorkerMessage permits Done, Failed, Copied, Mixed {
    }

    record Done(IngestResult result) implements Outcome {
    }

    /** A refused recording; {@code message} says why in words for the assessor. */
    record Failed(FailureCode code, String message) implements Outcome {
    }

    /**
     * The chapters job wrote its copy.
     *
     * @param packets how many packets were copied
     * @param indexAtFront how the MP4 index came to the front: {@code reserved} (written into room kept for it),
     *        {@code moved} (the media data moved behind it, as {@code +faststart} does), or {@code null} for WebM
     */
    record Copied(int chapters, long packets, String indexAtFront) implements Outcome {
    }

    /** The mix job ({@link MixJob}) wrote its stereo file, lasting {@code durationMs}. */
    record Mixed(long durationMs) implements Outcome {
    }

    /** A standby chapters worker has loaded FFmpeg and waits for its job on standard input. */
    record Ready(long pid) implements WorkerMessage {
    }
}
