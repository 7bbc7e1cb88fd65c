package app.earmark.support;

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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Elasticsearch server for the tests: the integ-test distribution from Maven Central (unpacked into
 * {@code target/elasticsearch} by maven-dependency-plugin; its folder in the system property
 * {@code earmark.elasticsearch.home}), started once per test run on free loopback ports with a fresh data folder,
 * and stopped (SIGTERM, then killed) when the run ends. Elasticsearch refuses to run as root: under root it runs as
 * the unprivileged system user {@value #USER}, created if missing, which is given a copy of the distribution.
 * Nothing phones home: the distribution has no GeoIP downloader (no ingest-geoip module), APM telemetry is off,
 * and the server listens on 127.0.0.1 only. If the server cannot start the tests fail with the reason; they are
 * never skipped. {@link #stop()} and {@link #restart()} take it down and bring it back on the same data and ports
 * (an outage test).
 */
public final class ElasticsearchServer implements BeforeAllCallback {

    public static final String USER = "earmark-search";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static Running running;

    /** The server's Java heap ({@code -Xms} and {@code -Xmx}). */
    private final String heap;

    /** With a 512 MB heap, enough for the contract tests ({@code @ExtendWith(ElasticsearchServer.class)}). */
    public ElasticsearchServer() {
        this("512m");
    }

    private ElasticsearchServer(String heap) {
        if (!heap.matches("\\d+[mg]")) {
            throw new IllegalArgumentException("A heap size like 512m or 2g, not " + heap);
        }
        this.heap = heap;
    }

    /**
     * With a larger heap, e.g. {@code 2g} for the search benchmark's index of over a million documents
     * ({@code @RegisterExtension static ElasticsearchServer server = ElasticsearchServer.withHeap("2g")}); the heap
     * of whichever class starts the server first in a test run is kept.
     */
    public static ElasticsearchServer withHeap(String heap) {
        return new ElasticsearchServer(heap);
    }

    /** The running server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public static URI url() {
        if (running == null) {
            throw new IllegalStateException("ElasticsearchServer is not started: extend the test class with it");
        }
        return running.url;
    }

    /**
     * Stops the running server as an operator would (SIGTERM), keeping its data folder and ports, so a test can see
     * Earmark through an outage. {@link #restart()} brings it back.
     */
    public static void stop() throws InterruptedException {
        synchronized (ElasticsearchServer.class) {
            if (running == null) {
                throw new IllegalStateException("ElasticsearchServer is not started");
            }
            running.stopProcess();
        }
    }

    /** Starts the stopped server again on the same data folder and ports, and waits until it is healthy. */
    public static void restart() throws IOException, InterruptedException {
        synchronized (ElasticsearchServer.class) {
            if (running == null) {
                throw new IllegalStateException("ElasticsearchServer is not started");
            }
            running.launch();
            try {
                awaitHealthy(running);
            } catch (RuntimeException | IOException | InterruptedException e) {
                throw new IllegalStateException("Elasticsearch did not start again (" + e.getMessage()
                        + "); its output:\n" + tail(Files.readString(running.log), 4000), e);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (ElasticsearchServer.class) {
            if (running == null) {
                running = start(heap);
                // Closed when the whole test run ends, after every class that uses it.
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(ElasticsearchServer.class.getName(), running);
            }
        }
    }

    /** Owns the server process: its output goes to a log file (never a pipe that could fill), stopped on close. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        private final ProcessBuilder builder;
        private volatile Process process;
        private final URI url;
        private final Path work;
        private final Path log;

        Running(ProcessBuilder builder, URI url, Path work, Path log) {
            this.builder = builder;
            this.url = url;
            this.work = work;
            this.log = log;
        }

        /** Starts the server process (again), its output appended to the log. */
        void launch() throws IOException {
            if (process != null && process.isAlive()) {
                throw new IllegalStateException("Elasticsearch is already running");
            }
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
        }

        void stopProcess() throws InterruptedException {
            Process current = process;
            if (current == null || !current.isAlive()) {
                return;
            }
            current.destroy();
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                current.descendants().forEach(ProcessHandle::destroyForcibly);
                current.destroyForcibly();
                current.waitFor(10, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            synchronized (ElasticsearchServer.class) {
                running = null;
            }
            stopProcess();
            delete(work);
        }
    }

    private static Running start(String heap) throws IOException, InterruptedException {
        Path distribution = distribution();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path work = Files.createTempDirectory(root ? Path.of("/tmp") : Path.of("target").toAbsolutePath(),
                "earmark-elasticsearch-");
        Path home = distribution;
        if (root) {
            ensureUser();
            // A copy the unprivileged user owns, in a folder it can reach (the checkout may be under /root).
            home = work.resolve("home");
            run(List.of("cp", "-a", distribution.toString(), home.toString()));
            run(List.of("chown", "-R", USER + ":", work.toString()));
            run(List.of("chmod", "755", work.toString()));
        }
        Path data = Files.createDirectories(work.resolve("data"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        if (root) {
            run(List.of("chown", "-R", USER + ":", data.toString(), logs.toString(), tmp.toString()));
        }
        int httpPort = Ports.free();
        int transportPort = Ports.free();
        var command = new ArrayList<String>();
        if (root) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.addAll(List.of(home.resolve("bin/elasticsearch").toString(),
                "-Ediscovery.type=single-node", "-Expack.security.enabled=false",
                "-Enetwork.host=127.0.0.1", "-Ehttp.port=" + httpPort, "-Etransport.port=" + transportPort,
                "-Epath.data=" + data, "-Epath.logs=" + logs,
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Etelemetry.metrics.enabled=false", "-Etelemetry.tracing.enabled=false",
                "-Ecluster.name=earmark-test"));
        Path log = work.resolve("console.log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
        builder.environment().put("ES_TMPDIR", tmp.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        URI url = URI.create("http://127.0.0.1:" + httpPort);
        var running = new Running(builder, url, work, log);
        try {
            running.launch();
            awaitHealthy(running);
        } catch (RuntimeException | IOException | InterruptedException e) {
            String output = Files.exists(log) ? tail(Files.readString(log), 4000) : "(no output)";
            running.close();
            throw new IllegalStateException("Elasticsearch did not start (" + e.getMessage() + "); its output:\n"
                    + output, e);
        }
        return running;
    }

    private static Path distribution() {
        String home = System.getProperty("earmark.elasticsearch.home");
        if (home == null) {
            throw new IllegalStateException("No Elasticsearch distribution: run the test through Maven (./mvnw verify"
                    + " -Dit.test=...), which unpacks it and sets earmark.elasticsearch.home");
        }
        Path path = Path.of(home).toAbsolutePath();
        if (!Files.isExecutable(path.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException("No Elasticsearch at " + path + " (earmark.elasticsearch.home): the"
                    + " build unpacks org.elasticsearch.distribution.integ-test-zip:elasticsearch there in"
                    + " pre-integration-test");
        }
        return path;
    }

    private static void awaitHealthy(Running running) throws IOException, InterruptedException {
        Process process = running.process;
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var health = HttpRequest.newBuilder(running.url.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("it exited with code " + process.exitValue());
            }
            try {
                var response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not healthy after " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }

    private static void ensureUser() throws IOException, InterruptedException {
        if (userExists()) {
            return;
        }
        try {
            run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
        } catch (IllegalStateException failed) {
            // Another test run on the same machine may have created it a moment ago.
            if (!userExists()) {
                throw failed;
            }
        }
    }

    private static boolean userExists() throws IOException, InterruptedException {
        var exists = new ProcessBuilder("id", "-u", USER).redirectErrorStream(true).start();
        exists.getInputStream().readAllBytes();
        return exists.waitFor() == 0;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
