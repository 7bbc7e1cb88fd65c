package app.earmark.cluster;

import app.earmark.support.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Earmark node as production runs it: {@code java -jar target/earmark.jar} with its settings as arguments, on its
 * own port, its output (standard output and error) appended to a log file of its own, so nothing needs reading. The
 * test owns the process: {@link #kill()} plays the machine dying ({@code kill -9} of the JVM and of the worker
 * processes it had started), {@link #close()} stops it politely and then by force, and both wait until it is gone.
 */
final class EarmarkNode implements AutoCloseable {

    /** Small, as the shared test machine needs: the node's own heap (its ingest workers have their own). */
    private static final List<String> JVM = List.of("-Xmx400m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k");

    private final String route;
    private final int port;
    private final Path home;
    private final List<String> settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private EarmarkNode(String route, int port, Path home, List<String> settings) {
        this.route = route;
        this.port = port;
        this.home = home;
        this.settings = List.copyOf(settings);
    }

    /** A node on a free port with its folder under {@code run}; {@code settings} are the cluster's shared ones. */
    static EarmarkNode prepare(String route, Path run, List<String> shared) {
        int port = Ports.free();
        Path home = run.resolve("node-" + route);
        try {
            Files.createDirectories(home.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> settings = new ArrayList<>(shared);
        settings.addAll(List.of("--server.port=" + port, "--earmark.cluster.route=" + route,
                "--earmark.cluster.node-name=" + name(route), "--db-scheduler.scheduler-name=" + name(route),
                "--earmark.data-dir=" + home.resolve("data"), "--earmark.media-store=" + home.resolve("media-store"),
                "--earmark.s3.cache-dir=" + home.resolve("media-cache"),
                "--earmark.audit.checkpoint-file=" + home.resolve("audit-checkpoints.jsonl")));
        return new EarmarkNode(route, port, home, settings);
    }

    /** The name the node goes by in db-scheduler's {@code picked_by} and in logs. */
    static String name(String route) {
        return "earmark-" + route;
    }

    String route() {
        return route;
    }

    String name() {
        return name(route);
    }

    int port() {
        return port;
    }

    Path log() {
        return home.resolve("earmark.log");
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name() + " runs already");
        }
        Path jar = Paths.get("target", "earmark.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": run ClusterIT through `./mvnw verify` (package builds it)");
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM);
        command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(settings);
        try {
            Files.writeString(log(), "### " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).directory(home.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name(), e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The HTTP status of the node's readiness URL, or -1 while it refuses connections. */
    Readiness readiness() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(
                    "/actuator/health/readiness"))).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Readiness(response.statusCode(), response.body());
        } catch (IOException refused) {
            return new Readiness(-1, refused.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Readiness(int status, String body) {
        boolean up() {
            return status == 200;
        }
    }

    /** Waits until the node says it is ready; fails with its log's last lines if it stops or overruns. */
    void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!readiness().up()) {
            if (!isAlive()) {
                throw new IllegalStateException(name() + " stopped at start-up:\n" + tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " not ready within " + limit + ":\n" + tail(40));
            }
            sleep(250);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** {@code kill -9}: the JVM and, as when its machine dies, the worker processes it had started. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitGone(process.toHandle(), children);
    }

    /** Stops the node (SIGTERM, then SIGKILL after 20 s) and anything it started; waits until all are gone. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitGone(process.toHandle(), children);
    }

    private static void awaitGone(ProcessHandle main, List<ProcessHandle> children) {
        List<ProcessHandle> all = new ArrayList<>(children);
        all.add(main);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Process " + handle.pid() + " did not end", e);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
