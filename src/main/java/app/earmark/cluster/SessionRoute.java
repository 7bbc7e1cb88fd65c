package app.earmark.cluster;

import org.apache.catalina.Engine;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sticky sessions: with {@code earmark.cluster.route} set (e.g. {@code a}), every session id this node gives out ends
 * in {@code .a} (Tomcat's {@code jvmRoute}), so a proxy sends the session's requests back to this node by its cookie
 * alone (see docs/deployment.md). A Vaadin session lives in one node's memory.
 */
@Component
class SessionRoute implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final String route;

    SessionRoute(ClusterProperties properties) {
        this.route = properties.route() == null ? "" : properties.route();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!route.isEmpty()) {
            factory.addContextCustomizers(context -> ((Engine) context.getParent().getParent()).setJvmRoute(route));
        }
    }
}
