package app.earmark.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Earmark as a separate JVM on the test class path (the unit tests run before the jar is built), on a free port, on
 * its embedded defaults (the H2 file database) in a folder of its own, with its output in {@code console.log} and its
 * log in {@code server.log} there. The test owns the process: {@link #kill()} is {@code kill -9} (of the JVM and the
 * worker processes it started), {@link #stop()} is {@code SIGTERM} as a service manager sends it.
 */
public final class EarmarkProcess {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path root;
    private final int port;
    private final Process process;

    private EarmarkProcess(Path root, int port, Process process) {
        this.root = root;
        this.port = port;
        this.process = process;
    }

    /** Starts Earmark with its data, media store and audit files under {@code root}, and {@code settings} more. */
    public static EarmarkProcess start(Path root, int port, String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "app.earmark.EarmarkApplication",
                "--server.port=" + port, "--earmark.data-dir=" + root.resolve("data"),
                "--earmark.media-store=" + root.resolve("media"),
                "--earmark.audit.key-file=" + root.resolve("audit").resolve("audit-signing-key.pem"),
                "--earmark.audit.checkpoint-file=" + checkpoints(root),
                "--logging.file.name=" + root.resolve("server.log")));
        command.addAll(List.of(settings));
        Files.createDirectories(root);
        return new EarmarkProcess(root, port, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("console.log").toFile())).start());
    }

    /**
     * Starts Earmark with its demo data (assessor/demo and the rest) on a free port, in a new folder under
     * {@code target/{tests}}.
     */
    public static EarmarkProcess startDemo(String tests) throws IOException {
        return start(Path.of("target", tests, UUID.randomUUID().toString()).toAbsolutePath(), Ports.free(),
                "--earmark.demo=true");
    }

    /** The audit checkpoint file of an Earmark started under {@code root}. */
    public static Path checkpoints(Path root) {
        return root.resolve("audit").resolve("checkpoints.jsonl");
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public Path root() {
        return root;
    }

    /** Waits until it answers ready ({@code /actuator/health/readiness}: migrated and set up). */
    public void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the server runs (see %s)", root.resolve("console.log")).isTrue();
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Earmark did not start within " + START_TIMEOUT + "; see " + root);
    }

    /** {@code kill -9}, as a machine dying: nothing of Earmark's runs after it. Waits until it is gone. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        workers.forEach(ProcessHandle::destroyForcibly);
    }

    /** {@code SIGTERM}; true if it ended within a minute (it is then killed). */
    public boolean stop() throws InterruptedException {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        boolean stopped = process.waitFor(60, TimeUnit.SECONDS);
        if (!stopped) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        workers.forEach(ProcessHandle::destroyForcibly);
        return stopped;
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Its log so far. */
    public String log() throws IOException {
        Path log = root.resolve("server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The one value a query of its embedded database answers (after it has stopped), as a number. */
    public long number(String query) throws java.sql.SQLException {
        try (java.sql.Connection db = database();
                java.sql.ResultSet rows = db.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Reads its embedded database (after it has stopped) with H2's own driver. */
    private java.sql.Connection database() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:h2:file:" + root.resolve("data").resolve("earmark")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE", "sa", "");
    }
}
