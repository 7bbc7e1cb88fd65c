package app.earmark.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the Prometheus metrics ({@code earmark.metrics.*}).
 *
 * @param token the bearer token a scraper sends ({@code Authorization: Bearer <token>}) to read
 *              {@code /actuator/prometheus}; at least {@value #MIN_TOKEN_LENGTH} characters. Without one, every request
 *              for the metrics is refused.
 */
@ConfigurationProperties("earmark.metrics")
public record MetricsProperties(String token) {

    static final int MIN_TOKEN_LENGTH = 16;

    public MetricsProperties {
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && (token.strip().length() < MIN_TOKEN_LENGTH || !token.strip().equals(token))) {
            throw new IllegalArgumentException("earmark.metrics.token must be at least " + MIN_TOKEN_LENGTH
                    + " characters without spaces at either end (it is " + token.length() + " characters long): a"
                    + " short token can be guessed; make one with e.g. 'openssl rand -hex 32'");
        }
    }
}
