package app.earmark.cluster;

import app.earmark.support.Ports;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx running the shipped docs/deployment/nginx.conf with only its addresses changed (the two nodes' ports
 * for 8081 and 8082, a free loopback port for 8080), included from a minimal main configuration as the file's header
 * says; one process ({@code master_process off}), its output in a log file, stopped and waited for by
 * {@link #close()}.
 */
final class ClusterProxy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path prefix;

    private ClusterProxy(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    static ClusterProxy start(Path run, EarmarkNode a, EarmarkNode b) throws IOException, InterruptedException {
        int port = Ports.free();
        Path prefix = Files.createDirectories(run.resolve("nginx"));
        String shipped = Files.readString(Path.of("docs/deployment/nginx.conf"));
        String site = shipped.replace("127.0.0.1:8081", "127.0.0.1:" + a.port())
                .replace("127.0.0.1:8082", "127.0.0.1:" + b.port())
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
        if (site.equals(shipped) || !site.contains("127.0.0.1:" + a.port()) || !site.contains("127.0.0.1:" + b.port())) {
            throw new IllegalStateException("docs/deployment/nginx.conf no longer names 127.0.0.1:8081/8082 and"
                    + " listen 8080: update ClusterIT's substitutions");
        }
        Files.writeString(prefix.resolve("earmark.conf"), site);
        Files.writeString(prefix.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {}
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/earmark.conf;
                }
                """.formatted(prefix));
        Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", prefix.toString(), "-c",
                prefix.resolve("nginx.conf").toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(prefix.resolve("out.log").toFile()).start();
        ClusterProxy proxy = new ClusterProxy(process, port, prefix);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return proxy;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    proxy.close();
                    throw new IllegalStateException("nginx did not listen: " + Files.readString(prefix.resolve(
                            "out.log")) + (Files.exists(prefix.resolve("error.log")) ? Files.readString(prefix
                            .resolve("error.log")) : ""));
                }
                Thread.sleep(50);
            }
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The same address for the browser, by name: the tests' Chromium resolves no other name and no address. */
    String browserUrl(String path) {
        return "http://localhost:" + port + path;
    }

    Path errorLog() {
        return prefix.resolve("error.log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
