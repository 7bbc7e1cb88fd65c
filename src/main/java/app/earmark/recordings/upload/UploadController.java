package app.earmark.recordings.upload;

import app.earmark.base.Sizes;
import app.earmark.base.web.ApiError;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.Discussions;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.RecordingsProperties;
import app.earmark.recordings.media.MediaStoreUnavailableException;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.exception.UploadAlreadyLockedException;
import me.desair.tus.server.upload.UploadLock;
import me.desair.tus.server.upload.UploadInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The tus endpoint for recordings. Before tus sees a request Earmark checks it: a creation must name a discussion the
 * signed-in assessor may add a recording to and declare a size within the limit (no deferred length, no
 * concatenation, no body); any other request must be for an upload the signed-in person started, and an upload
 * someone else started is answered exactly as one that does not exist. Every refusal, tus's own included, is an
 * {@link ApiError} with a message for a person; a failure to store (a full disk) is 507, and what it half-wrote is
 * removed where the storage says so (the folder store; the shared store keeps the chunks already in the bucket). When the last byte arrives the file is handed to {@link Recordings#takeUpload}.
 */
@Controller
class UploadController {

    static final String NO_SPACE = "The server has run out of space for recordings; nothing was lost on your side, try"
            + " again later or ask your administrator.";
    private static final String STORAGE_FAILED = "The server could not store the recording (an input/output error);"
            + " nothing was lost on your side, try again later or ask your administrator.";
    static final String NO_SPACE_KEPT = "The server has run out of space to receive this part of the upload. What"
            + " arrived before it is kept: try again later and the upload resumes where it stopped, or ask your"
            + " administrator.";
    private static final String STORAGE_FAILED_KEPT = "The server could not receive this part of the upload (an"
            + " input/output error). What arrived before it is kept: try again later and the upload resumes where it"
            + " stopped, or ask your administrator.";
    static final String STORE_UNAVAILABLE = "The whole recording has arrived, but the media store cannot be reached"
            + " just now, so it is not stored yet. It is kept on the server: try again in a few minutes and it is"
            + " stored without sending the file again.";
    static final String CHUNK_STORE_UNAVAILABLE = "This part of the upload was not stored: the media store cannot be"
            + " reached just now. What arrived before it is kept; try again in a few minutes and the upload resumes"
            + " where it stopped.";
    private static final String NO_SUCH_UPLOAD = "There is no upload of yours at this address: it may have been"
            + " finished, cancelled or expired. Choose the file again to start a new upload.";

    private static final Logger log = LoggerFactory.getLogger(UploadController.class);

    private final TusFileUploadService tus;
    private final UploadFiles storage;
    private final Counter bytesReceived;
    private final DatabaseUploadLocking locking;
    private final Recordings recordings;
    private final Discussions discussions;
    private final CurrentUser currentUser;
    private final RecordingsProperties properties;
    private final ObjectMapper json;

    UploadController(TusFileUploadService tus, UploadFiles storage, Recordings recordings,
            Discussions discussions, CurrentUser currentUser, RecordingsProperties properties, ObjectMapper json,
            MeterRegistry meters, ObjectProvider<DatabaseUploadLocking> locking) {
        this.tus = tus;
        this.locking = locking.getIfAvailable();
        this.bytesReceived = Counter.builder("earmark.upload.bytes")
                .description("Bytes of recordings received by tus uploads (PATCH bodies read)")
                .baseUnit("bytes").register(meters);
        this.storage = storage;
        this.recordings = recordings;
        this.discussions = discussions;
        this.currentUser = currentUser;
        this.properties = properties;
        this.json = json;
    }

    @RequestMapping(value = {UploadConfiguration.UPLOAD_PATH, UploadConfiguration.UPLOAD_PATH + "/**"},
            method = {RequestMethod.POST, RequestMethod.PATCH, RequestMethod.HEAD, RequestMethod.DELETE,
                    RequestMethod.OPTIONS})
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, TusException {
        String owner = currentUser.require().getUsername();
        String method = request.getMethod();
        Refusal refusal = switch (method) {
            case "POST" -> creationRefusal(request);
            case "OPTIONS" -> null;
            default -> ownUpload(request.getRequestURI(), owner) ? null
                    : new Refusal(HttpStatus.NOT_FOUND, NO_SUCH_UPLOAD);
        };
        if (refusal != null) {
            write(response, refusal.status().value(), refusal.message());
            return;
        }
        TusErrors errors = new TusErrors(response);
        try {
            tus.process(new ChunkContentType(request, bytesReceived), errors, owner);
        } catch (UploadStorageException e) {
            storageFailed(method, request.getRequestURI(), owner, e, response);
            return;
        } catch (MediaStoreUnavailableException e) {
            // Shared uploads keep their chunks in the object store: nothing received before is lost, and the offset
            // stays where the last stored chunk ended, for the client to resume from when the store is back.
            log.warn("Upload {} {}: {}", method, request.getRequestURI(), e.getMessage());
            if (!response.isCommitted()) {
                response.reset();
                write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), CHUNK_STORE_UNAVAILABLE);
            }
            return;
        }
        if (errors.status == null && locking != null && locking.refusedOnThisThread() && !response.isCommitted()) {
            errors.status = HttpStatus.LOCKED.value(); // tus logs a refused lock and answers nothing
        }
        if (errors.status != null) {
            write(response, errors.status, explain(errors.status, errors.message));
            return;
        }
        if ("POST".equals(method) && response.getStatus() < 300) {
            recordings.uploadStarted();
        }
        String uploadUri = switch (method) {
            case "POST" -> location(response);
            // HEAD too: a complete upload that could not be taken (the media store was unreachable) is taken when
            // the client asks where it stands, as tus clients do before resuming.
            case "PATCH", "HEAD" -> request.getRequestURI();
            default -> null;
        };
        if (uploadUri != null && response.getStatus() < 300) {
            UploadInfo info = tus.getUploadInfo(uploadUri, owner);
            if (info != null && !info.isUploadInProgress()) {
                UploadLock held = null;
                if (locking != null) {
                    // Several nodes: one request puts a completed upload together, under its lock; another that
                    // finds it held or gone leaves it to that one (tus has answered this request already).
                    try {
                        held = locking.lockUploadByUri(uploadUri);
                    } catch (UploadAlreadyLockedException busy) {
                        locking.refusedOnThisThread();
                        return;
                    }
                    info = held == null ? null : storage.stored(uploadUri);
                    if (info == null || info.isUploadInProgress()) {
                        if (held != null) {
                            held.release();
                        }
                        return;
                    }
                }
                try {
                    finish(uploadUri, info, owner, held != null);
                } catch (MediaStoreUnavailableException unavailable) {
                    log.warn("Upload {} is complete but could not be stored: {}", uploadUri, unavailable.getMessage());
                    if (!response.isCommitted()) {
                        response.reset();
                        write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), STORE_UNAVAILABLE);
                    }
                } finally {
                    if (held != null) {
                        held.release();
                    }
                }
            }
        }
    }

    /** Whether the address is an upload the person started (checked without touching it). */
    private boolean ownUpload(String uri, String owner) {
        try {
            UploadInfo info = storage.stored(uri);
            return info != null && owner.equals(info.getOwnerKey());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Refusal creationRefusal(HttpServletRequest request) {
        if (request.getHeader("Upload-Concat") != null) {
            return new Refusal(HttpStatus.BAD_REQUEST, "Earmark takes each recording as one upload; joining uploads"
                    + " together (Upload-Concat) is not supported.");
        }
        if (request.getHeader("Upload-Defer-Length") != null) {
            return new Refusal(HttpStatus.BAD_REQUEST, "Earmark needs the file's size when the upload starts (in"
                    + " Upload-Length); an upload of unknown size (Upload-Defer-Length) is not accepted.");
        }
        String type = request.getContentType();
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null
                || (type != null && !type.toLowerCase().startsWith("application/offset+octet-stream"))) {
            return new Refusal(HttpStatus.BAD_REQUEST, "An upload is started with an empty request that says the"
                    + " file's size and name; this one has a body" + (type == null ? "" : " (" + type + ")") + ". Send the file's bytes afterwards, with PATCH.");
        }
        UploadMetadata metadata = UploadMetadata.parse(request.getHeader("Upload-Metadata"));
        Long discussionId = metadata.discussionId();
        if (discussionId == null) {
            return new Refusal(HttpStatus.BAD_REQUEST, "The upload does not say which discussion it belongs to.");
        }
        try {
            discussions.requireMayRecord(discussionId);
        } catch (AccessRefusedException e) {
            return new Refusal(HttpStatus.FORBIDDEN, e.getMessage());
        }
        String length = request.getHeader("Upload-Length");
        if (length == null || length.isBlank()) {
            return new Refusal(HttpStatus.BAD_REQUEST, "The upload does not say how big the file is: send its size in"
                    + " bytes as Upload-Length.");
        }
        if (!length.trim().matches("\\d{1,100}")) {
            return new Refusal(HttpStatus.BAD_REQUEST, "The file's size (Upload-Length) must be a whole number of"
                    + " bytes; '" + abbreviate(length) + "' is not.");
        }
        BigInteger size = new BigInteger(length.trim());
        if (size.signum() == 0) {
            return new Refusal(HttpStatus.BAD_REQUEST, "The file is empty (0 bytes): nothing was recorded, or the copy"
                    + " saved nothing. Check the recording on your device and upload it again.");
        }
        long max = properties.maxUploadSize().toBytes();
        if (size.compareTo(BigInteger.valueOf(max)) > 0) {
            String declared = size.bitLength() < 63 ? Sizes.human(size.longValue()) : size + " bytes";
            return new Refusal(HttpStatus.PAYLOAD_TOO_LARGE, "The file is " + declared + "; the largest recording"
                    + " Earmark accepts is " + Sizes.human(max) + ".");
        }
        return null;
    }

    /**
     * A failure to store: the person is told plainly (507 for a full disk, else 500). The storage decides whether the
     * half-written upload is removed to free its space (the folder store) or kept to be resumed (the shared store,
     * whose earlier chunks are safe in the bucket).
     */
    private void storageFailed(String method, String uri, String owner, UploadStorageException e,
            HttpServletResponse response) throws IOException {
        log.error("Storing an upload failed ({} {}): {}", method, uri, e.getMessage(), e);
        boolean kept = storage.keepsUploadOnStorageFailure();
        if (!kept && !"POST".equals(method)) {
            try {
                tus.deleteUpload(uri, owner);
            } catch (IOException | TusException | RuntimeException cleanup) {
                log.warn("Could not remove the failed upload {}", uri, cleanup);
            }
        }
        if (!response.isCommitted()) {
            response.reset();
            int status = e.noSpace() ? HttpStatus.INSUFFICIENT_STORAGE.value()
                    : HttpStatus.INTERNAL_SERVER_ERROR.value();
            String message = e.noSpace() ? (kept ? NO_SPACE_KEPT : NO_SPACE) : (kept ? STORAGE_FAILED_KEPT
                    : STORAGE_FAILED);
            write(response, status, message);
        }
    }

    /** tus's own refusals, in words for a person. */
    private static String explain(int status, String detail) {
        return switch (status) {
            case 404 -> NO_SUCH_UPLOAD;
            case 409 -> "This part of the upload does not continue where the server stopped (" + detail + "). Choose"
                    + " the same file again to resume from where the server is.";
            case 412 -> "The upload uses a version of the tus protocol Earmark does not speak (Earmark speaks "
                    + TusFileUploadService.TUS_API_VERSION + ").";
            case 413 -> "The upload is larger than it said it would be, or than Earmark accepts ("
                    + detail + ").";
            case 415, 406 -> "A part of the upload must be sent as application/offset+octet-stream.";
            case 423 -> "Another request is still sending this upload; wait for it to finish, or try again in a"
                    + " minute.";
            default -> "The upload was refused: " + detail;
        };
    }

    private void write(HttpServletResponse response, int status, String message) throws IOException {
        HttpStatus known = HttpStatus.resolve(status);
        String error = known == null ? "error" : known.name().toLowerCase();
        response.setStatus(status);
        response.setHeader("Tus-Resumable", TusFileUploadService.TUS_API_VERSION);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getWriter(), new ApiError(status, error, message));
    }

    /** @param locked whether this request holds the upload's lock (tus's own removal would wait for it) */
    private void finish(String uploadUri, UploadInfo info, String owner, boolean locked)
            throws IOException, TusException {
        UploadMetadata metadata = UploadMetadata.parse(info.getEncodedMetadata());
        UploadFiles.Finished finished = storage.finished(info);
        try {
            recordings.takeUpload(new Recordings.FinishedUpload(metadata.discussionId(), info.getId().toString(),
                    finished.file(), finished.sha256(), info.getLength(), metadata.fileName()));
        } catch (DiscussionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // The media store could not take the original: the caller answers 503 and a later HEAD takes it.
            if (e.getCause() instanceof MediaStoreUnavailableException unavailable) {
                throw unavailable;
            }
            throw e;
        } finally {
            finished.discard();
        }
        if (locked) {
            storage.terminateUpload(info);
        } else {
            tus.deleteUpload(uploadUri, owner);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** Why a request is not handed to tus. */
    private record Refusal(HttpStatus status, String message) {
    }

    /** Keeps tus's {@code sendError} from reaching the container's error page: the controller answers instead. */
    private static final class TusErrors extends HttpServletResponseWrapper {
        private Integer status;
        private String message;

        TusErrors(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
            message = msg;
        }

        @Override
        public void sendError(int sc) {
            sendError(sc, HttpStatus.resolve(sc) == null ? "HTTP " + sc : HttpStatus.resolve(sc).getReasonPhrase());
        }
    }

    /**
     * tus requires exactly {@code application/offset+octet-stream} on a chunk; some clients and proxies
     * add a charset parameter, which means nothing for bytes. Accept it.
     */
    private static final class ChunkContentType extends jakarta.servlet.http.HttpServletRequestWrapper {

        private static final String CHUNK = "application/offset+octet-stream";

        private final Counter bytes;

        ChunkContentType(HttpServletRequest request, Counter bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
            jakarta.servlet.ServletInputStream in = super.getInputStream();
            return new CountingInput(in, bytes);
        }

        @Override
        public String getHeader(String name) {
            String value = super.getHeader(name);
            if ("Content-Type".equalsIgnoreCase(name) && value != null && value.toLowerCase().startsWith(CHUNK + ";")) {
                return CHUNK;
            }
            return value;
        }

        @Override
        public String getContentType() {
            return getHeader("Content-Type");
        }
    }

    /** Counts the bytes read from a request body ({@code earmark.upload.bytes}). */
    private static final class CountingInput extends jakarta.servlet.ServletInputStream {
        private final jakarta.servlet.ServletInputStream in;
        private final Counter bytes;

        CountingInput(jakarta.servlet.ServletInputStream in, Counter bytes) {
            this.in = in;
            this.bytes = bytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                bytes.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                bytes.increment(read);
            }
            return read;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static String location(HttpServletResponse response) {
        String location = response.getHeader("Location");
        return location == null ? null : URI.create(location).getPath();
    }
}
