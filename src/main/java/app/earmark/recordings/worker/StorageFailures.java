package app.earmark.recordings.worker;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failures of the server's own storage (a full disk above all), told apart from refusals of the file: FFmpeg's error
 * codes from writing ({@code AVERROR(ENOSPC)}, {@code AVERROR(EIO)}, …), JavaCV's messages that carry them, and Java's
 * {@link IOException}s. Such a failure is never a reason to try another way (a transcoding), and it says plainly that
 * the original is kept and the ingest can be retried.
 */
final class StorageFailures {

    /** Linux errno values; FFmpeg's {@code AVERROR(e)} is {@code -e}. */
    private static final int EIO = 5;
    private static final int EFBIG = 27;
    private static final int ENOSPC = 28;
    private static final int EROFS = 30;
    private static final int EDQUOT = 122;
    private static final Map<Integer, String> STORAGE_ERRORS = Map.of(EIO, "an input/output error", EFBIG,
            "the file grew too large for the file system", ENOSPC, "no space left on the device", EROFS,
            "the file system is read-only", EDQUOT, "the disk quota is exceeded");
    /** JavaCV's "av_interleaved_write_frame() error -28 while writing …", "av_write_trailer() error -28". */
    private static final Pattern JAVACV_ERROR = Pattern.compile("\\berror (-\\d+)\\b");

    static final String NO_SPACE_MESSAGE = "The server ran out of disk space while preparing this recording; the"
            + " original upload is kept safe. Ask your administrator to free space, then retry.";

    private StorageFailures() {
    }

    /** Whether an FFmpeg return code is a failure of the storage rather than of the file. */
    static boolean isStorageError(int avError) {
        return avError < 0 && STORAGE_ERRORS.containsKey(-avError);
    }

    /** The failure for an FFmpeg return code that {@link #isStorageError is one}. */
    static IngestFailure of(int avError) {
        if (-avError == ENOSPC || -avError == EDQUOT) {
            return noSpace();
        }
        return storageError(STORAGE_ERRORS.getOrDefault(-avError, InputFile.errorText(avError)));
    }

    static IngestFailure noSpace() {
        return new IngestFailure(FailureCode.NO_SPACE, NO_SPACE_MESSAGE);
    }

    static IngestFailure storageError(String what) {
        return new IngestFailure(FailureCode.STORAGE_ERROR, "The server could not read or write its files while"
                + " preparing this recording (" + what + "); the original upload is kept safe. Ask your administrator"
                + " to check the server's storage, then retry.");
    }

    /** The storage failure in a JavaCV exception's message ("… error -28 …"), if it names one. */
    static Optional<IngestFailure> fromJavacv(Exception e) {
        Matcher code = JAVACV_ERROR.matcher(String.valueOf(e.getMessage()));
        while (code.find()) {
            int avError = Integer.parseInt(code.group(1));
            if (isStorageError(avError)) {
                return Optional.of(of(avError));
            }
        }
        return Optional.empty();
    }

    /** The storage failure behind an exception (an {@link IOException} among its causes), if there is one. */
    static Optional<IngestFailure> fromException(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                String message = io instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                        : String.valueOf(io.getMessage());
                if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
                    return Optional.of(noSpace());
                }
                return Optional.of(storageError(message));
            }
        }
        return Optional.empty();
    }
}
