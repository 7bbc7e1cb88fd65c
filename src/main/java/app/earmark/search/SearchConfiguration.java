package app.earmark.search;

import app.earmark.base.EarmarkProperties;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link SearchIndex} bean: embedded Lucene unless {@code earmark.search.engine=elasticsearch}. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(SearchProperties properties, EarmarkProperties earmark) {
        if (properties.engine() == SearchProperties.Engine.ELASTICSEARCH) {
            return new ElasticsearchSearchIndex(properties.elasticsearch());
        }
        Path directory = properties.directory() != null ? properties.directory()
                : earmark.dataDir().resolve("search");
        return new LuceneSearchIndex(directory);
    }
}
