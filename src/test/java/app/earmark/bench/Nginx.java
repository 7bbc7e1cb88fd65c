package app.earmark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * nginx (Debian's package) serving one folder on a free loopback port: a minimal configuration written to
 * {@code target/bench-nginx}, one worker process, {@code sendfile on}, no access log. Owned like every process the
 * benchmarks start: {@link #close()} stops it.
 */
final class Nginx implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(15);

    private final OwnedProcess process;
    private final int port;

    private Nginx(OwnedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts nginx serving {@code root} and waits until it answers a request for {@code probePath}.
     *
     * @param prefix a folder for the configuration, logs, pid and temporary files
     */
    static Nginx serve(Path prefix, Path root, String probePath) {
        int port = freePort();
        Path logs = createDirectories(prefix.resolve("logs"));
        Path temp = createDirectories(prefix.resolve("temp"));
        Path conf = prefix.resolve("nginx.conf");
        write(conf, config(prefix, root, logs, temp, port));
        OwnedProcess process = OwnedProcess.start(java.util.List.of(Tools.nginx().path(), "-p", prefix + "/", "-c",
                conf.toString(), "-e", logs.resolve("error.log").toString()), logs.resolve("nginx-output.log"));
        Nginx nginx = new Nginx(process, port);
        try {
            nginx.awaitAnswer(probePath);
            return nginx;
        } catch (RuntimeException e) {
            nginx.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        process.close();
    }

    private static String config(Path prefix, Path root, Path logs, Path temp, int port) {
        // When run as root, nginx's workers would drop to 'nobody', who may not read the benchmark's files.
        String user = isRoot() ? "user root;\n" : "";
        return user
                + "daemon off;\n"
                + "master_process on;\n"
                + "worker_processes 1;\n"
                + "pid " + logs.resolve("nginx.pid") + ";\n"
                + "error_log " + logs.resolve("error.log") + " warn;\n"
                + "events { worker_connections 64; }\n"
                + "http {\n"
                + "    access_log off;\n"
                + "    sendfile on;\n"
                + "    tcp_nopush on;\n"
                + "    keepalive_requests 10000;\n"
                + "    types { video/mp4 mp4; }\n"
                + "    default_type application/octet-stream;\n"
                + "    client_body_temp_path " + temp.resolve("client_body") + ";\n"
                + "    proxy_temp_path " + temp.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + temp.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + temp.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + temp.resolve("scgi") + ";\n"
                + "    server {\n"
                + "        listen 127.0.0.1:" + port + ";\n"
                + "        server_name localhost;\n"
                + "        location / { root " + root + "; }\n"
                + "    }\n"
                + "}\n";
    }

    private void awaitAnswer(String path) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx stopped at start-up:\n" + OwnedProcess.tail(process.log(), 20)
                        + "\n" + OwnedProcess.tail(process.log().resolveSibling("error.log"), 20));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Range", "bytes=0-0").build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 206) {
                    return;
                }
                throw new IllegalStateException("nginx answered " + response.statusCode() + " for " + path + ":\n"
                        + OwnedProcess.tail(process.log().resolveSibling("error.log"), 20));
            } catch (IOException notYet) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("nginx did not answer within " + START_LIMIT);
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
