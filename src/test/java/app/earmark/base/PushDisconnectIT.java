package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.recordings.RecordingFixtures;
import app.earmark.sheets.SheetFixtures;
import app.earmark.support.BrowserTest;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.WebSocket;
import com.vaadin.flow.server.communication.PushAtmosphereHandler;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.atmosphere.cpr.AtmosphereFramework;
import org.atmosphere.cpr.AtmosphereFramework.AtmosphereHandlerWrapper;
import org.atmosphere.cpr.AtmosphereHandler;
import org.atmosphere.cpr.AtmosphereResource;
import org.atmosphere.cpr.AtmosphereResourceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page with Vaadin push open goes away (tab closed, signed out, browser killed), also while the server is pushing
 * tag changes to it: the server logs no warning, error or exception for it (Atmosphere's and Vaadin's push loggers
 * among them).
 */
class PushDisconnectIT extends BrowserTest {

    /**
     * Sign-outs per run of the sign-out case (each also signs in and leaves two pages): 4 by default, more with
     * {@code -Dearmark.test.signOuts=N} for a stress run. Before {@code QuietClosingPushConnection}, the race showed
     * once in 30 under load.
     */
    private static final int SIGN_OUTS = Integer.getInteger("earmark.test.signOuts", 4);

    /** Sign-outs in the case where Atmosphere is slow to end closed connections ({@code earmark.test.slowSignOuts}). */
    private static final int SLOW_SIGN_OUTS = Integer.getInteger("earmark.test.slowSignOuts", 4);

    /** How long Atmosphere's thread waits in that case before it calls Vaadin's handler for a connection's end. */
    private static final long SLOW_END_MILLIS = Long.getLong("earmark.test.slowEndMillis", 200);

    private final ServerLog log = new ServerLog();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @Autowired
    SheetFixtures sheets;
    @Autowired
    RecordingFixtures fixtures;
    @Autowired
    ServletContext servletContext;

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(log);
    }

    @Test
    void closingAPageWithPushActiveLogsNoException() throws InterruptedException {
        openWithPush(page, "/discussions");
        page.close();
        context.close();
        assertNoExceptionLogged();
    }

    @Test
    void closingADiscussionPageThatPollsLogsNoException() throws InterruptedException {
        openWithPush(page, "/discussions");
        page.locator("#discussions-grid vaadin-grid-cell-content").first().waitFor();
        page.navigate(url("/discussions/" + fixtures.discussionWithLearner().id()));
        page.locator("#recordings").waitFor();
        page.close();
        context.close();
        assertNoExceptionLogged();
    }

    @Test
    void signingOutWithPushActiveLogsNoException() throws InterruptedException {
        signInAndOut(SIGN_OUTS);
        assertNoExceptionLogged();
    }

    /**
     * The sign-out case with Atmosphere slow to end a connection the browser closed: its thread waits after it took
     * the connection and before it calls Vaadin's push handler, so a server-side close of the same connection (the
     * UI closed by the page's unload beacon, or its push stopped at sign-out) falls into that window whenever the two
     * meet, instead of once in many runs. Before {@code QuietClosingPushConnection} claimed the connection first,
     * the handler then got the destroyed event: "Failed to cancel resource", a NullPointerException.
     */
    @Test
    void signingOutWhileAtmosphereIsSlowToEndClosedConnectionsLogsNoException() throws InterruptedException {
        try (SlowConnectionEnds slow = new SlowConnectionEnds(SLOW_END_MILLIS)) {
            signInAndOut(SLOW_SIGN_OUTS);
            Thread.sleep(3_000);
            assertThat(slow.slowed.get()).as("connection ends Atmosphere was slow with").isPositive();
        }
        assertNoExceptionLogged();
    }

    private void signInAndOut(int times) {
        for (int i = 0; i < times; i++) {
            Page signingOut = i == 0 ? page : newContext().newPage();
            openWithPush(signingOut, "/discussions");
            signingOut.locator("#sign-out").click();
            signingOut.waitForURL(url("/login"));
            signingOut.close();
        }
    }

    /**
     * Puts a handler in front of Vaadin's Atmosphere handler (for the connections opened meanwhile) that waits before
     * Atmosphere's end of a connection ({@code completeLifecycle}, the only state change without a message) reaches
     * Vaadin's handler. Everything else goes straight through; Vaadin's handler is put back on close.
     */
    private final class SlowConnectionEnds implements AutoCloseable {
        final AtomicInteger slowed = new AtomicInteger();
        private final AtmosphereFramework framework;
        private final String mapping;
        private final AtmosphereHandlerWrapper vaadin;

        SlowConnectionEnds(long millis) {
            framework = Collections.list(servletContext.getAttributeNames()).stream()
                    .map(servletContext::getAttribute).filter(AtmosphereFramework.class::isInstance)
                    .map(AtmosphereFramework.class::cast).findFirst()
                    .orElseThrow(() -> new AssertionError("no Atmosphere framework in the servlet context"));
            Map.Entry<String, AtmosphereHandlerWrapper> push = framework.getAtmosphereHandlers().entrySet().stream()
                    .filter(e -> e.getValue().atmosphereHandler instanceof PushAtmosphereHandler).findFirst()
                    .orElseThrow(() -> new AssertionError("no Vaadin push handler in Atmosphere"));
            mapping = push.getKey();
            vaadin = push.getValue();
            AtmosphereHandler handler = vaadin.atmosphereHandler;
            framework.getAtmosphereHandlers().put(mapping, wrapperLike(vaadin, new AtmosphereHandler() {
                @Override
                public void onRequest(AtmosphereResource resource) throws IOException {
                    handler.onRequest(resource);
                }

                @Override
                public void onStateChange(AtmosphereResourceEvent event) throws IOException {
                    if (event.getMessage() == null) {
                        slowed.incrementAndGet();
                        try {
                            Thread.sleep(millis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    handler.onStateChange(event);
                }

                @Override
                public void destroy() {
                    handler.destroy();
                }
            }));
        }

        /** A handler entry like Vaadin's (same broadcaster, same interceptors), for another handler. */
        private AtmosphereHandlerWrapper wrapperLike(AtmosphereHandlerWrapper original, AtmosphereHandler handler) {
            AtmosphereHandlerWrapper wrapper = new AtmosphereHandlerWrapper(handler, original.broadcaster,
                    framework.getAtmosphereConfig());
            wrapper.mapping = original.mapping;
            wrapper.interceptors.addAll(original.interceptors);
            wrapper.create = original.create;
            return wrapper;
        }

        @Override
        public void close() {
            framework.getAtmosphereHandlers().put(mapping, vaadin);
        }
    }

    /**
     * The page sends its unload beacon (as it does when it is left): the server closes its UI and then its push
     * connection, and pushes nothing in between, so no write can race the browser's own close of the socket.
     */
    @Test
    void aPageThatSentItsUnloadBeaconIsPushedNothingBeforeItsConnectionCloses() throws InterruptedException {
        signInAs(page, "assessor");
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        page.onWebSocket(socket -> {
            sockets.add(socket);
            socket.onFrameReceived(frame -> received.add(frame.text()));
        });
        page.navigate(url("/discussions"));
        page.locator("#discussions-grid vaadin-grid-cell-content").first().waitFor();
        awaitPush(page, sockets);
        WebSocket push = sockets.stream().filter(s -> s.url().contains("v-r=push")).findFirst().orElseThrow();
        for (int i = 0; i < 200 && received.isEmpty(); i++) {
            page.waitForTimeout(50); // Atmosphere's handshake: the server has taken the connection
        }
        assertThat(received).as("Atmosphere's handshake on the push connection").isNotEmpty();
        page.waitForTimeout(500); // and whatever the server pushes on connecting has arrived
        int before = received.size();
        page.evaluate("() => window.dispatchEvent(new Event('pagehide'))");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!push.isClosed() && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(50);
        }
        assertThat(push.isClosed()).as("the server closed the push connection of the closed UI").isTrue();
        assertThat(received.subList(before, received.size())).as("Vaadin messages pushed after the unload beacon")
                .noneMatch(frame -> frame.contains("for(;;);"));
        assertNoExceptionLogged();
    }

    @Test
    void signingOutOfAWorkspaceReceivingPushesLogsNoException() throws InterruptedException {
        long discussion = sheets.discussion("learner", "8587-300");
        long recording = sheets.hourLongRecording(discussion);
        openWorkspace(page, discussion);
        try (Tagger tagger = new Tagger(discussion, recording)) {
            tagger.start();
            page.waitForFunction("() => document.querySelector('#workspace').pushedChangeCount >= 3");
            page.locator("#sign-out").click();
            page.waitForURL(url("/login"));
        }
        assertNoExceptionLogged();
    }

    @Test
    void aTagBroadcastToAClosedWorkspaceLogsNoException() throws InterruptedException {
        long discussion = sheets.discussion("learner", "8587-300");
        long recording = sheets.hourLongRecording(discussion);
        openWorkspace(page, discussion);
        page.close();
        context.close();
        Thread.sleep(1_000);
        sheets.tag(discussion, recording, 2_000, null, "After the workspace closed", "1.1");
        assertNoExceptionLogged();
    }

    /**
     * The browser is killed (every Chromium process at once, as a crash or a pulled plug would) while the server
     * pushes tag changes to its workspace, and goes on pushing after.
     */
    @Test
    void killingTheBrowserOfAWorkspaceReceivingPushesLogsNoException() throws InterruptedException {
        long discussion = sheets.discussion("learner", "8587-300");
        long recording = sheets.hourLongRecording(discussion);
        String marker = "--earmark-push-test=" + UUID.randomUUID();
        List<String> flags = new ArrayList<>(CHROMIUM_FLAGS);
        flags.add(marker);
        Playwright own = newPlaywright();
        try (Tagger tagger = new Tagger(discussion, recording)) {
            Browser browser = launch(own, flags);
            Page doomed = browser.newContext().newPage();
            doomed.setDefaultTimeout(20_000);
            openWorkspace(doomed, discussion);
            tagger.start();
            doomed.waitForFunction("() => document.querySelector('#workspace').pushedChangeCount >= 5");
            killBrowser(marker);
            int before = tagger.made.get();
            while (tagger.made.get() < before + 30) {
                Thread.sleep(50);
            }
        } finally {
            try {
                own.close();
            } catch (RuntimeException alreadyGone) {
                // The browser was killed on purpose.
            }
        }
        assertNoExceptionLogged();
    }

    /** Makes a tag every few milliseconds on its own thread (each one pushed to the recording's open workspaces). */
    private final class Tagger implements AutoCloseable {
        final AtomicInteger made = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Tagger(long discussion, long recording) {
            thread = new Thread(() -> {
                while (running.get()) {
                    sheets.tag(discussion, recording, 1_000 + made.incrementAndGet() * 10L, null, null, "1.1");
                    try {
                        Thread.sleep(15);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "push-test-tagger");
        }

        void start() {
            if (!thread.isAlive()) {
                thread.start();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    private void openWorkspace(Page page, long discussion) {
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        page.onWebSocket(sockets::add);
        signInAs(page, "assessor");
        page.navigate(url("/discussions/" + discussion + "/workspace"));
        page.locator("#workspace").waitFor();
        awaitPush(page, sockets);
    }

    private void openWithPush(Page page, String path) {
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        page.onWebSocket(sockets::add);
        signInAs(page, "assessor");
        page.navigate(url(path));
        page.locator("#discussions-grid").waitFor();
        awaitPush(page, sockets);
    }

    private static void awaitPush(Page page, List<WebSocket> sockets) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (sockets.stream().noneMatch(s -> s.url().contains("v-r=push")) && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(100);
        }
        assertThat(sockets).as("the push connection is open").anyMatch(s -> s.url().contains("v-r=push"));
    }

    /** Kills the Chromium processes whose command line carries the marker, and all their children, at once. */
    private static void killBrowser(String marker) {
        List<ProcessHandle> browsers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
        assertThat(browsers).as("the test's own Chromium").isNotEmpty();
        for (ProcessHandle process : browsers) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void assertNoExceptionLogged() throws InterruptedException {
        Thread.sleep(3_000);
        assertThat(log.problems).as("warnings, errors and exceptions in the server's log").isEmpty();
    }

    /**
     * Keeps every warning, error and exception logged, with where it was logged from (the logging thread's stack,
     * taken as it logs), so that a failure says which code path closed or wrote what.
     */
    private static final class ServerLog extends AppenderBase<ILoggingEvent> {
        final List<String> problems = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getThrowableProxy() == null && !e.getLevel().isGreaterOrEqual(Level.WARN)) {
                return;
            }
            String from = Arrays.stream(Thread.currentThread().getStackTrace()).skip(2)
                    .map(StackTraceElement::toString).filter(f -> !f.startsWith("ch.qos.logback"))
                    .limit(40).collect(Collectors.joining("\n    at "));
            problems.add(e.getLevel() + " [" + e.getThreadName() + "] " + e.getLoggerName() + ": "
                    + e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " "
                            + ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(e.getThrowableProxy()))
                    + "\n  logged from\n    at " + from);
        }
    }
}
