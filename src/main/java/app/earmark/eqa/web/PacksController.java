package app.earmark.eqa.web;

import app.earmark.eqa.EqaEvents.EvidencePackHandedOut;
import app.earmark.eqa.EqaEvents.EvidencePackPartSent;
import app.earmark.eqa.EvidencePacks;
import app.earmark.eqa.EvidencePacks.Pack;
import app.earmark.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands out evidence packs, streamed as they are built. Under {@code /eqa/} for the browser (session) and under
 * {@code /api/v1/eqa/} for integrations (API token or HTTP Basic). A single byte range is answered with 206 by
 * building the pack again (its bytes are the same for the same contents) and sending only that range; with
 * {@code If-Range}, only while the entity tag still matches. The pack's SHA-256 is computed over every byte as it is
 * made and audited once the last byte is sent.
 */
@RestController
class PacksController {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final EvidencePacks packs;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    PacksController(EvidencePacks packs, CurrentUser currentUser, ApplicationEventPublisher events) {
        this.packs = packs;
        this.currentUser = currentUser;
        this.events = events;
    }

    @GetMapping({"/eqa/grants/{grantId}/learners/{learnerId}/pack.zip",
            "/api/v1/eqa/grants/{grantId}/learners/{learnerId}/pack.zip"})
    void pack(@PathVariable long grantId, @PathVariable long learnerId, @RequestParam(required = false) Long unit,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pack pack = packs.plan(grantId, learnerId, unit);
        long length = pack.length();
        long from = 0;
        long to = length - 1;
        String range = request.getHeader(HttpHeaders.RANGE);
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        boolean partial = false;
        if (range != null && (ifRange == null || ifRange.equals(pack.etag()))) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, length - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(m.group(2)));
                }
                if (from >= length || from > to) {
                    response.setStatus(416);
                    response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("The requested range is not within this pack of " + length
                            + " bytes.");
                    return;
                }
                partial = true;
            }
        }
        response.setStatus(partial ? 206 : 200);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(pack.fileName()).build().toString());
        response.setHeader(HttpHeaders.ETAG, pack.etag());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store, private");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLengthLong(to - from + 1);
        if (partial) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + length);
        }
        String actor = currentUser.actorName();
        RangeOut out = new RangeOut(new BufferedOutputStream(response.getOutputStream(), 256 * 1024), from, to);
        try {
            pack.write(out);
            out.flush();
        } catch (RangeOut.Done done) {
            out.flush();
            events.publishEvent(new EvidencePackPartSent(actor, pack.subject(), pack.fileName(), from, to,
                    "the range asked for was sent"));
            return;
        } catch (IOException | RuntimeException e) {
            events.publishEvent(new EvidencePackPartSent(actor, pack.subject(), pack.fileName(), from,
                    Math.max(from, out.position - 1), "broken off (" + e.getClass().getSimpleName() + ")"));
            throw e;
        }
        events.publishEvent(new EvidencePackHandedOut(actor, pack.subject(), pack.fileName(), length, out.sha256(),
                from));
    }

    /**
     * Passes on only the bytes from {@code from} to {@code to} of what is written, while hashing all of it; stops the
     * writer once past {@code to} when that is before the end.
     */
    private static final class RangeOut extends OutputStream {

        /** Thrown to stop writing once the range is sent. */
        static final class Done extends RuntimeException {
            Done() {
                super(null, null, false, false);
            }
        }

        private final OutputStream sink;
        private final long from;
        private final long to;
        private final MessageDigest sha;
        long position;

        RangeOut(OutputStream sink, long from, long to) {
            this.sink = sink;
            this.from = from;
            this.to = to;
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (position > to) {
                throw new Done();
            }
            sha.update(b, off, len);
            long end = position + len;
            long start = Math.max(position, from);
            long stop = Math.min(end, to + 1);
            if (start < stop) {
                sink.write(b, (int) (off + start - position), (int) (stop - start));
            }
            position = end;
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(app.earmark.eqa.GrantException.class)
    org.springframework.http.ResponseEntity<app.earmark.base.web.ApiError> refused(app.earmark.eqa.GrantException e) {
        return org.springframework.http.ResponseEntity.badRequest()
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(new app.earmark.base.web.ApiError(400, "bad_request", e.getMessage()));
    }
}
