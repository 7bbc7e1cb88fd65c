package app.earmark.base;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The checks of things outside the process in {@code /actuator/health} ({@code earmark.health.*}, see
 * {@link CachedHealthIndicator}): a slow media store or search engine must not hold up the probe, nor be asked on every
 * probe of every balancer.
 *
 * @param timeout how long one check may take before it is reported down
 * @param cache   how long an answer is reused
 */
@ConfigurationProperties("earmark.health")
public record HealthProperties(@DefaultValue("2s") Duration timeout, @DefaultValue("10s") Duration cache) {

    public HealthProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("earmark.health.timeout must be positive; it is " + timeout);
        }
        if (cache.isNegative()) {
            throw new IllegalArgumentException("earmark.health.cache must not be negative; it is " + cache);
        }
    }
}
