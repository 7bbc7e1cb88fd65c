package app.earmark.review.web;

import app.earmark.base.web.ApiError;
import app.earmark.review.ReviewExports;
import app.earmark.review.ReviewExports.ReviewFile;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sheet version's QA review as JSON or PDF: {@code /exports/reviews/{sheetId}.json|.pdf} for the browser and
 * {@code /api/v1/sheets/{sheetId}/qa-review} (JSON) for integrations. The service checks access and audits.
 */
@RestController
class ReviewExportsController {

    private final ReviewExports exports;

    ReviewExportsController(ReviewExports exports) {
        this.exports = exports;
    }

    @GetMapping("/api/v1/sheets/{sheetId}/qa-review")
    ResponseEntity<byte[]> api(@PathVariable long sheetId) {
        return send(exports.json(sheetId), false);
    }

    @GetMapping("/exports/reviews/{sheetId}.{extension}")
    ResponseEntity<?> file(@PathVariable long sheetId, @PathVariable String extension) {
        return switch (extension) {
            case "json" -> send(exports.json(sheetId), true);
            case "pdf" -> send(exports.pdf(sheetId), true);
            default -> ResponseEntity.badRequest().body(new ApiError(400, "bad_request", "There is no QA review as ."
                    + extension + ": ask for " + sheetId + ".json or " + sheetId + ".pdf."));
        };
    }

    private static ResponseEntity<byte[]> send(ReviewFile file, boolean attachment) {
        return ResponseEntity.status(HttpStatus.OK).contentType(MediaType.parseMediaType(file.mediaType()))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, (attachment ? ContentDisposition.attachment()
                        : ContentDisposition.inline()).filename(file.fileName()).build().toString())
                .body(file.content());
    }
}
