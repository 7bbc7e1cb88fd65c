package app.earmark.cluster;

import java.util.function.Consumer;

/**
 * Messages between the nodes of one Earmark cluster, for what open pages must be told at once. A message goes to every
 * other node, never back to the one that sent it (that node tells its own pages directly); a node that is not
 * listening when a message is sent (starting, or reconnecting to the database) does not get it: the message is a
 * nudge for pages that are open, never the record of anything.
 */
public interface ClusterBus {

    /**
     * Sends a message (a record Jackson can write) on a topic to the other nodes. Inside a transaction it is sent when
     * the transaction commits, and not at all if it rolls back. Never throws: a message that cannot be sent is logged.
     */
    void publish(String topic, Object message);

    /**
     * Calls {@code consumer} with each message another node sends on the topic, read as {@code type}. Calls come on the
     * bus's own thread, one at a time: hand the work on and return.
     *
     * @return what to run to stop
     */
    <T> Runnable subscribe(String topic, Class<T> type, Consumer<T> consumer);

    /** Whether this node hears the others now (always true on a single node). */
    boolean listening();
}
