package app.earmark.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.Hashing;
import app.earmark.support.BrowserSession;
import app.earmark.support.EarmarkProcess;
import app.earmark.support.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server killed (SIGKILL) while a chunk of an upload is arriving: after a restart on the same data and media, the
 * offset it advertises is a safe point to resume from, the resumed upload is accepted at once, and the stored
 * original is exactly the source file. Earmark runs as a separate JVM on the test class path ({@link EarmarkProcess}).
 */
class ServerKilledMidUploadTest {

    private static final int FILE_BYTES = 24 * 1024 * 1024;
    private static final int SENT_BEFORE_KILL = 9 * 1024 * 1024;

    @Test
    void theAdvertisedOffsetAfterAKillIsASafeResumePoint() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "kill-test", UUID.randomUUID().toString()))
                .toAbsolutePath();
        Path media = root.resolve("media");
        Path seed = root.resolve("discussion-id");
        int port = Ports.free();
        byte[] file = new byte[FILE_BYTES];
        new Random(17).nextBytes(file);
        EarmarkProcess server = start(root, seed, port);
        String base = server.base();
        String uploadPath;
        try {
            awaitReady(server, seed);
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
            server.kill();
        }
        assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        EarmarkProcess restarted = start(root, seed, port);
        try {
            awaitReady(restarted, seed);
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
            restarted.stop();
        }
    }

    private static EarmarkProcess start(Path root, Path seed, int port) throws IOException {
        return EarmarkProcess.start(root, port, "--earmark.demo=true", "--earmark.test.seed-discussion=" + seed);
    }

    /** Ready, and the discussion it seeded named in {@code seed}. */
    private static void awaitReady(EarmarkProcess server, Path seed) throws Exception {
        server.awaitReady();
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Files.exists(seed)) {
            assertThat(Instant.now()).as("the seeded discussion").isBefore(deadline);
            Thread.sleep(100);
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
