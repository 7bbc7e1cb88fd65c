package app.earmark.recordings.web;

import app.earmark.recordings.ChapteredCopies;
import app.earmark.recordings.MediaAccessDecisions;
import app.earmark.recordings.Recordings.Media;
import app.earmark.recordings.Recordings.MediaKind;
import app.earmark.recordings.media.DirectLink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import app.earmark.security.AccessRefusedException;
import org.springframework.beans.factory.annotation.Value;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;
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
 * discussion ({@link MediaAccessDecisions}, which remembers a "yes" for a few seconds). Served under {@code /media/}
 * for the browser (session) and under {@code /api/v1/} for integrations (HTTP Basic). No storage path ever appears.
 * Range requests are timed as {@code earmark.media.range} (tagged by store and outcome): from the request reaching
 * this controller to the answer being handed to Spring to write, i.e. the access check and finding the file.
 */
@RestController
class MediaController {

    static final String RANGE_TIMER = "earmark.media.range";

    private final MediaAccessDecisions access;
    private final ChapteredCopies copies;
    private final MeterRegistry meters;
    private final String storeTag;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    MediaController(MediaAccessDecisions access, ChapteredCopies copies, MeterRegistry meters,
            @Value("${earmark.media-store-type:local}") String storeType) {
        this.access = access;
        this.copies = copies;
        this.meters = meters;
        this.storeTag = storeType;
    }

    @GetMapping({"/media/recordings/{id}/rendition", "/api/v1/recordings/{id}/rendition"})
    ResponseEntity<Resource> rendition(@PathVariable long id, ServletWebRequest request) throws IOException {
        return timed(request, () -> respond(access.media(id, MediaKind.RENDITION, null), request));
    }

    @GetMapping({"/media/recordings/{id}/poster", "/api/v1/recordings/{id}/poster"})
    ResponseEntity<Resource> poster(@PathVariable long id, ServletWebRequest request) throws IOException {
        return timed(request, () -> respond(access.media(id, MediaKind.POSTER, null), request));
    }

    @GetMapping({"/media/recordings/{id}/peaks/{samplesPerPixel}", "/api/v1/recordings/{id}/peaks/{samplesPerPixel}"})
    ResponseEntity<Resource> peaks(@PathVariable long id, @PathVariable int samplesPerPixel,
            ServletWebRequest request) throws IOException {
        return timed(request, () -> respond(access.media(id, MediaKind.PEAKS, samplesPerPixel), request));
    }

    private interface Answer {
        ResponseEntity<Resource> get() throws IOException;
    }

    /** The answer, timed as {@link #RANGE_TIMER} when the request asks for a range. */
    private ResponseEntity<Resource> timed(ServletWebRequest request, Answer answer) throws IOException {
        if (request.getHeader(HttpHeaders.RANGE) == null) {
            return answer.get();
        }
        long started = System.nanoTime();
        String outcome = "error";
        try {
            ResponseEntity<Resource> response = answer.get();
            outcome = response == null ? "not-modified" : switch (response.getStatusCode().value()) {
                case 200, 206 -> "served";
                case 307 -> "redirected";
                case 404 -> "not-found";
                case 416 -> "unsatisfiable";
                default -> "other";
            };
            return response;
        } catch (AccessRefusedException e) {
            outcome = "refused";
            throw e;
        } finally {
            // Anything else thrown (the store unreachable, a bug) stays "error".
            timers.computeIfAbsent(outcome, this::rangeTimer).record(System.nanoTime() - started,
                    TimeUnit.NANOSECONDS);
        }
    }

    private Timer rangeTimer(String outcome) {
        return Timer.builder(RANGE_TIMER).description("Range requests for recordings' media: access check and finding"
                + " the file, until the answer is handed over to be written")
                .tags("store", storeTag, "outcome", outcome).register(meters);
    }

    /** A copy with chapters made before ({@link ChapteredCopies}), by its SHA-256, as a download. */
    @GetMapping({"/media/recordings/{id}/chaptered/{sha256}", "/api/v1/recordings/{id}/chaptered/{sha256}"})
    ResponseEntity<Resource> chaptered(@PathVariable long id, @PathVariable String sha256, ServletWebRequest request)
            throws IOException {
        Optional<ChapteredCopies.Download> found = copies.download(id, sha256);
        ResponseEntity<Resource> response = respond(found.map(d -> new Media(d.resource(), d.mediaType(), d.etag())),
                request, found.map(d -> attachment(d.fileName())).orElse(null));
        if (response != null && response.getStatusCode() == HttpStatus.TEMPORARY_REDIRECT) {
            return response;
        }
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
        return respond(found, request, null);
    }

    /**
     * The media, or (an object store set to redirect) a 307 to a short-lived presigned URL on the store: only ever
     * after the access check, which {@code found} has passed.
     */
    private static ResponseEntity<Resource> respond(Optional<Media> found, ServletWebRequest request,
            String contentDisposition) throws IOException {
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        Media media = found.get();
        if (media.resource() instanceof DirectLink link) {
            Optional<URI> direct = link.directUri(media.mimeType(), contentDisposition);
            if (direct.isPresent()) {
                return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT).location(direct.get())
                        .cacheControl(CacheControl.noStore()).build();
            }
        }
        long lastModified = media.resource().lastModified();
        // Only a conditional request can be answered 304 (asked only then: it costs formatting both validators).
        if ((request.getHeader(HttpHeaders.IF_NONE_MATCH) != null
                || request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) != null)
                && request.checkNotModified(media.etag(), lastModified)) {
            return null;
        }
        String range = request.getHeader(HttpHeaders.RANGE);
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (range != null && ifRange != null && !ifRangeMatches(ifRange, media.etag(), lastModified)) {
            // The client's copy is another version: the whole file, 200, as RFC 9110 asks. Spring answers a Range on
            // every Resource body except an InputStreamResource: the one place one is right, as no range is wanted.
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(media.mimeType()))
                    .contentLength(media.resource().contentLength())
                    .eTag(media.etag())
                    .lastModified(lastModified)
                    .cacheControl(CacheControl.noStore())
                    .header("Accept-Ranges", "bytes")
                    .body(new InputStreamResource(media.resource().getInputStream()));
        }
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

    /**
     * Whether an If-Range names the version being served: its strong entity tag, or exactly its Last-Modified date (a
     * weak tag or anything unreadable never matches, so the client gets the whole file).
     */
    static boolean ifRangeMatches(String ifRange, String etag, long lastModified) {
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag);
        }
        try {
            long date = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant().toEpochMilli();
            return lastModified > 0 && date / 1000 == lastModified / 1000;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
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
