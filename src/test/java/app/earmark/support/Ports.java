package app.earmark.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for the servers the tests start as processes. */
public final class Ports {

    private Ports() {
    }

    /** A loopback port free just now (the system's choice), for a server about to be started on it. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port to be had", e);
        }
    }
}
