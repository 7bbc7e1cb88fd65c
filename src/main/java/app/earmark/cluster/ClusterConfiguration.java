package app.earmark.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chooses the bus: PostgreSQL's when the database is PostgreSQL (or it is asked for), otherwise a single node's. Keeps a
 * node that is not ready from answering anything but its health.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean
    ClusterBus clusterBus(ClusterProperties properties, DataSourceProperties dataSource, JdbcTemplate jdbc,
            ObjectMapper json) {
        String url = dataSource.determineUrl();
        boolean postgres = url != null && url.startsWith("jdbc:postgresql:");
        ClusterProperties.Bus bus = properties.bus();
        if (bus == ClusterProperties.Bus.NONE || (bus == ClusterProperties.Bus.AUTO && !postgres)) {
            LOG.info("Cluster bus: none (a single node{})", postgres ? "" : "; several nodes need PostgreSQL");
            return new SingleNodeBus();
        }
        if (!postgres) {
            throw new IllegalStateException("earmark.cluster.bus=postgres needs the database to be PostgreSQL;"
                    + " spring.datasource.url is " + url);
        }
        String node = nodeName(properties);
        Properties connection = new Properties();
        if (dataSource.determineUsername() != null) {
            connection.setProperty("user", dataSource.determineUsername());
        }
        if (dataSource.determinePassword() != null) {
            connection.setProperty("password", dataSource.determinePassword());
        }
        connection.setProperty("ApplicationName", PostgresBus.applicationName(node));
        connection.setProperty("tcpKeepAlive", "true");
        return new PostgresBus(jdbc, () -> DriverManager.getConnection(url, connection), json, node,
                properties.reconnect());
    }

    /** Ahead of every other filter (security's too): a node that is not ready answers nothing but its health. */
    @Bean
    FilterRegistrationBean<NotReadyRefusal> notReadyRefusal(ApplicationAvailability availability) {
        FilterRegistrationBean<NotReadyRefusal> registration = new FilterRegistrationBean<>(
                new NotReadyRefusal(availability));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static String nodeName(ClusterProperties properties) {
        if (properties.nodeName() != null && !properties.nodeName().isBlank()) {
            return properties.nodeName();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
