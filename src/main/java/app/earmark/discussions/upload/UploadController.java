package app.earmark.discussions.upload;

import app.earmark.base.Sizes;
import app.earmark.discussions.DiscussionException;
import app.earmark.discussions.Discussions;
import app.earmark.discussions.Recordings;
import app.earmark.discussions.RecordingsProperties;
import app.earmark.security.AccessRefusedException;
import app.earmark.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.exception.TusException;
import me.desair.tus.server.upload.UploadInfo;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The tus endpoint for recordings. Before tus creates an upload, Earmark checks that the signed-in
 * assessor may add a recording to the discussion named in the upload's metadata and that the file is
 * within the size limit; uploads belong to the person who started them. When the last byte arrives the
 * file is handed to {@link Recordings#takeUpload}.
 */
@Controller
class UploadController {

    private final TusFileUploadService tus;
    private final RecordingUploadStorage storage;
    private final Recordings recordings;
    private final Discussions discussions;
    private final CurrentUser currentUser;
    private final RecordingsProperties properties;

    UploadController(TusFileUploadService tus, RecordingUploadStorage storage, Recordings recordings,
            Discussions discussions, CurrentUser currentUser, RecordingsProperties properties) {
        this.tus = tus;
        this.storage = storage;
        this.recordings = recordings;
        this.discussions = discussions;
        this.currentUser = currentUser;
        this.properties = properties;
    }

    @RequestMapping(value = {UploadConfiguration.UPLOAD_PATH, UploadConfiguration.UPLOAD_PATH + "/**"},
            method = {RequestMethod.POST, RequestMethod.PATCH, RequestMethod.HEAD, RequestMethod.DELETE,
                    RequestMethod.OPTIONS})
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, TusException {
        String owner = currentUser.require().getUsername();
        if ("POST".equals(request.getMethod()) && !mayCreate(request, response)) {
            return;
        }
        tus.process(new ChunkContentType(request), response, owner);
        if ("POST".equals(request.getMethod()) && response.getStatus() < 300) {
            recordings.uploadStarted();
        }
        String uploadUri = switch (request.getMethod()) {
            case "POST" -> location(response);
            case "PATCH" -> request.getRequestURI();
            default -> null;
        };
        if (uploadUri != null && response.getStatus() < 300) {
            UploadInfo info = tus.getUploadInfo(uploadUri, owner);
            if (info != null && !info.isUploadInProgress()) {
                finish(uploadUri, info, owner);
            }
        }
    }

    private boolean mayCreate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UploadMetadata metadata = UploadMetadata.parse(request.getHeader("Upload-Metadata"));
        Long discussionId = metadata.discussionId();
        if (discussionId == null) {
            return refuse(response, HttpServletResponse.SC_BAD_REQUEST,
                    "The upload does not say which discussion it belongs to.");
        }
        try {
            discussions.requireMayRecord(discussionId);
        } catch (AccessRefusedException e) {
            return refuse(response, HttpServletResponse.SC_FORBIDDEN, e.getMessage());
        }
        String length = request.getHeader("Upload-Length");
        if ("0".equals(length)) {
            return refuse(response, HttpServletResponse.SC_BAD_REQUEST, "The file is empty (0 bytes): nothing was"
                    + " recorded, or the copy saved nothing. Check the recording on your device and upload it again.");
        }
        long max = properties.maxUploadSize().toBytes();
        if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > max) {
            return refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The file is "
                    + Sizes.human(Long.parseLong(length)) + "; the largest recording Earmark accepts is "
                    + Sizes.human(max) + ".");
        }
        return true;
    }

    private void finish(String uploadUri, UploadInfo info, String owner) throws IOException, TusException {
        UploadMetadata metadata = UploadMetadata.parse(info.getEncodedMetadata());
        try {
            recordings.takeUpload(new Recordings.FinishedUpload(metadata.discussionId(), info.getId().toString(),
                    storage.dataFile(info), storage.sha256(info), info.getLength(), metadata.fileName()));
        } catch (DiscussionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        tus.deleteUpload(uploadUri, owner);
    }

    /**
     * tus requires exactly {@code application/offset+octet-stream} on a chunk; some clients and proxies
     * add a charset parameter, which means nothing for bytes. Accept it.
     */
    private static final class ChunkContentType extends jakarta.servlet.http.HttpServletRequestWrapper {

        private static final String CHUNK = "application/offset+octet-stream";

        ChunkContentType(HttpServletRequest request) {
            super(request);
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

    private static String location(HttpServletResponse response) {
        String location = response.getHeader("Location");
        return location == null ? null : URI.create(location).getPath();
    }

    private static boolean refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setHeader("Tus-Resumable", TusFileUploadService.TUS_API_VERSION);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
        return false;
    }
}
