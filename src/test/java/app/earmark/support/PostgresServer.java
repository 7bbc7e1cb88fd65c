package app.earmark.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server (Debian's package) for one test class: a fresh cluster in
 * {@code target/postgres-*}, on a free loopback port, started before the class and stopped after it.
 * PostgreSQL refuses to run as root, so under root it runs as the package's {@code postgres} user.
 * The server's own log goes to a file in the cluster folder; this extension owns the process.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    public static final String USER = "earmark";
    private static Path dataDir;
    private static Path bin;
    private static int port;
    private static Process server;

    public static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Points a test's application context at this server (from its {@code @DynamicPropertySource}). */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresServer::jdbcUrl);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        bin = findBinaries();
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "postgres-");
        port = Ports.free();
        if (isRoot()) {
            UserPrincipal postgres = dataDir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(dataDir, postgres);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER, "--auth=trust",
                "--encoding=UTF8", "--no-sync"));
        startServer();
    }

    private static void startServer() throws IOException, InterruptedException, SQLException {
        var command = asServerUser(List.of(bin.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-k", dataDir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off"));
        server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName()
                        + ".log").toFile())).start();
        awaitConnections(Duration.ofSeconds(60));
    }

    /**
     * Stops the server as a crash or a failover would ({@code pg_ctl stop -m immediate}: every connection cut, no
     * checkpoint, crash recovery at the next start), leaves it down for {@code down}, then starts it again on the same
     * address and waits until it takes connections.
     *
     * @return how long it refused connections, from the stop to the first new connection
     */
    public static Duration restart(Duration down) throws Exception {
        long stopped = System.nanoTime();
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("PostgreSQL did not stop within 30 s");
        }
        Thread.sleep(down.toMillis());
        startServer();
        return Duration.ofNanos(System.nanoTime() - stopped);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server == null) {
            return;
        }
        // Fast shutdown: ends open sessions (a cached Spring context may still hold connections).
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        server = null;
    }

    private static void awaitConnections(Duration timeout) throws InterruptedException, SQLException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited at start-up with code " + server.exitValue()
                        + "; see " + dataDir + ".log");
            }
            try (var connection = DriverManager.getConnection(jdbcUrl(), USER, "")) {
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Path findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("The PostgreSQL test needs Debian's 'postgresql' package (.ci/run installs"
                    + " it): no " + root);
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries under " + root));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        var wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
