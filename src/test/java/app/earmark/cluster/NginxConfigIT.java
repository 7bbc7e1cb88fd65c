package app.earmark.cluster;

import app.earmark.support.Ports;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy configuration shipped in docs/deployment/nginx.conf, run by Debian's real nginx in front of two stand-in
 * nodes (each answers with its route, sets a session cookie marked with it, counts request bodies and echoes what
 * reached it of a WebSocket upgrade): sessions stick to their node, go to the other when it is down, large uploads
 * pass whole and unbuffered, and push's upgrade reaches the node.
 */
class NginxConfigIT {

    private HttpServer a;
    private HttpServer b;
    private Process nginx;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpServer node(String route) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            long received;
            try (InputStream body = exchange.getRequestBody()) {
                received = body.transferTo(OutputStream.nullOutputStream());
            }
            String answer = "node " + route + " received " + received + " upgrade "
                    + exchange.getRequestHeaders().getFirst("Upgrade") + " connection "
                    + exchange.getRequestHeaders().getFirst("Connection");
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=4F2A9C." + route + "; Path=/; HttpOnly");
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    @BeforeEach
    void start() throws Exception {
        a = node("a");
        b = node("b");
        port = Ports.free();
        Path prefix = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "nginx-");
        String site = Files.readString(Path.of("docs/deployment/nginx.conf"))
                .replace("127.0.0.1:8081", "127.0.0.1:" + a.getAddress().getPort())
                .replace("127.0.0.1:8082", "127.0.0.1:" + b.getAddress().getPort())
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";");
        Files.writeString(prefix.resolve("earmark.conf"), site);
        Files.writeString(prefix.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/earmark.conf;
                }
                """.formatted(prefix));
        nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf")
                .toString()).redirectErrorStream(true).redirectOutput(prefix.resolve("out.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                assertThat(nginx.isAlive()).as("nginx runs: " + Files.readString(prefix.resolve("out.log")))
                        .isTrue();
                assertThat(System.nanoTime()).as("nginx listens within 10 s").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(5, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor();
            }
        }
        a.stop(0);
        b.stop(0);
    }

    private HttpResponse<String> get(String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/discussions"));
        if (cookie != null) {
            request.header("Cookie", "JSESSIONID=" + cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSessionsRequestsGoToTheNodeItsCookieNames() throws Exception {
        HttpResponse<String> first = get(null);
        assertThat(first.statusCode()).isEqualTo(200);
        String route = first.body().startsWith("node a") ? "a" : "b";
        assertThat(first.headers().firstValue("Set-Cookie")).get().asString().contains("." + route + ";");
        for (int i = 0; i < 10; i++) {
            assertThat(get("4F2A9C.a").body()).startsWith("node a");
            assertThat(get("4F2A9C.b").body()).startsWith("node b");
        }
    }

    @Test
    void whenASessionsNodeIsDownItsRequestsGoToTheOther() throws Exception {
        a.stop(0);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = get("4F2A9C.a");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("node b");
        }
    }

    @Test
    void aLargeUploadChunkPassesWhole() throws Exception {
        byte[] chunk = new byte[64 * 1024 * 1024];
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/upload/files/x")).header("Cookie", "JSESSIONID=4F2A9C.b")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("node b received " + chunk.length + " ");
    }

    @Test
    void pushsWebSocketUpgradeReachesTheNode() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /VAADIN/push HTTP/1.1\r\nHost: earmark.example.org\r\n"
                    + "Cookie: JSESSIONID=4F2A9C.a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // The connection stays open after the answer: read until the stand-in's line has come.
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!answer.toString().contains("connection upgrade")) {
                int read = socket.getInputStream().read(buffer);
                assertThat(read).as("answer so far: " + answer).isPositive();
                answer.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }
            assertThat(answer.toString()).contains("node a received 0 upgrade websocket connection upgrade");
        } catch (java.net.SocketTimeoutException partial) {
            throw new AssertionError("nginx did not answer the upgrade request", partial);
        }
    }
}
