package app.earmark.recordings;

/** Where a recording is on its way from upload to playback. */
public enum RecordingState {
    /** Being recorded live in the browser; parts arrive every few seconds. */
    RECORDING("Recording"),
    /**
     * A live recording that has ended, its parts being put together into the original by one request or node (which
     * claimed it, so that no other does it too); queued next.
     */
    ASSEMBLING("Saving"),
    /** Uploaded whole and waiting for the ingest worker. */
    QUEUED("Queued"),
    /** The worker is reading what the file holds. */
    PROBING("Probing"),
    /** The worker is making the playable copy, waveform and poster. */
    PROCESSING("Processing"),
    /** Playable. */
    READY("Ready"),
    /** Ingest refused or could not finish the file; the message says why. The original is kept. */
    FAILED("Failed"),
    /**
     * Its media (original, playable copy, derived files, chaptered copies) was deleted under the centre's retention
     * rule; the message says when and by which rule. The row, its tags and the sheets stay.
     */
    DELETED("Deleted");

    private final String label;

    RecordingState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean inProgress() {
        return this == RECORDING || this == ASSEMBLING || this == QUEUED || this == PROBING || this == PROCESSING;
    }
}
