package app.earmark.sheets.web;

import app.earmark.base.Hashing;
import app.earmark.base.web.ApiError;
import app.earmark.recordings.ChapteredCopies;
import app.earmark.security.CurrentUser;
import app.earmark.sheets.AcMapFormat;
import app.earmark.sheets.Evidence;
import app.earmark.sheets.EvidenceEvents.ExportOpened;
import app.earmark.sheets.EvidenceView;
import app.earmark.sheets.Export;
import app.earmark.sheets.ExportException;
import app.earmark.sheets.SheetExports;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outputs of the evidence record: a discussion's AC map (JSON, WebVTT chapters, CSV), a result sheet as PDF, and
 * attached evidence files. Served under {@code /api/v1/} for integrations (HTTP Basic) and under {@code /exports/}
 * for the browser (session), where the format is the file's extension so that links and the player's chapters track
 * can name the file. Every request is authorised by the services, exactly as the UI.
 */
@RestController
class ExportsController {

    private final SheetExports exports;
    private final Evidence evidence;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    ExportsController(SheetExports exports, Evidence evidence, CurrentUser currentUser,
            ApplicationEventPublisher events) {
        this.exports = exports;
        this.evidence = evidence;
        this.currentUser = currentUser;
        this.events = events;
    }

    /** The format by {@code ?format=}, else by {@code Accept}; JSON when neither says. */
    @GetMapping("/api/v1/discussions/{id}/ac-map")
    ResponseEntity<byte[]> acMap(@PathVariable long id, @RequestParam(required = false) String format,
            @RequestParam(required = false) Long recording,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return file("discussion:" + id, exports.acMap(id, recording, Negotiation.choose(format, accept)), false);
    }

    @GetMapping("/exports/discussions/{id}/ac-map.{extension}")
    ResponseEntity<byte[]> acMapFile(@PathVariable long id, @PathVariable String extension,
            @RequestParam(required = false) Long recording) {
        AcMapFormat format = AcMapFormat.byExtension(extension).orElseThrow(() -> new UnknownFormat(
                HttpStatus.BAD_REQUEST, "There is no AC map as ." + extension + ": ask for ac-map.json, ac-map.vtt or"
                        + " ac-map.csv."));
        return file("discussion:" + id, exports.acMap(id, recording, format), false);
    }

    /**
     * The recording with the AC map as embedded chapters: made (or found) and then fetched from the media path, where
     * Range requests work as for the rendition. Reading attaches nothing to the evidence record (an assessor does that
     * explicitly, {@link Evidence#attachChapteredCopy}).
     */
    @GetMapping({"/api/v1/discussions/{id}/chaptered", "/exports/discussions/{id}/chaptered"})
    ResponseEntity<Void> chaptered(@PathVariable long id, @RequestParam(required = false) Long recording,
            HttpServletRequest request) {
        ChapteredCopies.ChapteredCopy copy = exports.chapteredCopy(id, recording);
        String path = ChapteredCopies.url(copy.recordingId(), copy.sha256(), request.getRequestURI().startsWith("/api/"));
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(path)).build();
    }

    @GetMapping({"/api/v1/sheets/{id}/pdf", "/exports/sheets/{id}.pdf"})
    ResponseEntity<byte[]> sheetPdf(@PathVariable long id) {
        return file("sheet:" + id, exports.sheetPdf(id), false);
    }

    @GetMapping("/api/v1/discussions/{id}/evidence")
    List<EvidenceView> discussionEvidence(@PathVariable long id) {
        return evidence.forDiscussion(id);
    }

    @GetMapping("/api/v1/sheets/{id}/evidence")
    List<EvidenceView> sheetEvidence(@PathVariable long id) {
        return evidence.forSheet(id);
    }

    /** The attached file; a recording copy by a redirect to the media path that streams it. */
    @GetMapping({"/api/v1/evidence/{id}", "/exports/evidence/{id}"})
    ResponseEntity<?> evidenceFile(@PathVariable long id, HttpServletRequest request) {
        EvidenceView view = evidence.get(id);
        return view.mediaPath(false).isPresent() ? seeOther(view, request)
                : file("evidence:" + id, evidence.open(id), true);
    }

    private static ResponseEntity<Void> seeOther(EvidenceView copy, HttpServletRequest request) {
        String path = copy.mediaPath(request.getRequestURI().startsWith("/api/")).orElseThrow();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(path)).build();
    }

    /**
     * Personal data: kept out of shared caches and never stored by the browser; opened inline unless a download.
     * Audited with the SHA-256 of exactly what was handed out.
     */
    private ResponseEntity<byte[]> file(String subject, Export export, boolean download) {
        events.publishEvent(new ExportOpened(currentUser.actorName(), subject, export.fileName(),
                Hashing.sha256Hex(export.content()), export.content().length));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (download ? ContentDisposition.attachment()
                        : ContentDisposition.inline()).filename(export.fileName()).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(export.content());
    }

    @ExceptionHandler(UnknownFormat.class)
    ResponseEntity<ApiError> unknownFormat(UnknownFormat e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(ExportException.class)
    ResponseEntity<ApiError> refused(ExportException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** JSON whatever the request accepted: the content type is set here, so that an error can always be read. */
    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        String code = switch (status) {
            case NOT_ACCEPTABLE -> "not_acceptable";
            case NOT_FOUND -> "not_found";
            default -> "bad_request";
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), code, message));
    }
}
