package app.earmark.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One player seeking through a file over one kept-alive HTTP/1.1 connection on a plain socket, as a browser's media
 * element does: a Range request, the whole answer read, the next request on the same connection. When the server
 * closes the connection (Tomcat does after {@code max-keep-alive-requests}: 10,000 in Earmark, 100 by Tomcat's default) the next request opens a
 * new one, and its connect time counts in that request's time to first byte, as a browser would pay it. Every answer
 * is checked (206, the exact {@code Content-Range}, the length and every byte against the file); anything else is an
 * error, returned, not thrown, so that a run under load counts its errors.
 */
final class SeekingPlayer implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 30_000;

    /** One request: when it was sent, its time to the first byte of the answer and to the last; or its error. */
    record Read(long sentNanos, double firstByteMillis, double totalMillis, boolean reconnected, String error) {

        boolean ok() {
            return error == null;
        }
    }

    private final String host;
    private final int port;
    private final String path;
    private final String cookie;
    private final BigFile file;
    /**
     * The answer's body and the file's bytes it is checked against, kept from request to request: the players run
     * in the JVM of the Earmark they measure, and 50 of them allocating two 64 KiB arrays per request (about
     * 60 MB/s) made young collections that paused Earmark's threads too.
     */
    private byte[] body = new byte[0];
    private byte[] expected = new byte[0];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** @param cookie the session cookie to send, or {@code null} */
    SeekingPlayer(String url, String cookie, BigFile file) {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.cookie = cookie;
        this.file = file;
    }

    Read range(long offset, int length) {
        long last = offset + length - 1;
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
                + "Range: bytes=" + offset + "-" + last + "\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n";
        long started = System.nanoTime();
        boolean reconnected = false;
        try {
            if (socket == null) {
                connect();
                reconnected = true;
            }
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int first = in.read();
            long firstAt = System.nanoTime();
            if (first < 0) {
                close();
                return new Read(started, 0, 0, reconnected, "connection closed before an answer");
            }
            Head head = head(first);
            int bodyLength = head.contentLength < 0 ? -1 : readBody(head.contentLength);
            long ended = System.nanoTime();
            if (head.close) {
                close();
            }
            String expectedRange = "bytes " + offset + "-" + last + "/" + file.size();
            String error = null;
            if (head.status != 206) {
                error = "status " + head.status;
            } else if (!expectedRange.equals(head.contentRange)) {
                error = "Content-Range " + head.contentRange + ", not " + expectedRange;
            } else if (bodyLength != length) {
                error = "body of " + (bodyLength < 0 ? "unknown length" : bodyLength + " bytes") + ", not " + length;
            } else if (!matchesFile(offset, length)) {
                error = "wrong bytes";
            }
            if (error != null || head.contentLength < 0) {
                close();
            }
            return new Read(started, (firstAt - started) / 1e6, (ended - started) / 1e6, reconnected, error);
        } catch (IOException | RuntimeException e) {
            close();
            return new Read(started, 0, 0, reconnected, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Reads a body of the given length into {@link #body}; returns how many bytes came before the stream ended. */
    private int readBody(int length) throws IOException {
        if (body.length < length) {
            body = new byte[length];
        }
        return in.readNBytes(body, 0, length);
    }

    private boolean matchesFile(long offset, int length) throws IOException {
        if (expected.length < length) {
            expected = new byte[length];
        }
        file.read(offset, expected, length);
        return Arrays.equals(body, 0, length, expected, 0, length);
    }

    private void connect() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.setSoTimeout(TIMEOUT_MILLIS);
        opened.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), 64 * 1024);
        out = opened.getOutputStream();
    }

    private record Head(int status, int contentLength, String contentRange, boolean close) {
    }

    /** The status line and headers, the first byte already read. */
    private Head head(int first) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        bytes.write(first);
        int matched = first == '\r' ? 1 : 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the headers");
            }
            bytes.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
            if (bytes.size() > 64 * 1024) {
                throw new IOException("headers longer than 64 KiB");
            }
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ");
        int status = Integer.parseInt(statusLine[1]);
        int contentLength = -1;
        String contentRange = null;
        boolean close = statusLine[0].equals("HTTP/1.0");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Integer.parseInt(value);
                case "content-range" -> contentRange = value;
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "transfer-encoding" -> contentLength = -1;
                default -> {
                }
            }
        }
        return new Head(status, contentLength, contentRange, close);
    }

    /** Closes the connection; the next request opens a new one. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Gone either way.
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
