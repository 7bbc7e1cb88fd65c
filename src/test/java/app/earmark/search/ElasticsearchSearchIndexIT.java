package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.earmark.support.ElasticsearchServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract on a real Elasticsearch server (the integ-test distribution, started by {@link ElasticsearchServer}),
 * plus what only it has: an unreachable cluster is a clear "unavailable", not a stack trace.
 */
@ExtendWith(ElasticsearchServer.class)
class ElasticsearchSearchIndexIT extends SearchIndexContract {

    private static ElasticsearchSearchIndex elasticsearch;

    @Override
    SearchIndex openEmptyIndex() {
        if (elasticsearch == null) {
            elasticsearch = new ElasticsearchSearchIndex(settings(ElasticsearchServer.url(), "earmark-test"));
        }
        elasticsearch.clear();
        return elasticsearch;
    }

    @Override
    void refresh() {
        elasticsearch.refresh();
    }

    @AfterAll
    static void closeClient() {
        if (elasticsearch != null) {
            elasticsearch.close();
            elasticsearch = null;
        }
    }

    static SearchProperties.Elasticsearch settings(URI url, String prefix) {
        return new SearchProperties.Elasticsearch(List.of(url), null, null, null, null, prefix, 0,
                Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @Test
    void theIndexIsMadeForTheMappingVersionBehindItsAlias() {
        assertThat(elasticsearch.alias()).isEqualTo("earmark-test-evidence");
        indexAll();
        assertThat(ids(search("\"GROW model\""))).containsExactlyInAnyOrder("tag:1", "sheet-ac:5:502/2.3");
    }

    @Test
    void anUnreachableClusterIsReportedAsUnavailable() throws Exception {
        int closedPort = app.earmark.support.Ports.free();
        try (var down = new ElasticsearchSearchIndex(settings(URI.create("http://127.0.0.1:" + closedPort), "down"))) {
            assertThatThrownBy(() -> down.search(SearchQuery.of("grow", VISIBLE)))
                    .isInstanceOf(SearchException.Unavailable.class)
                    .hasMessageStartingWith("Search is unavailable: Elasticsearch at [http://127.0.0.1:" + closedPort
                            + "] could not create the search index");
        }
    }
}
