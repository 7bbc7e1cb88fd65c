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
 * @param route     this node's mark at the end of its session ids (e.g. {@code a}: {@code ….a}), for a proxy's sticky
 *                  sessions; none by default
 */
@ConfigurationProperties("earmark.cluster")
public record ClusterProperties(@DefaultValue("auto") Bus bus, String nodeName,
        @DefaultValue("10s") Duration reconnect, String route) {

    public ClusterProperties {
        if (route != null && !route.isEmpty() && !route.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("earmark.cluster.route must be 1 to 32 letters, digits, '_' or '-';"
                    + " it is '" + route + "'");
        }
    }

    public enum Bus {
        AUTO,
        POSTGRES,
        NONE
    }
}
