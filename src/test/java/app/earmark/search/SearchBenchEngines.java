package app.earmark.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The two engines as the search benchmark ({@code app.earmark.bench.SearchBenchmark}) opens them. */
public final class SearchBenchEngines {

    private SearchBenchEngines() {
    }

    /** The embedded engine in a folder. */
    public static SearchIndex lucene(Path folder) {
        return new LuceneSearchIndex(folder);
    }

    /** An Elasticsearch index with this prefix on the server at {@code url} (no replicas: one node). */
    public static SearchIndex elasticsearch(URI url, String prefix) {
        return new ElasticsearchSearchIndex(new SearchProperties.Elasticsearch(List.of(url), null, null, null, null,
                prefix, 0, Duration.ofSeconds(5), Duration.ofSeconds(60)));
    }

    /** The body of the search request Elasticsearch is sent for a query (JSON), for probing its cost. */
    public static String elasticsearchRequest(SearchIndex index, SearchQuery query) {
        var request = ((ElasticsearchSearchIndex) index).request(query, SearchText.parse(query.text()));
        return co.elastic.clients.json.JsonpUtils.toJsonString(request,
                new co.elastic.clients.json.jackson.JacksonJsonpMapper(DocumentFields.JSON));
    }

    /** Makes every change so far searchable now. */
    public static void refresh(SearchIndex index) {
        if (index instanceof LuceneSearchIndex lucene) {
            lucene.refresh();
        } else if (index instanceof ElasticsearchSearchIndex elasticsearch) {
            elasticsearch.refresh();
        } else {
            throw new IllegalArgumentException("Not an engine: " + index);
        }
    }

    /** The Elasticsearch alias searches go through. */
    public static String alias(SearchIndex index) {
        return ((ElasticsearchSearchIndex) index).alias();
    }

    /** Closes an engine (Lucene commits and waits for its merges). */
    public static void close(SearchIndex index) {
        try {
            ((AutoCloseable) index).close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing " + index.engine() + " failed", e);
        }
    }

    /** The bytes of the files under a folder. */
    public static long folderSize(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
