package app.earmark.cluster;

import app.earmark.support.PostgresServer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A node's bus on the test's {@link PostgresServer}, for other modules' tests of what crosses between nodes on the
 * real bus; ready (listening) when made.
 */
public final class PostgresTestBus implements ClusterBus, AutoCloseable {

    private final PostgresBus bus;

    public PostgresTestBus(String node) {
        this.bus = open(node, new JdbcTemplate(new DriverManagerDataSource(PostgresServer.jdbcUrl(),
                PostgresServer.USER, "")));
    }

    /**
     * A node's bus on the test's server, listening (within 10 s), sending through {@code jdbc} (a message sent in a
     * transaction of its data source goes at commit).
     */
    static PostgresBus open(String node, JdbcTemplate jdbc) {
        Properties connection = new Properties();
        connection.setProperty("user", PostgresServer.USER);
        connection.setProperty("ApplicationName", PostgresBus.applicationName(node));
        PostgresBus bus = new PostgresBus(jdbc, () -> DriverManager.getConnection(PostgresServer.jdbcUrl(), connection),
                JsonMapper.builder().findAndAddModules().build(), node, Duration.ofSeconds(1));
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!bus.listening()) {
            if (System.nanoTime() > until) {
                bus.close();
                throw new IllegalStateException("The bus of node " + node + " did not listen within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return bus;
    }

    @Override
    public void publish(String topic, Object message) {
        bus.publish(topic, message);
    }

    @Override
    public <T> Runnable subscribe(String topic, Class<T> type, Consumer<T> consumer) {
        return bus.subscribe(topic, type, consumer);
    }

    @Override
    public boolean listening() {
        return bus.listening();
    }

    @Override
    public void close() {
        bus.close();
    }
}
