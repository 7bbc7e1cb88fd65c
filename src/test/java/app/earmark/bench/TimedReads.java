package app.earmark.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timed HTTP/1.1 reads of the benchmark file from one server, each answer checked against the file: a wrong status,
 * header, length or byte fails the benchmark. Connections are kept alive and reused, as a browser's are.
 */
final class TimedReads {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** One Range request: time to the response headers, and to the last byte. */
    record RangeTiming(double firstByteMillis, double totalMillis) {
    }

    /** One whole-file read. */
    record SequentialTiming(double seconds, long bytes) {

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private final String name;
    private final String url;
    private final String cookie;
    private final BigFile file;
    private final HttpClient client;

    /** @param cookie the session cookie to send, or {@code null} */
    TimedReads(String name, String url, String cookie, BigFile file) {
        this(name, url, cookie, file, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private TimedReads(String name, String url, String cookie, BigFile file, HttpClient client) {
        this.name = name;
        this.url = url;
        this.cookie = cookie;
        this.file = file;
        this.client = client;
    }

    RangeTiming range(long offset, int length) throws IOException, InterruptedException {
        long last = offset + length - 1;
        HttpRequest request = request().header("Range", "bytes=" + offset + "-" + last).build();
        AtomicLong headersAt = new AtomicLong();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, info -> {
            headersAt.set(System.nanoTime());
            return HttpResponse.BodySubscribers.ofByteArray();
        });
        long ended = System.nanoTime();
        String expectedRange = "bytes " + offset + "-" + last + "/" + file.size();
        String contentRange = response.headers().firstValue("Content-Range").orElse(null);
        if (response.statusCode() != 206 || !expectedRange.equals(contentRange)) {
            throw new AssertionError(name + " answered bytes=" + offset + "-" + last + " with "
                    + response.statusCode() + " and Content-Range " + contentRange + ", not 206 and " + expectedRange);
        }
        if (!Arrays.equals(response.body(), file.read(offset, length))) {
            throw new AssertionError(name + " sent wrong bytes for bytes=" + offset + "-" + last + " ("
                    + response.body().length + " bytes received)");
        }
        return new RangeTiming((headersAt.get() - started) / 1e6, (ended - started) / 1e6);
    }

    /**
     * A Range request that the server must refuse with a redirect to the login page (no session): how long the
     * server takes to say no, for comparison with {@link #range}.
     */
    RangeTiming refusal(long offset, int length) throws IOException, InterruptedException {
        HttpRequest request = request().header("Range", "bytes=" + offset + "-" + (offset + length - 1)).build();
        AtomicLong headersAt = new AtomicLong();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, info -> {
            headersAt.set(System.nanoTime());
            return HttpResponse.BodySubscribers.ofByteArray();
        });
        long ended = System.nanoTime();
        if (response.statusCode() != 302 || !response.headers().firstValue("Location").orElse("").endsWith("/login")) {
            throw new AssertionError(name + " answered a request without a session with " + response.statusCode()
                    + " " + response.headers().firstValue("Location").orElse("") + ", not a redirect to /login");
        }
        return new RangeTiming((headersAt.get() - started) / 1e6, (ended - started) / 1e6);
    }

    /**
     * Reads the whole file, counting and hashing the bytes as they arrive and keeping none. The bytes are hashed in
     * the client's own buffers as they are delivered, without copying them into a stream.
     */
    SequentialTiming whole() throws IOException, InterruptedException {
        Hashing hashing = new Hashing();
        long started = System.nanoTime();
        HttpResponse<Void> response = client.send(request().build(),
                info -> HttpResponse.BodySubscribers.fromSubscriber(hashing));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (hashing.failure != null) {
            throw new IOException(name + " broke off the whole-file read", hashing.failure);
        }
        String sha = HexFormat.of().formatHex(hashing.digest.digest());
        if (response.statusCode() != 200 || hashing.bytes != file.size() || !sha.equals(file.sha256())) {
            throw new AssertionError(name + " answered the whole-file read with " + response.statusCode() + ", "
                    + hashing.bytes + " bytes, SHA-256 " + sha + "; expected 200, " + file.size() + " bytes, "
                    + file.sha256());
        }
        return new SequentialTiming(seconds, hashing.bytes);
    }

    /** Counts and hashes a response body as it arrives. */
    private static final class Hashing implements Flow.Subscriber<List<ByteBuffer>> {

        private final MessageDigest digest = BigFile.newDigest();
        private long bytes;
        private Throwable failure;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                bytes += buffer.remaining();
                digest.update(buffer);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
        }

        @Override
        public void onComplete() {
            // The response future completes after this.
        }
    }

    /**
     * Where the server redirects a request (a 307 with a {@code Location}), asked with the session cookie: the
     * presigned URL Earmark hands a browser when it streams by redirect.
     */
    String redirectLocation() throws IOException, InterruptedException {
        HttpResponse<Void> response = client.send(request().header("Range", "bytes=0-0").build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 307) {
            throw new AssertionError(name + " answered " + response.statusCode() + ", not a 307 redirect");
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /**
     * A Range request answered by a redirect, followed as a browser does (a new request with the same Range to the
     * location, without the cookie): time to first byte is from sending the first request to having the second's
     * headers.
     */
    RangeTiming rangeRedirected(long offset, int length) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<Void> redirect = client.send(request().header("Range", "bytes=" + offset + "-"
                + (offset + length - 1)).build(), HttpResponse.BodyHandlers.discarding());
        if (redirect.statusCode() != 307) {
            throw new AssertionError(name + " answered " + redirect.statusCode() + ", not a 307 redirect");
        }
        TimedReads store = new TimedReads(name + " (redirected)", redirect.headers().firstValue("Location")
                .orElseThrow(), null, file, client);
        RangeTiming second = store.range(offset, length);
        double before = (System.nanoTime() - started) / 1e6 - second.totalMillis();
        return new RangeTiming(before + second.firstByteMillis(), before + second.totalMillis());
    }

    /** The whole file through a redirect, followed; timed from the first request. */
    SequentialTiming wholeRedirected() throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<Void> redirect = client.send(request().build(), HttpResponse.BodyHandlers.discarding());
        if (redirect.statusCode() != 307) {
            throw new AssertionError(name + " answered " + redirect.statusCode() + ", not a 307 redirect");
        }
        SequentialTiming read = new TimedReads(name + " (redirected)", redirect.headers().firstValue("Location")
                .orElseThrow(), null, file, client).whole();
        return new SequentialTiming((System.nanoTime() - started) / 1e9, read.bytes());
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        return builder;
    }
}
