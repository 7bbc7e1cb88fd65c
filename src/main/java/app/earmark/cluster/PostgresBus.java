package app.earmark.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bus on PostgreSQL: a message is a {@code NOTIFY} on one channel, sent through the application's own connections
 * (so inside a transaction it goes at commit, and not on rollback), and heard on a connection of the bus's own that
 * {@code LISTEN}s. When that connection is lost (a restart, a failover) the bus says so once, waits (doubling up to
 * {@link ClusterProperties#reconnect()}) and listens again; messages sent meanwhile are not heard.
 *
 * <p>A message is JSON {@code {"node", "topic", "body"}}, at most {@value #MAX_PAYLOAD} bytes (PostgreSQL takes up to
 * 8,000): larger ones are not sent, and the log says which.
 */
final class PostgresBus implements ClusterBus, AutoCloseable {

    static final String CHANNEL = "earmark_cluster";
    static final int MAX_PAYLOAD = 7900;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBus.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    /** Opens the listening connection (a plain one, outside the pool, held for as long as it works). */
    interface Connector {
        Connection open() throws SQLException;
    }

    private record Subscription<T>(Class<T> type, Consumer<T> consumer) {
    }

    private final JdbcTemplate jdbc;
    private final Connector connector;
    private final ObjectMapper json;
    private final String node;
    private final Duration maxWait;
    private final Map<String, Set<Subscription<?>>> subscriptions = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection connection;

    PostgresBus(JdbcTemplate jdbc, Connector connector, ObjectMapper json, String node, Duration maxWait) {
        this.jdbc = jdbc;
        this.connector = connector;
        this.json = json;
        this.node = node;
        this.maxWait = maxWait;
        this.listener = new Thread(this::listen, "cluster-bus");
        listener.setDaemon(true);
        listener.start();
    }

    /** How the listening connection names itself to PostgreSQL ({@code pg_stat_activity.application_name}). */
    static String applicationName(String node) {
        String name = "earmark-bus " + node;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    @Override
    public void publish(String topic, Object message) {
        String payload;
        try {
            payload = json.writeValueAsString(Map.of("node", node, "topic", topic, "body", message));
        } catch (JsonProcessingException e) {
            LOG.error("A cluster message on {} could not be written as JSON; the other nodes are not told: {}", topic,
                    e.toString());
            return;
        }
        int size = payload.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD) {
            LOG.error("A cluster message on {} has {} bytes, more than {}: the other nodes are not told", topic, size,
                    MAX_PAYLOAD);
            return;
        }
        try {
            jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, payload);
        } catch (RuntimeException e) {
            LOG.warn("A cluster message on {} could not be sent; the other nodes are not told: {}", topic,
                    e.toString());
        }
    }

    @Override
    public <T> Runnable subscribe(String topic, Class<T> type, Consumer<T> consumer) {
        Subscription<T> subscription = new Subscription<>(type, consumer);
        subscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>()).add(subscription);
        return () -> subscriptions.computeIfPresent(topic, (t, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public boolean listening() {
        return listening;
    }

    private void listen() {
        Duration wait = Duration.ofMillis(250);
        boolean warned = false;
        while (running) {
            try (Connection c = connector.open()) {
                connection = c;
                try (Statement statement = c.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                wait = Duration.ofMillis(250);
                if (warned) {
                    LOG.info("Cluster bus: node {} hears the other nodes again", node);
                    warned = false;
                } else {
                    LOG.info("Cluster bus: node {} listens on PostgreSQL channel {}", node, CHANNEL);
                }
                long nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - nextCheck > 0) {
                        // A connection cut without a word (a failover, a network partition) shows here.
                        try (Statement statement = c.createStatement()) {
                            statement.execute("select 1");
                        }
                        nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                if (!warned) {
                    LOG.warn("Cluster bus: node {} lost its connection to the database and does not hear the other"
                            + " nodes until it is back (retrying): {}", node, e.toString());
                    warned = true;
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                wait = wait.multipliedBy(2).compareTo(maxWait) > 0 ? maxWait : wait.multipliedBy(2);
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void deliver(String payload) {
        JsonNode message;
        try {
            message = json.readTree(payload);
        } catch (JsonProcessingException e) {
            LOG.warn("Cluster bus: a message that is not JSON was ignored: {}", e.getOriginalMessage());
            return;
        }
        if (node.equals(message.path("node").asText())) {
            return;
        }
        Set<Subscription<?>> interested = subscriptions.get(message.path("topic").asText());
        if (interested == null) {
            return;
        }
        for (Subscription<?> subscription : interested) {
            deliver(subscription, message);
        }
    }

    private <T> void deliver(Subscription<T> subscription, JsonNode message) {
        try {
            subscription.consumer().accept(json.treeToValue(message.get("body"), subscription.type()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Cluster bus: a message on {} from node {} could not be handled: {}",
                    message.path("topic").asText(), message.path("node").asText(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing anyway.
            }
        }
        try {
            listener.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
