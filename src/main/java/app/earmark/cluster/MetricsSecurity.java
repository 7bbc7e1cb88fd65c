package app.earmark.cluster;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * {@code /actuator/prometheus} on the application's own port, for a scraper that sends the configured bearer token
 * ({@code earmark.metrics.token}): anyone else, and everyone when no token is configured, gets 403. Metrics say how
 * busy a centre is and how its recordings fare, so they are not public; a separate management port would move the
 * load balancer's health checks off the application port too, which every proxy configuration here relies on.
 * Ordered before the security module's actuator chain, which refuses everything but health.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsSecurity.class);
    static final String PATH = "/actuator/prometheus";

    @Bean
    @Order(-1)
    SecurityFilterChain metricsFilterChain(HttpSecurity http, MetricsProperties properties) throws Exception {
        byte[] expected = properties.token() == null ? null
                : ("Bearer " + properties.token()).getBytes(StandardCharsets.UTF_8);
        if (expected == null) {
            LOG.info("Metrics: no earmark.metrics.token, so {} refuses every request", PATH);
        }
        return http.securityMatcher(PATH)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, PATH).access((authentication, context) ->
                                new AuthorizationDecision(matches(context.getRequest(), expected)))
                        .anyRequest().denyAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN))
                        .accessDeniedHandler((request, response, denied) -> response.sendError(
                                HttpStatus.FORBIDDEN.value(), "Metrics need the bearer token set in"
                                        + " earmark.metrics.token")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** Compares in constant time, so the token cannot be found a character at a time. */
    static boolean matches(HttpServletRequest request, byte[] expected) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return expected != null && header != null
                && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }
}
