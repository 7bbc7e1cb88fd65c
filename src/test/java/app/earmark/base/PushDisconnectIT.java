package app.earmark.base;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.BrowserTest;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.playwright.WebSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A page with Vaadin push open is closed (tab closed, network gone): the server logs no exception for it. */
class PushDisconnectIT extends BrowserTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

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
        openWithPush("/discussions");
        page.close();
        context.close();
        assertNoExceptionLogged();
    }

    @Test
    void closingADiscussionPageThatPollsLogsNoException() throws InterruptedException {
        openWithPush("/discussions");
        page.locator("#discussions-grid vaadin-grid-cell-content").first().waitFor();
        page.navigate(url("/discussions/" + firstDiscussionId()));
        page.locator("#recordings").waitFor();
        page.close();
        context.close();
        assertNoExceptionLogged();
    }

    // Fails now and then: signing out while push is open sometimes logs Atmosphere's "AtmosphereResponse … has been
    // closed" (seen 1 run in 3 on 2026-12-05). That is the open Atmosphere point of issue 9, not fixed yet; switch this
    // back on with the fix.
    @Disabled("Reproduces the open Atmosphere disconnect error of issue 9 intermittently; enable with its fix")
    @Test
    void signingOutWithPushActiveLogsNoException() throws InterruptedException {
        openWithPush("/discussions");
        byId("sign-out").click();
        page.waitForURL(url("/login"));
        page.close();
        assertNoExceptionLogged();
    }

    @Test
    void aTagBroadcastToAClosedWorkspaceLogsNoException() throws InterruptedException {
        long discussion = sheets.discussion("learner", "8587-300");
        long recording = sheets.hourLongRecording(discussion);
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        page.onWebSocket(sockets::add);
        signInAs("assessor");
        open("/discussions/" + discussion + "/workspace");
        page.locator("#workspace").waitFor();
        long deadline = System.currentTimeMillis() + 10_000;
        while (sockets.stream().noneMatch(s -> s.url().contains("v-r=push")) && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(100);
        }
        page.close();
        context.close();
        Thread.sleep(1_000);
        sheets.tag(discussion, recording, 2_000, null, "After the workspace closed", "1.1");
        assertNoExceptionLogged();
    }

    @org.springframework.beans.factory.annotation.Autowired
    app.earmark.sheets.SheetFixtures sheets;

    @org.springframework.beans.factory.annotation.Autowired
    app.earmark.discussions.RecordingFixtures fixtures;

    private long firstDiscussionId() {
        return fixtures.discussionWithLearner().id();
    }

    private void openWithPush(String path) {
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        page.onWebSocket(sockets::add);
        signInAs("assessor");
        open(path);
        page.locator("#discussions-grid").waitFor();
        long deadline = System.currentTimeMillis() + 10_000;
        while (sockets.stream().noneMatch(s -> s.url().contains("v-r=push")) && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(100);
        }
        assertThat(sockets).as("the push connection is open").anyMatch(s -> s.url().contains("v-r=push"));
    }

    private void assertNoExceptionLogged() throws InterruptedException {
        Thread.sleep(3_000);
        assertThat(log.list).filteredOn(e -> e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(
                ch.qos.logback.classic.Level.WARN)).extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage())).isEmpty();
    }
}
