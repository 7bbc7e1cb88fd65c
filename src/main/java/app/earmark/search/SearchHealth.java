package app.earmark.search;

import app.earmark.base.CachedHealthIndicator;
import app.earmark.base.HealthProperties;
import java.time.Clock;
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
    CachedHealthIndicator searchEngineHealthIndicator(SearchIndex index, Clock clock, HealthProperties limits) {
        return new CachedHealthIndicator("the search engine", () -> {
            index.version("health-check");
            return Health.up().withDetail("engine", index.engine()).build();
        }, limits, clock);
    }
}
