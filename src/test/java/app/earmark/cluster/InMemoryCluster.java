package app.earmark.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Nodes in one JVM that hear each other at once, for tests of what a module does with the other nodes' messages. A
 * message still goes through JSON, as on PostgreSQL, and one larger than that bus sends is refused
 * ({@code PostgresBusIT} tests that bus itself).
 */
public final class InMemoryCluster {

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    /** A new node of this cluster. */
    public ClusterBus node() {
        Node node = new Node();
        nodes.add(node);
        return node;
    }

    private final class Node implements ClusterBus {

        private record Subscription<T>(Class<T> type, Consumer<T> consumer) {
        }

        private final Map<String, Set<Subscription<?>>> subscriptions = new ConcurrentHashMap<>();

        @Override
        public void publish(String topic, Object message) {
            String body;
            int size;
            try {
                body = json.writeValueAsString(message);
                size = json.writeValueAsBytes(Map.of("node", "a node's name", "topic", topic, "body", message)).length;
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
            if (size > PostgresBus.MAX_PAYLOAD) {
                // PostgreSQL's bus would not send it (a notification carries at most 8,000 bytes).
                throw new IllegalArgumentException("A message on " + topic + " of " + size + " bytes is more than the"
                        + " bus on PostgreSQL sends (" + PostgresBus.MAX_PAYLOAD + ")");
            }
            nodes.stream().filter(node -> node != this).forEach(node -> node.deliver(topic, body));
        }

        private void deliver(String topic, String body) {
            subscriptions.getOrDefault(topic, Set.of()).forEach(subscription -> deliver(subscription, body));
        }

        private <T> void deliver(Subscription<T> subscription, String body) {
            try {
                subscription.consumer().accept(json.readValue(body, subscription.type()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public <T> Runnable subscribe(String topic, Class<T> type, Consumer<T> consumer) {
            Subscription<T> subscription = new Subscription<>(type, consumer);
            subscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>()).add(subscription);
            return () -> subscriptions.getOrDefault(topic, Set.of()).remove(subscription);
        }

        @Override
        public boolean listening() {
            return true;
        }
    }
}
