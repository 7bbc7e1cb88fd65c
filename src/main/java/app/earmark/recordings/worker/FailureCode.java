package app.earmark.recordings.worker;

/** Why the ingest worker refused a recording; each comes with a message written for the assessor. */
public enum FailureCode {
    /** The file has no bytes at all. */
    EMPTY_FILE,
    /** Not audio or video: FFmpeg cannot open it, or it is an image, a document or text. */
    NOT_MEDIA,
    /** An MP4/MOV without its index (the "moov" box), as left by an interrupted recording or copy. */
    INDEX_MISSING,
    /** The file ends before the size its container declares: cut off (an interrupted upload or copy). */
    TRUNCATED,
    /** The file is complete (or its format cannot tell), but its sound cannot be decoded to the declared end. */
    DAMAGED,
    /** There is no sound track. */
    NO_AUDIO,
    /** A stream is in a codec that no decoder of this FFmpeg build reads. */
    UNSUPPORTED_CODEC,
    /** Longer than the configured maximum duration. */
    TOO_LONG,
    /** Anything else FFmpeg refused, with its reason. */
    DECODE_ERROR,
    /** The server's disk (or quota) was full while writing: nothing is wrong with the file; retry once there is room. */
    NO_SPACE,
    /** Another input/output failure of the server's storage (EIO, a read-only file system): not the file's fault. */
    STORAGE_ERROR
}
