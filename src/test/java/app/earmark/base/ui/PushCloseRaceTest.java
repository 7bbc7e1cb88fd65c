package app.earmark.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.vaadin.flow.component.UI;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.atmosphere.cache.UUIDBroadcasterCache;
import org.atmosphere.container.Servlet30CometSupport;
import org.atmosphere.cpr.ApplicationConfig;
import org.atmosphere.cpr.AsynchronousProcessor;
import org.atmosphere.cpr.AtmosphereFramework;
import org.atmosphere.cpr.AtmosphereRequest;
import org.atmosphere.cpr.AtmosphereRequestImpl;
import org.atmosphere.cpr.AtmosphereResource;
import org.atmosphere.cpr.AtmosphereResourceEvent;
import org.atmosphere.cpr.AtmosphereResourceImpl;
import org.atmosphere.cpr.AtmosphereResponseImpl;
import org.atmosphere.cpr.Broadcaster;
import org.atmosphere.handler.AbstractReflectorAtmosphereHandler;
import org.atmosphere.util.VoidAnnotationProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;

/**
 * The server's close of a push connection ({@link QuietClosingPushConnection#disconnect()}, as Vaadin calls it when a
 * UI closes or stops pushing) and Atmosphere's own end of the same connection (what its thread does with the
 * browser's close frame: {@code AsynchronousProcessor.completeLifecycle}, which calls the handler's
 * {@code onStateChange}) meet, in both orders, on a real Atmosphere framework, broadcaster and resource. The
 * interleaving that made the clean-clone CI run log "Failed to cancel resource" (a {@code NullPointerException},
 * "resource" is null) is made certain here: the server closes the connection inside Atmosphere's window, after its
 * thread took the resource and before the handler reads the resource's event.
 */
class PushCloseRaceTest {

    private final AtmosphereFramework framework = new AtmosphereFramework(false, false);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger atmosphereLog = (Logger) LoggerFactory.getLogger("org.atmosphere");
    private Broadcaster broadcaster;
    private AsynchronousProcessor atmosphere;

    @BeforeEach
    void startAtmosphere() throws Exception {
        MockServletConfig servlet = new MockServletConfig(new MockServletContext(), "push");
        // As Vaadin's PushRequestHandler sets Atmosphere up (no annotation scan, a cache of broadcast messages), but
        // on the servlet container's asynchronous support: the lifecycle end at stake is the same
        // (AsynchronousProcessor.completeLifecycle, which the websocket support inherits).
        servlet.addInitParameter("org.atmosphere.cpr.AtmosphereFramework.analytics", "false");
        servlet.addInitParameter(ApplicationConfig.ANNOTATION_PROCESSOR, VoidAnnotationProcessor.class.getName());
        servlet.addInitParameter(ApplicationConfig.BROADCASTER_CACHE, UUIDBroadcasterCache.class.getName());
        servlet.addInitParameter(ApplicationConfig.PROPERTY_COMET_SUPPORT, Servlet30CometSupport.class.getName());
        framework.init(servlet);
        broadcaster = framework.getBroadcasterFactory().lookup("push-close-race", true);
        atmosphere = (AsynchronousProcessor) framework.getAsyncSupport();
        log.start();
        atmosphereLog.addAppender(log);
    }

    @AfterEach
    void stopAtmosphere() {
        atmosphereLog.detachAppender(log);
        framework.destroy();
    }

    @Test
    void theServerClosingAConnectionWhileAtmosphereEndsItForTheBrowserLogsNothingAndLeavesNoResource()
            throws Exception {
        Handler handler = new Handler();
        AtmosphereResourceImpl resource = pushResource(handler);
        QuietClosingPushConnection connection = new QuietClosingPushConnection(new UI());
        connection.connect(resource);
        // Atmosphere's thread has taken the resource (completeLifecycle) and is about to call the handler: the server
        // closes the connection right then, on its own thread, as Vaadin does when the UI goes.
        handler.beforeStateChange = () -> CompletableFuture.runAsync(connection::disconnect).get(10, TimeUnit.SECONDS);

        boolean ended = atmosphere.completeLifecycle(resource, true);

        assertThat(ended).as("Atmosphere's thread ended the resource's lifecycle").isTrue();
        assertThat(problems()).as("warnings and errors logged by Atmosphere").isEmpty();
        assertThat(handler.resourceSeen.get()).as("the resource of the event the handler got").isSameAs(resource);
        assertGone(resource, connection);
    }

    @Test
    void atmosphereEndingAConnectionTheServerClosedSkipsTheHandlerAndLeavesNoResource() throws Exception {
        Handler handler = new Handler();
        AtmosphereResourceImpl resource = pushResource(handler);
        QuietClosingPushConnection connection = new QuietClosingPushConnection(new UI());
        connection.connect(resource);

        connection.disconnect();
        boolean ended = atmosphere.completeLifecycle(resource, true);

        assertThat(ended).as("Atmosphere's thread ended the lifecycle of a resource the server had closed").isFalse();
        assertThat(handler.resourceSeen.get()).as("the handler was called").isNull();
        assertThat(problems()).as("warnings and errors logged by Atmosphere").isEmpty();
        assertGone(resource, connection);
    }

    private void assertGone(AtmosphereResourceImpl resource, QuietClosingPushConnection connection) {
        assertThat(resource.isCancelled()).as("the resource is cancelled").isTrue();
        assertThat(broadcaster.getAtmosphereResources()).as("the broadcaster's resources").doesNotContain(resource);
        assertThat(framework.atmosphereFactory().find(resource.uuid())).as("the resource in the factory").isNull();
        assertThat(connection.isConnected()).as("the connection is connected").isFalse();
    }

    /** A suspended websocket resource, as Vaadin has one for a push connection: on its broadcaster, registered. */
    private AtmosphereResourceImpl pushResource(Handler handler) {
        AtmosphereRequest request = new AtmosphereRequestImpl.Builder()
                .headers(Map.of("X-Atmosphere-Transport", "websocket")).build();
        AtmosphereResourceImpl resource = new AtmosphereResourceImpl();
        resource.initialize(framework.getAtmosphereConfig(), broadcaster, request,
                AtmosphereResponseImpl.newInstance(request), atmosphere, handler);
        resource.suspend(); // as Vaadin's PushHandler does with a new push connection
        assertThat(resource.transport()).isEqualTo(AtmosphereResource.TRANSPORT.WEBSOCKET);
        assertThat(broadcaster.getAtmosphereResources()).contains(resource);
        assertThat(framework.atmosphereFactory().find(resource.uuid())).isSameAs(resource);
        return resource;
    }

    private List<String> problems() {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? ""
                                : " " + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
    }

    /** Atmosphere's own reflector handler (the one Vaadin's push handler extends), with a hook before it runs. */
    private static final class Handler extends AbstractReflectorAtmosphereHandler {
        final AtomicReference<AtmosphereResource> resourceSeen = new AtomicReference<>();
        volatile Step beforeStateChange = () -> { };

        @Override
        public void onRequest(AtmosphereResource resource) {
        }

        @Override
        public void onStateChange(AtmosphereResourceEvent event) throws IOException {
            try {
                beforeStateChange.run();
            } catch (Exception e) {
                throw new IOException(e);
            }
            resourceSeen.set(event.getResource());
            super.onStateChange(event);
        }
    }

    private interface Step {
        void run() throws Exception;
    }
}
