package app.earmark.search;

import app.earmark.base.EarmarkProperties;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link SearchIndex} bean: embedded Lucene unless {@code earmark.search.engine=elasticsearch}, with its indexes
 * versioned and rebuilt beside the live one ({@link SearchIndexes}).
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchIndexes searchIndex(SearchProperties properties, EarmarkProperties earmark) {
        if (properties.engine() == SearchProperties.Engine.ELASTICSEARCH) {
            return new SearchIndexes(new ElasticsearchIndexStore(properties.elasticsearch()));
        }
        Path directory = properties.directory() != null ? properties.directory()
                : earmark.dataDir().resolve("search");
        return new SearchIndexes(new LuceneIndexStore(directory));
    }
}
