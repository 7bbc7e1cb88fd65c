package app.earmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.BrowserSession;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Earmark stopped as a service manager stops it (SIGTERM), on its embedded defaults (the H2 file database): its last
 * act is to sign the audit trail up to its newest entry, and the database is still there for that. Earmark runs as a
 * separate JVM on the test class path; the database is read afterwards with H2's own driver.
 */
class CheckpointAtShutdownTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void stoppingSignsTheTrailUpToItsNewestEntry() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "shutdown-test", UUID.randomUUID().toString()))
                .toAbsolutePath();
        Path checkpoints = root.resolve("audit").resolve("checkpoints.jsonl");
        int port = freePort();
        String base = "http://localhost:" + port;
        Process server = new ProcessBuilder(ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "app.earmark.EarmarkApplication",
                "--server.port=" + port, "--earmark.data-dir=" + root.resolve("data"),
                "--earmark.media-store=" + root.resolve("media"), "--earmark.demo=true",
                "--earmark.audit.key-file=" + root.resolve("audit").resolve("audit-signing-key.pem"),
                "--earmark.audit.checkpoint-file=" + checkpoints, "--logging.file.name=" + root.resolve("server.log"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        root.resolve("console.log").toFile())).start();
        try {
            awaitReady(server, base, root);
            // An entry of its own (signed-in), after whatever start-up wrote.
            BrowserSession.signIn(base, "assessor", "demo");
        } finally {
            List<ProcessHandle> workers = server.descendants().toList();
            server.destroy();
            boolean stopped = server.waitFor(60, TimeUnit.SECONDS);
            if (!stopped) {
                server.destroyForcibly();
            }
            workers.forEach(ProcessHandle::destroyForcibly);
            assertThat(stopped).as("stopped within a minute of SIGTERM").isTrue();
        }

        long newest;
        String url = "jdbc:h2:file:" + root.resolve("data").resolve("earmark")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE";
        try (Connection db = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = db.createStatement().executeQuery("select max(seq) from audit_entry")) {
            rows.next();
            newest = rows.getLong(1);
        }
        assertThat(newest).isPositive();
        assertThat(Files.readString(root.resolve("server.log"))).doesNotContain("Could not write an audit checkpoint");
        assertThat(checkpoints).exists();
        List<String> lines = Files.readAllLines(checkpoints);
        assertThat(lines).last().asString().as("the last checkpoint signs the newest entry")
                .contains("\"seq\":" + newest + ",");
    }

    private static void awaitReady(Process server, String base, Path root) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("the server runs (see %s)", root.resolve("console.log")).isTrue();
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
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
}
