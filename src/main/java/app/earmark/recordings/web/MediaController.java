package app.earmark.recordings.web;

import app.earmark.recordings.ChapteredCopies;
import app.earmark.recordings.Recordings;
import app.earmark.recordings.Recordings.Media;
import app.earmark.recordings.Recordings.MediaKind;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Streams a recording's media: the playable rendition (HTTP Range requests answered with 206 by
 * Spring's resource handling), the poster, the waveform peaks, and copies with chapters made before
 * (by their SHA-256, as downloads). Every request checks that the signed-in person may see the
 * discussion. Served under {@code /media/} for the browser (session) and under {@code /api/v1/} for
 * integrations (HTTP Basic). No storage path ever appears.
 */
@RestController
class MediaController {

    private final Recordings recordings;
    private final ChapteredCopies copies;

    MediaController(Recordings recordings, ChapteredCopies copies) {
        this.recordings = recordings;
        this.copies = copies;
    }

    @GetMapping({"/media/recordings/{id}/rendition", "/api/v1/recordings/{id}/rendition"})
    ResponseEntity<Resource> rendition(@PathVariable long id, ServletWebRequest request) throws IOException {
        return respond(recordings.media(id, MediaKind.RENDITION, null), request);
    }

    @GetMapping({"/media/recordings/{id}/poster", "/api/v1/recordings/{id}/poster"})
    ResponseEntity<Resource> poster(@PathVariable long id, ServletWebRequest request) throws IOException {
        return respond(recordings.media(id, MediaKind.POSTER, null), request);
    }

    @GetMapping({"/media/recordings/{id}/peaks/{samplesPerPixel}", "/api/v1/recordings/{id}/peaks/{samplesPerPixel}"})
    ResponseEntity<Resource> peaks(@PathVariable long id, @PathVariable int samplesPerPixel,
            ServletWebRequest request) throws IOException {
        return respond(recordings.media(id, MediaKind.PEAKS, samplesPerPixel), request);
    }

    /** A copy with chapters made before ({@link ChapteredCopies}), by its SHA-256, as a download. */
    @GetMapping({"/media/recordings/{id}/chaptered/{sha256}", "/api/v1/recordings/{id}/chaptered/{sha256}"})
    ResponseEntity<Resource> chaptered(@PathVariable long id, @PathVariable String sha256, ServletWebRequest request)
            throws IOException {
        Optional<ChapteredCopies.Download> found = copies.download(id, sha256);
        ResponseEntity<Resource> response = respond(found.map(d -> new Media(d.resource(), d.mediaType(), d.etag())),
                request);
        if (response == null || found.isEmpty()) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(found.get().fileName()))
                .body(response.getBody());
    }

    private static String attachment(String fileName) {
        var disposition = ContentDisposition.attachment();
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(fileName);
        return (ascii ? disposition.filename(fileName) : disposition.filename(fileName, StandardCharsets.UTF_8))
                .build().toString();
    }

    private static ResponseEntity<Resource> respond(Optional<Media> found, ServletWebRequest request)
            throws IOException {
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        Media media = found.get();
        long lastModified = media.resource().lastModified();
        if (request.checkNotModified(media.etag(), lastModified)) {
            return null;
        }
        String range = request.getHeader(HttpHeaders.RANGE);
        if (range != null && !satisfiable(range, media.resource())) {
            return unsatisfiable(media.resource().contentLength());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(media.mimeType()))
                .eTag(media.etag())
                .lastModified(lastModified)
                .cacheControl(CacheControl.noStore())
                .header("Accept-Ranges", "bytes")
                .body(media.resource());
    }

    /** Whether Spring's range handling can answer {@code range} from the resource (it throws on what it cannot). */
    private static boolean satisfiable(String range, Resource resource) {
        try {
            HttpRange.toResourceRegions(HttpRange.parseRanges(range), resource);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * 416 with the length in {@code Content-Range} and a short message as the body: never the file (Spring, left to
     * itself, sets 416 and then writes the whole resource).
     */
    private static ResponseEntity<Resource> unsatisfiable(long length) {
        byte[] message = ("The requested range is not within this file of " + length + " bytes.")
                .getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .header(HttpHeaders.CONTENT_RANGE, "bytes */" + length)
                .contentType(MediaType.TEXT_PLAIN)
                .cacheControl(CacheControl.noStore())
                .body(new ByteArrayResource(message));
    }
}
