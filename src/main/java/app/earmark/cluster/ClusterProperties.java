package app.earmark.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cluster settings ({@code earmark.cluster.*}).
 *
 * @param bus       {@code auto} (PostgreSQL's LISTEN/NOTIFY when the database is PostgreSQL, else none), {@code
 *                  postgres} or {@code none} (a single node)
 * @param nodeName  this node's name in logs and messages; default the host name and a random suffix
 * @param reconnect the longest wait between attempts to listen again after the database connection is lost
 */
@ConfigurationProperties("earmark.cluster")
public record ClusterProperties(@DefaultValue("auto") Bus bus, String nodeName,
        @DefaultValue("10s") Duration reconnect) {

    public enum Bus {
        AUTO,
        POSTGRES,
        NONE
    }
}
