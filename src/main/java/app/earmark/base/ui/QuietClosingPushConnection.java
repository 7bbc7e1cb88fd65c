package app.earmark.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.communication.AtmospherePushConnection;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.server.communication.PushConnectionFactory;
import org.atmosphere.cpr.AtmosphereResource;
import org.atmosphere.cpr.AtmosphereResourceImpl;
import org.atmosphere.websocket.WebSocket;

/**
 * Vaadin's websocket push connection, except that nothing is pushed to a UI that is closing, and that the server's
 * close of a connection never runs at the same time as Atmosphere ending the same connection on its own.
 *
 * <p>Why the first: Vaadin's {@code UI.close()} pushes the UI's last changes to the page before the connection is
 * closed. A UI is closed when its page is left (the browser's unload beacon), when its session ends (sign-out) and when
 * its heartbeats stop: in every case the page is gone or going, and the browser closes the same websocket at the same
 * moment. The push then races the browser's close: Tomcat fails the write (or rejects it, "session has been closed"),
 * which leaves its endpoint in the state {@code TEXT_FULL_WRITING}, and when Atmosphere handles the browser's close on
 * another thread it writes the same message again (the resource's event still holds it) and gets Tomcat's
 * {@code IllegalStateException} ("The remote endpoint was in state [TEXT_FULL_WRITING]"), logged as "Failed to cancel
 * resource". Measured before this class (2 cores under load): every UI closed by the unload beacon got that push 1 to
 * 163 ms before the server closed its connection, and the browser had already closed it for 10 of 22 such pushes. See
 * docs/push-and-tag-latency.md.
 *
 * <p>Why the second: Vaadin closes a UI's connection from the server ({@link #disconnect()} →
 * {@code AtmosphereResource.close()}, which cancels the resource and then destroys its event, setting the event's
 * resource to {@code null}) exactly when the browser closes the same websocket (it leaves the page, or was told to
 * stop pushing). Tomcat hands the browser's close frame to Atmosphere on another thread, which ends the resource's
 * lifecycle ({@code AsynchronousProcessor.completeLifecycle}: it claims the resource with
 * {@code getAndSetInClosingPhase()}, then calls {@code PushAtmosphereHandler.onStateChange} with the resource's
 * event). {@code AtmosphereResource.close()} does not take part in that claim, so when the server's close falls
 * after the claim and before {@code onStateChange} reads {@code event.getResource()}, the handler gets a destroyed
 * event: Atmosphere logs "Failed to cancel resource" with a {@code NullPointerException} ("resource" is null). Here
 * the server's close claims the resource first, as Atmosphere's own lifecycle end does, so exactly one of the two
 * ends it: when the server wins, Atmosphere's thread finds the resource claimed and skips the handler (as it does
 * for a resource closed by the application); when Atmosphere's thread won, it is already ending the resource
 * (cancelling it, removing it from its broadcaster and the resource factory, telling Vaadin the connection is lost)
 * and the server only lets go of it, without destroying the event under that thread.
 *
 * <p>The page of a closing UI has no use for the changes: it is being left, signed out of, or is already gone (a page
 * that is redirected at sign-out gets its new address in the answer to its own request, not by push). Any other
 * push is unchanged. Registered through {@code META-INF/services}, as Vaadin looks its {@link PushConnectionFactory}
 * up with the {@link java.util.ServiceLoader}.
 */
public final class QuietClosingPushConnection extends AtmospherePushConnection {

    /** The resource this connection is closing (so that a second disconnect meanwhile does nothing). */
    private transient volatile AtmosphereResource closing;

    QuietClosingPushConnection(UI ui) {
        super(ui);
    }

    @Override
    public void push(boolean async) {
        if (getUI().isClosing()) {
            return;
        }
        super.push(async);
    }

    /**
     * Closes the connection from the server, unless Atmosphere is already ending its resource on another thread (the
     * browser closed the socket, or it went idle): then only lets go of it. See the class comment.
     */
    @Override
    public void disconnect() {
        if (getResource() instanceof AtmosphereResourceImpl resource
                && resource.transport() == AtmosphereResource.TRANSPORT.WEBSOCKET && !resource.isResumed()) {
            if (resource.getAndSetInClosingPhase()) {
                if (resource == closing) {
                    return; // this connection is closing it on another thread (Vaadin skips that case too)
                }
                // Atmosphere's thread ends it: it cancels the resource (so removes it from its broadcaster and the
                // resource factory), calls Vaadin's connectionLost through PushAtmosphereHandler, and the socket is
                // closing already (closed by the browser, or closed by Atmosphere's idle check before it ends it).
                WebSocket socket = resource.webSocket();
                connectionLost();
                closeIfOpen(socket);
                return;
            }
            closing = resource;
            try {
                super.disconnect();
            } finally {
                closing = null;
            }
            return;
        }
        super.disconnect();
    }

    /** Closes a socket still open (normally it is not: Atmosphere's thread was handling its close). */
    private static void closeIfOpen(WebSocket socket) {
        if (socket != null && socket.isOpen()) {
            socket.close();
        }
    }

    /** The factory Vaadin finds with the {@link java.util.ServiceLoader} (hence public, with a public constructor). */
    public static final class Factory implements PushConnectionFactory {

        @Override
        public PushConnection apply(UI ui) {
            return new QuietClosingPushConnection(ui);
        }
    }
}
