package app.earmark.recordings.media;

import app.earmark.support.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the tests: S3Proxy (from Maven Central, copied to target/s3proxy by the build) with
 * its filesystem backend, started as a process on a free port, its output drained to a log file, stopped (and
 * startable again on the same port and data, to play an outage) by its owner. {@link #shared()} is one server for the
 * whole test JVM, stopped when the JVM ends.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String IDENTITY = "earmark-test";
    public static final String CREDENTIAL = "earmark-test-secret";
    public static final String BUCKET = "earmark-media";

    private static S3ProxyServer shared;

    private final Path home;
    private final int port;
    private Process process;

    private S3ProxyServer() throws IOException {
        this.home = Paths.get("target", "s3proxy-runs", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(home.resolve("data"));
        this.port = Ports.free();
        Files.writeString(home.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + home.resolve("data"),
                ""));
    }

    /** A new server with an empty bucket {@link #BUCKET}, running. */
    public static S3ProxyServer start() throws IOException {
        S3ProxyServer server = new S3ProxyServer();
        server.resume();
        try (S3Client client = server.client(IDENTITY, CREDENTIAL)) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
        return server;
    }

    /** The server every test class in this JVM may share (each test uses hashes or a bucket of its own). */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("S3Proxy could not be started", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path home() {
        return home;
    }

    /** Settings for an S3 media store on this server, its cache in {@code cacheDir}. */
    public S3Properties properties(Path cacheDir, S3Properties.Streaming streaming) {
        return properties(cacheDir, streaming, IDENTITY, CREDENTIAL);
    }

    public S3Properties properties(Path cacheDir, S3Properties.Streaming streaming, String accessKey, String secret) {
        return new S3Properties(endpoint(), "us-east-1", BUCKET, accessKey, secret, true, cacheDir,
                DataSize.ofGigabytes(1), DataSize.ofMegabytes(5), 3, streaming, Duration.ofMinutes(5), null);
    }

    /** Spring properties selecting the S3 media store on this server. */
    public List<String> springProperties(Path cacheDir, S3Properties.Streaming streaming) {
        return List.of("earmark.media-store-type=s3", "earmark.s3.endpoint=" + endpoint(),
                "earmark.s3.bucket=" + BUCKET, "earmark.s3.access-key=" + IDENTITY,
                "earmark.s3.secret-key=" + CREDENTIAL, "earmark.s3.part-size=5MB",
                "earmark.s3.cache-dir=" + cacheDir, "earmark.s3.streaming=" + streaming.name().toLowerCase());
    }

    /** Registers {@link #springProperties} for a test's application context. */
    public void register(DynamicPropertyRegistry registry, Path cacheDir, S3Properties.Streaming streaming) {
        for (String property : springProperties(cacheDir, streaming)) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
    }

    public S3Client client(String accessKey, String secret) {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .build();
    }

    /** Starts the process (again), on the same port and data, and waits until it answers. */
    public synchronized void resume() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path jar = Paths.get(System.getProperty("earmark.s3proxy.jar",
                "target/s3proxy/s3proxy-2.6.0-jar-with-dependencies.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No S3Proxy jar at " + jar.toAbsolutePath() + ": run the test through"
                    + " `./mvnw verify` (maven-dependency-plugin copies it there before the integration tests)");
        }
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toAbsolutePath().toString(), "--properties", home.resolve("s3proxy.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("s3proxy.log").toFile()))
                .start();
        Instant deadline = Instant.now().plusSeconds(90);
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy stopped at start-up; see " + home.resolve("s3proxy.log"));
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("S3Proxy did not answer within 90 s; see " + home.resolve("s3proxy.log"));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the process (the data stays, for {@link #resume()}). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
