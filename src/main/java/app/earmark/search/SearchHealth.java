package app.earmark.search;

import app.earmark.base.CachedHealthIndicator;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The search engine's part of {@code /actuator/health} ({@code searchEngine}): the live index answers a lookup (the
 * embedded Lucene index is open; Elasticsearch is reachable), within {@code earmark.health.timeout}, remembered for
 * {@code earmark.health.cache}. Not part of readiness (docs/deployment.md).
 */
@Configuration(proxyBeanMethods = false)
class SearchHealth {

    @Bean
    CachedHealthIndicator searchEngineHealthIndicator(SearchIndex index, Clock clock,
            @Value("${earmark.health.timeout:2s}") Duration timeout, @Value("${earmark.health.cache:10s}") Duration cache) {
        return new CachedHealthIndicator("the search engine", () -> {
            index.version("health-check");
            return Health.up().withDetail("engine", index.engine()).build();
        }, timeout, cache, clock);
    }
}
