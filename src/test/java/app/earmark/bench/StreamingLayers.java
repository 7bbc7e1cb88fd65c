package app.earmark.bench;

import app.earmark.recordings.MediaAccessDecisions;
import app.earmark.recordings.Recordings.Media;
import app.earmark.recordings.Recordings.MediaKind;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a Range request's time to first byte goes in Earmark, layer by layer: probe endpoints that exist only in the
 * benchmark's application context, each adding one layer of the media path to the one before, measured side by side
 * with nginx and the media endpoint itself, the order rotating request by request. The probes answer every request
 * (a few bytes, or Spring's Range handling of a resource); none of them is part of Earmark.
 */
@TestConfiguration(proxyBeanMethods = false)
class StreamingLayers {

    static final String SERVLET = "/probe/servlet";
    static final String MVC = "/probe/mvc";
    static final String MEDIA_MVC = "/media/probe/mvc";
    static final String MEDIA_ACCESS = "/media/probe/access/";
    static final String MEDIA_ZEROS = "/media/probe/zeros/";
    static final String MEDIA_FILE = "/media/probe/file/";
    private static final byte[] FEW = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String FEW_RANGE = "bytes 0-15/16";

    /** The probes under {@code /probe/} pass through no security filter chain at all. */
    @Bean
    WebSecurityCustomizer probesWithoutSecurity() {
        return web -> web.ignoring().requestMatchers("/probe/**");
    }

    /** Tomcat's floor: a plain servlet (no DispatcherServlet) answering 206 with a few bytes. */
    @Bean
    ServletRegistrationBean<HttpServlet> probeServlet() {
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setStatus(206);
                response.setContentType("application/octet-stream");
                response.setHeader(HttpHeaders.CONTENT_RANGE, FEW_RANGE);
                response.setContentLength(FEW.length);
                response.getOutputStream().write(FEW);
            }
        };
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, SERVLET);
        registration.setName("probeServlet");
        return registration;
    }

    /** The probe endpoints (registered as a member of this configuration). */
    @RestController
    static class Probes {

        private final MediaAccessDecisions access;

        Probes(MediaAccessDecisions access) {
            this.access = access;
        }

        /** Spring MVC's floor (no security under {@code /probe/}; the session's sign-in under {@code /media/}). */
        @GetMapping({MVC, MEDIA_MVC})
        ResponseEntity<byte[]> few() {
            return fewBytes();
        }

        /** And the access check (remembered as in the media endpoint). */
        @GetMapping(MEDIA_ACCESS + "{id}")
        ResponseEntity<byte[]> access(@PathVariable long id) {
            access.media(id, MediaKind.RENDITION, null).orElseThrow();
            return fewBytes();
        }

        /** And Spring's Range handling of a resource that is no file (1 GiB of zeros, made as read). */
        @GetMapping(MEDIA_ZEROS + "{id}")
        ResponseEntity<Resource> zeros(@PathVariable long id) throws IOException {
            Media media = access.media(id, MediaKind.RENDITION, null).orElseThrow();
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .body(new Zeros(media.resource().contentLength()));
        }

        /** And the file: the access check's resource, handed to Spring's Range handling as it is. */
        @GetMapping(MEDIA_FILE + "{id}")
        ResponseEntity<Resource> file(@PathVariable long id) {
            Media media = access.media(id, MediaKind.RENDITION, null).orElseThrow();
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(media.resource());
        }

        private static ResponseEntity<byte[]> fewBytes() {
            return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .header(HttpHeaders.CONTENT_RANGE, FEW_RANGE).body(FEW);
        }
    }

    /** A resource of {@code length} zero bytes, made as they are read. */
    static final class Zeros extends AbstractResource {

        private final long length;

        Zeros(long length) {
            this.length = length;
        }

        @Override
        public String getDescription() {
            return length + " zero bytes";
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public InputStream getInputStream() {
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    if (position >= length) {
                        return -1;
                    }
                    position++;
                    return 0;
                }

                @Override
                public int read(byte[] buffer, int offset, int count) {
                    if (position >= length) {
                        return -1;
                    }
                    int n = (int) Math.min(count, length - position);
                    java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
                    position += n;
                    return n;
                }

                @Override
                public long skip(long n) {
                    long skipped = Math.max(0, Math.min(n, length - position));
                    position += skipped;
                    return skipped;
                }
            };
        }
    }

    /** One rung of the ladder: what it adds, where it is asked, and what a right answer is. */
    record Rung(String name, String url, String cookie, int expectedStatus, boolean fullRange) {
    }

    /** The rungs, in the ladder's order. */
    static List<Rung> rungs(String base, String cookie, long recordingId, String nginxUrl) {
        return List.of(
                new Rung("nginx (the file)", nginxUrl, null, 206, true),
                new Rung("Tomcat: a plain servlet, a few bytes (no security chain)", base + SERVLET, null, 206,
                        false),
                new Rung("+ DispatcherServlet and a controller, a few bytes (no security chain)", base + MVC, null,
                        206, false),
                new Rung("+ the `/media/` security chain with the session", base + MEDIA_MVC, cookie, 206, false),
                new Rung("+ the access check (remembered)", base + MEDIA_ACCESS + recordingId, cookie, 206, false),
                new Rung("+ Spring's Range handling of a resource (1 GiB of zeros, no file)",
                        base + MEDIA_ZEROS + recordingId, cookie, 206, true),
                new Rung("+ the file (the access check's resource, as it is)", base + MEDIA_FILE + recordingId,
                        cookie, 206, true),
                new Rung("the media endpoint (`/media/recordings/{id}/rendition`)",
                        base + "/media/recordings/" + recordingId + "/rendition", cookie, 206, true),
                new Rung("for comparison: the media endpoint without a session (302 to the login page)",
                        base + "/media/recordings/" + recordingId + "/rendition", null, 302, false));
    }

    /** Measured time to first byte (ms) per rung, in the ladder's order, and the load average around the run. */
    record Measured(Map<String, List<Double>> firstBytes, int warmUp, int rounds, String loadBefore,
            String loadAfter) {
    }

    /**
     * Every rung asked the same random Range, one round after another, the order rotating round by round; the first
     * {@code warmUp} rounds not counted. Each rung has its own kept-alive HTTP/1.1 connection.
     */
    static Measured measure(List<Rung> rungs, int warmUp, int rounds, long size, SplittableRandom random)
            throws IOException, InterruptedException {
        String loadBefore = Bench.loadAverage();
        List<HttpClient> clients = new ArrayList<>();
        Map<String, List<Double>> firstBytes = new LinkedHashMap<>();
        for (Rung rung : rungs) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).build());
            firstBytes.put(rung.name(), new ArrayList<>());
        }
        for (int i = 0; i < warmUp + rounds; i++) {
            int length = StreamingBenchmark.MIN_RANGE + random.nextInt(StreamingBenchmark.MAX_RANGE
                    - StreamingBenchmark.MIN_RANGE + 1);
            long offset = random.nextLong(size - length + 1);
            for (int k = 0; k < rungs.size(); k++) {
                int r = (i + k) % rungs.size();
                double millis = ask(clients.get(r), rungs.get(r), offset, length);
                if (i >= warmUp) {
                    firstBytes.get(rungs.get(r).name()).add(millis);
                }
            }
        }
        return new Measured(firstBytes, warmUp, rounds, loadBefore, Bench.loadAverage());
    }

    private static double ask(HttpClient client, Rung rung, long offset, int length)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rung.url())).timeout(Duration.ofMinutes(1))
                .header("Range", "bytes=" + offset + "-" + (offset + length - 1));
        if (rung.cookie() != null) {
            request.header("Cookie", rung.cookie());
        }
        AtomicLong headersAt = new AtomicLong();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request.build(), info -> {
            headersAt.set(System.nanoTime());
            return HttpResponse.BodySubscribers.ofByteArray();
        });
        if (response.statusCode() != rung.expectedStatus()
                || rung.fullRange() && response.body().length != length) {
            throw new AssertionError(rung.name() + " answered bytes=" + offset + "-" + (offset + length - 1)
                    + " with " + response.statusCode() + " and " + response.body().length + " bytes");
        }
        return (headersAt.get() - started) / 1e6;
    }
}
