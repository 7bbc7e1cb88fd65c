package app.earmark.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.communication.AtmospherePushConnection;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.server.communication.PushConnectionFactory;

/**
 * Vaadin's websocket push connection, except that nothing is pushed to a UI that is closing.
 *
 * <p>Why: Vaadin's {@code UI.close()} pushes the UI's last changes to the page before the connection is closed. A UI
 * is closed when its page is left (the browser's unload beacon), when its session ends (sign-out) and when its
 * heartbeats stop: in every case the page is gone or going, and the browser closes the same websocket at the same
 * moment. The push then races the browser's close: Tomcat fails the write (or rejects it, "session has been
 * closed"), which leaves its endpoint in the state {@code TEXT_FULL_WRITING}, and when Atmosphere handles the
 * browser's close on another thread it writes the same message again (the resource's event still holds it) and gets
 * Tomcat's {@code IllegalStateException} ("The remote endpoint was in state [TEXT_FULL_WRITING]"), logged as
 * "Failed to cancel resource". Measured before this class (2 cores under load): every UI closed by the unload beacon
 * got that push 1 to 163 ms before the server closed its connection, and the browser had already closed it for 10
 * of 22 such pushes. See docs/push-and-tag-latency.md.
 *
 * <p>The page of a closing UI has no use for the changes: it is being left, signed out of, or is already gone (a page
 * that is redirected at sign-out gets its new address in the answer to its own request, not by push). Any other
 * push is unchanged. Registered through {@code META-INF/services}, as Vaadin looks its {@link PushConnectionFactory}
 * up with the {@link java.util.ServiceLoader}.
 */
public final class QuietClosingPushConnection extends AtmospherePushConnection {

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

    /** The factory Vaadin finds with the {@link java.util.ServiceLoader} (hence public, with a public constructor). */
    public static final class Factory implements PushConnectionFactory {

        @Override
        public PushConnection apply(UI ui) {
            return new QuietClosingPushConnection(ui);
        }
    }
}
