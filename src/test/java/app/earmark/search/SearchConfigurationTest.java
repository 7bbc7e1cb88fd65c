package app.earmark.search;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.base.EarmarkProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The engine is chosen by configuration, embedded Lucene by default, with its settings bound from properties. */
class SearchConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SearchProperties.class, EarmarkProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, SearchConfiguration.class)
            .withPropertyValues("earmark.data-dir=target/search-config-test");

    @Test
    void theEmbeddedEngineIsTheDefaultUnderTheDataDirectory() {
        runner.run(context -> {
            assertThat(context.getBean(SearchIndex.class)).isInstanceOf(SearchIndexes.class);
            assertThat(context.getBean(SearchIndexes.class).store()).isInstanceOf(LuceneIndexStore.class);
            assertThat(context.getBean(SearchIndex.class).engine()).isEqualTo("lucene");
            assertThat(context.getBean(SearchProperties.class).directory()).isNull();
        });
    }

    @Test
    void elasticsearchIsChosenWithItsSettings() {
        runner.withPropertyValues("earmark.search.engine=elasticsearch",
                "earmark.search.elasticsearch.urls=https://search1:9200,https://search2:9201",
                "earmark.search.elasticsearch.username=earmark", "earmark.search.elasticsearch.password=secret",
                "earmark.search.elasticsearch.index-prefix=centre-12345",
                "earmark.search.elasticsearch.socket-timeout=3s").run(context -> {
                    assertThat(context.getBean(SearchIndexes.class).store())
                            .isInstanceOf(ElasticsearchIndexStore.class);
                    var settings = context.getBean(SearchProperties.class).elasticsearch();
                    assertThat(settings.urls()).containsExactly(URI.create("https://search1:9200"),
                            URI.create("https://search2:9201"));
                    assertThat(settings.username()).isEqualTo("earmark");
                    assertThat(settings.indexPrefix()).isEqualTo("centre-12345");
                    assertThat(settings.socketTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    var store = (ElasticsearchIndexStore) context.getBean(SearchIndexes.class).store();
                    assertThat(store.alias()).isEqualTo("centre-12345-evidence");
                    assertThat(store.indexName("v1-abc")).isEqualTo("centre-12345-evidence-v1-abc");
                });
    }

    @Test
    void aBadIndexPrefixIsRefusedByName() {
        runner.withPropertyValues("earmark.search.engine=elasticsearch",
                "earmark.search.elasticsearch.index-prefix=Bad Prefix").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
                            "earmark.search.elasticsearch.index-prefix must be lower-case");
                });
    }

    @Test
    void anExplicitDirectoryIsUsed() {
        runner.withPropertyValues("earmark.search.directory=target/search-config-test/elsewhere").run(context ->
                assertThat(context.getBean(SearchProperties.class).directory())
                        .isEqualTo(Path.of("target/search-config-test/elsewhere")));
    }
}
