package app.earmark.search;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search settings ({@code earmark.search.*}).
 *
 * @param engine        {@code lucene} (embedded, the default) or {@code elasticsearch}
 * @param directory     where the embedded index lives; default {@code earmark.data-dir/search}
 * @param elasticsearch the cluster, when the engine is {@code elasticsearch}
 */
@ConfigurationProperties("earmark.search")
public record SearchProperties(@DefaultValue("lucene") Engine engine, Path directory,
        @DefaultValue Elasticsearch elasticsearch) {

    public enum Engine {
        LUCENE,
        ELASTICSEARCH
    }

    /**
     * How to reach an Elasticsearch 8.x cluster.
     *
     * @param urls           one or more node URLs ({@code https://search1:9200})
     * @param username       for HTTP Basic, or null
     * @param password       for HTTP Basic, or null
     * @param apiKey         an encoded API key (used instead of a username), or null
     * @param caCertificate  a PEM file with the CA that signed the cluster's certificate (self-signed clusters),
     *                       or null for the JVM's trusted CAs
     * @param indexPrefix    prefix of Earmark's index and alias names (several Earmark centres can share a cluster)
     * @param replicas       replicas of the index (0 on a single node)
     * @param connectTimeout how long to wait for a connection
     * @param socketTimeout  how long to wait for an answer: a search never runs longer
     */
    public record Elasticsearch(@DefaultValue("http://localhost:9200") List<URI> urls, String username,
            String password, String apiKey, Path caCertificate, @DefaultValue("earmark") String indexPrefix,
            @DefaultValue("0") int replicas, @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration socketTimeout) {

        public Elasticsearch {
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException("earmark.search.elasticsearch.urls needs at least one URL");
            }
            if (indexPrefix == null || !indexPrefix.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
                throw new IllegalArgumentException("earmark.search.elasticsearch.index-prefix must be lower-case"
                        + " letters, digits, '-' or '_': " + indexPrefix);
            }
        }
    }
}
