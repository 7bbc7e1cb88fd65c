package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.Hashing;
import app.earmark.support.BrowserSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server killed (SIGKILL) while a chunk of an upload is arriving: after a restart on the same data and media, the
 * offset it advertises is a safe point to resume from, the resumed upload is accepted at once, and the stored
 * original is exactly the source file. Earmark runs as a separate JVM on the test class path.
 */
class ServerKilledMidUploadTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final int FILE_BYTES = 24 * 1024 * 1024;
    private static final int SENT_BEFORE_KILL = 9 * 1024 * 1024;

    @Test
    void theAdvertisedOffsetAfterAKillIsASafeResumePoint() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "kill-test", UUID.randomUUID().toString()))
                .toAbsolutePath();
        Path media = root.resolve("media");
        Path seed = root.resolve("discussion-id");
        byte[] file = new byte[FILE_BYTES];
        new Random(17).nextBytes(file);
        int port = freePort();
        String base = "http://localhost:" + port;

        Process server = start(root, media, seed, port);
        String uploadPath;
        try {
            awaitReady(server, base, root);
            long discussion = Long.parseLong(Files.readString(seed).trim());
            BrowserSession session = BrowserSession.signIn(base, "assessor", "demo");
            HttpResponse<String> created = session.client().send(session.request("/uploads")
                    .header("Tus-Resumable", "1.0.0").header("Upload-Length", String.valueOf(file.length))
                    .header("Upload-Metadata", "filename " + b64("killed.m4a") + ",discussion "
                            + b64(String.valueOf(discussion)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            uploadPath = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
            Path data = media.resolve("incoming/uploads").resolve(uploadPath.substring(uploadPath.lastIndexOf('/') + 1))
                    .resolve("data");

            // The whole file in one PATCH, of which only the first 9 MB ever leave: the server is killed meanwhile.
            CountDownLatch never = new CountDownLatch(1);
            session.client().sendAsync(session.request(uploadPath).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Offset", "0").header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers
                            .ofInputStream(() -> new StallingStream(file, SENT_BEFORE_KILL, never)), file.length))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Instant deadline = Instant.now().plusSeconds(60);
            while (!(Files.exists(data) && Files.size(data) >= SENT_BEFORE_KILL - 1024 * 1024)) {
                assertThat(Instant.now()).as("bytes reaching the server's disk").isBefore(deadline);
                Thread.sleep(50);
            }
        } finally {
            List<ProcessHandle> workers = server.descendants().toList();
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            workers.forEach(ProcessHandle::destroyForcibly);
        }
        assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        Process restarted = start(root, media, seed, port);
        try {
            awaitReady(restarted, base, root);
            BrowserSession session = BrowserSession.signIn(base, "assessor", "demo");
            HttpResponse<String> head = session.client().send(session.request(uploadPath)
                    .header("Tus-Resumable", "1.0.0").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(204);
            long offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
            assertThat(offset).as("what arrived before the kill is kept").isGreaterThan(0).isLessThan(file.length);

            HttpResponse<String> resumed = session.client().send(session.request(uploadPath)
                    .header("Tus-Resumable", "1.0.0").header("Upload-Offset", String.valueOf(offset))
                    .header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(file, (int) offset,
                            file.length - (int) offset)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resumed.statusCode()).as("the first resumed PATCH: " + resumed.body()).isEqualTo(204);

            String expected = Hashing.sha256Hex(file);
            long discussion = Long.parseLong(Files.readString(seed).trim());
            JsonNode recording = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/discussions/" + discussion)).header("Authorization", "Basic "
                            + Base64.getEncoder().encodeToString("assessor:demo".getBytes())).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("recordings").get(0);
            assertThat(recording.path("sha256").asText()).isEqualTo(expected);
            assertThat(recording.path("size").asLong()).isEqualTo(file.length);
            Path original = media.resolve("originals").resolve(expected.substring(0, 2))
                    .resolve(expected.substring(2, 4)).resolve(expected);
            assertThat(Hashing.sha256Hex(Files.readAllBytes(original))).as("the stored original").isEqualTo(expected);
        } finally {
            List<ProcessHandle> workers = restarted.descendants().toList();
            restarted.destroy();
            if (!restarted.waitFor(30, TimeUnit.SECONDS)) {
                restarted.destroyForcibly();
            }
            workers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Process start(Path root, Path media, Path seed, int port) throws IOException {
        List<String> command = List.of(ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "app.earmark.EarmarkApplication",
                "--server.port=" + port, "--earmark.data-dir=" + root.resolve("data"),
                "--earmark.media-store=" + media, "--earmark.demo=true",
                "--earmark.test.seed-discussion=" + seed, "--logging.file.name=" + root.resolve("server.log"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("console.log").toFile())).start();
    }

    private static void awaitReady(Process server, String base, Path root) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("the server runs (see %s)", root.resolve("console.log")).isTrue();
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && Files.exists(root.resolve("discussion-id"))) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Earmark did not start within " + START_TIMEOUT + "; see " + root);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The file's first bytes, then nothing more until the connection dies. */
    private static final class StallingStream extends InputStream {
        private final byte[] file;
        private final int limit;
        private final CountDownLatch never;
        private int position;

        StallingStream(byte[] file, int limit, CountDownLatch never) {
            this.file = file;
            this.limit = limit;
            this.never = never;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= limit) {
                try {
                    never.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("stalled on purpose");
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(file, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
